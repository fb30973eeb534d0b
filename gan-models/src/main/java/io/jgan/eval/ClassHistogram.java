package io.jgan.eval;

import io.jgan.tensor.Tensor;

/**
 * How the classifier's decisions spread over the classes: the histogram of argmax predictions and
 * its entropy. A generator that covers every digit evenly scores ln 10 = 2.303 nats; one that
 * collapses onto a single digit scores 0. Complements the Inception-style score, which mixes
 * balance with confidence.
 */
public final class ClassHistogram {
    private ClassHistogram() {}

    /**
     * @param probs [N, C] class probabilities
     * @return the count of samples whose most likely class is each class
     */
    public static int[] counts(Tensor probs) {
        if (probs.rank() != 2 || probs.dim(1) < 1) {
            throw new IllegalArgumentException("class probabilities must be [N, C], got " + probs.shape());
        }
        int[] counts = new int[probs.dim(1)];
        for (int c : probs.argmax(1)) {
            counts[c]++;
        }
        return counts;
    }

    /**
     * @param counts a histogram with a positive total
     * @return its entropy in nats, in [0, ln C]
     */
    public static double entropy(int[] counts) {
        long total = 0;
        for (int c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("negative count " + c);
            }
            total += c;
        }
        if (total == 0) {
            throw new IllegalArgumentException("the entropy of an empty histogram is undefined");
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                h -= p * Math.log(p);
            }
        }
        return h;
    }
}
