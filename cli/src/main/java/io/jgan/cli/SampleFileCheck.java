package io.jgan.cli;

import io.jgan.cli.output.NpyReader;
import io.jgan.eval.Classifier;
import io.jgan.eval.Sampling;
import io.jgan.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Classifies the samples of a .npy file for {@code jgan eval --samples}, a chunk at a time, after
 * checking that they are what jgan's generators produce: finite values in [-1, 1]. A file of
 * images in [0, 1] or [0, 255] would otherwise be scored as if it were valid and give a
 * meaningless FID, so it is refused with the range found.
 */
final class SampleFileCheck {
    /** Slack for values a tanh in float32 (or a float64 round trip) can put a hair outside [-1, 1]. */
    static final double RANGE_SLACK = 1e-3;

    private SampleFileCheck() {}

    /**
     * @param r the open file, positioned at its first sample
     * @param c the evaluation classifier
     * @param n how many samples to read
     * @param file the file's name, for messages
     * @return the classifier's features and probabilities of the n samples
     * @throws IOException if reading fails
     * @throws UserError if a value is not finite or outside [-1, 1]
     */
    static Classifier.Outputs classify(NpyReader r, Classifier c, int n, Path file) throws IOException {
        int f = c.config().features();
        int k = c.config().classes();
        int pixels = c.config().channels() * c.config().size() * c.config().size();
        Tensor features = Tensor.zeros(n, f);
        Tensor probs = Tensor.zeros(n, k);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int from = 0; from < n; from += Sampling.CHUNK) {
            int m = Math.min(Sampling.CHUNK, n - from);
            Tensor chunk = r.next(m);
            float[] v = chunk.toArray();
            for (float x : v) {
                if (!Float.isFinite(x)) {
                    throw new UserError(file + " holds a non-finite value (" + x + ") in sample " + (from + indexOf(v, x) / pixels));
                }
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            if (lo < -1 - RANGE_SLACK || hi > 1 + RANGE_SLACK) {
                throw new UserError(file + " holds values in [" + lo + ", " + hi + "] (samples " + from + ".." + (from + m - 1)
                        + "); jgan eval reads images in [-1, 1], as generators with a tanh output make them (x / 127.5 - 1 for bytes)");
            }
            Classifier.Outputs o = c.evaluate(Tensor.wrap(v, m, pixels), Sampling.CHUNK);
            System.arraycopy(o.features().data(), o.features().offset(), features.data(), features.offset() + from * f, m * f);
            System.arraycopy(o.probabilities().data(), o.probabilities().offset(), probs.data(), probs.offset() + from * k, m * k);
        }
        return new Classifier.Outputs(features, probs);
    }

    private static int indexOf(float[] v, float x) {
        for (int i = 0; i < v.length; i++) {
            if (Float.compare(v[i], x) == 0) {
                return i;
            }
        }
        return 0;
    }
}
