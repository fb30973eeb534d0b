package io.jgan.eval;

import io.jgan.models.Generator;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.train.Ema;
import io.jgan.train.GanTrainer;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws many samples from a generator for evaluation, a chunk at a time so the activations of
 * 10,000 samples never live at once. Conditional generators get the labels 0, 1, ..., C-1 in turn,
 * so every class is represented equally, as in the reference set.
 */
public final class Sampling {
    /** Samples per generator call. */
    public static final int CHUNK = 500;

    private Sampling() {}

    /**
     * @param g the generator (evaluation mode is set for the draw and restored afterwards)
     * @param ema its weight average to sample with, or null for the current weights
     * @param n how many samples
     * @param numClasses classes for a conditional generator (ignored otherwise)
     * @param rng the latent noise
     * @return samples [n, ...sampleShape]
     */
    public static Tensor draw(Generator g, Ema ema, int n, int numClasses, Rng rng) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of samples must be positive, got " + n);
        }
        List<Tensor> parts = new ArrayList<>();
        for (int from = 0; from < n; from += CHUNK) {
            int m = Math.min(CHUNK, n - from);
            Tensor z = Tensor.randn(rng, m, g.latentDim());
            int[] labels = null;
            if (g.conditional()) {
                labels = new int[m];
                for (int i = 0; i < m; i++) {
                    labels[i] = (from + i) % numClasses;
                }
            }
            parts.add(GanTrainer.sample(g, ema, z, labels));
        }
        return parts.size() == 1 ? parts.get(0) : Tensor.concat(parts, 0);
    }
}
