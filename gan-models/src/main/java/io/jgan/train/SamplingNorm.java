package io.jgan.train;

import io.jgan.autograd.GradMode;
import io.jgan.autograd.Variable;
import io.jgan.models.Generator;
import io.jgan.nn.BatchNorm;
import io.jgan.nn.Module;
import io.jgan.nn.StandingStats;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

import java.util.Arrays;

/**
 * Which batch-norm statistics a generator samples with (it matters only for generators with batch
 * norm, e.g. dcgan; the others sample the same way in every mode).
 */
public enum SamplingNorm {
    /** Evaluation mode with the running statistics kept during training (PyTorch's {@code G.eval()}). */
    RUNNING,
    /**
     * Evaluation mode with standing statistics: re-estimated from {@value StandingStats#DEFAULT_BATCHES}
     * batches of 64 of the current weights first ({@link StandingStats}); the module is left as it was.
     */
    STANDING,
    /**
     * Training-mode normalisation by the statistics of each batch of 64 samples, as the PyTorch DCGAN
     * example and {@code torch_train_baseline.py} sample (the running statistics are not touched).
     */
    BATCH;

    /** Samples per batch for {@link #STANDING} and {@link #BATCH}: the training batch of the recipes. */
    public static final int BATCH_SIZE = 64;
    private static final long STANDING_SEED = 0x5eed5eedL;

    /** @return the name used on the command line and in JSON */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param name running, standing or batch
     * @return the choice
     * @throws IllegalArgumentException naming the choices
     */
    public static SamplingNorm parse(String name) {
        for (SamplingNorm n : values()) {
            if (n.cliName().equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown batch-norm statistics '" + name + "' (choices: running, standing, batch)");
    }

    /**
     * @param g the generator (its training flag is restored afterwards)
     * @param z latent codes [N, latent]
     * @param labels labels for conditional generators, else null
     * @return samples [N, ...], without a graph
     */
    Tensor sample(Generator g, Tensor z, int[] labels) {
        boolean wasTraining = g.isTraining();
        try (var ng = GradMode.noGrad()) {
            return switch (this) {
                case RUNNING -> {
                    g.eval();
                    yield g.generate(Variable.of(z), labels).value().copy();
                }
                case STANDING -> {
                    Rng rng = new Rng(STANDING_SEED).split("standing-stats");
                    int latent = g.latentDim();
                    yield StandingStats.with(g, StandingStats.DEFAULT_BATCHES,
                            b -> g.generate(Variable.of(Tensor.randn(rng, BATCH_SIZE, latent)), cycled(labels, b)),
                            () -> g.generate(Variable.of(z), labels).value().copy());
                }
                case BATCH -> inBatches(g, z, labels);
            };
        } finally {
            g.train(wasTraining);
        }
    }

    private static int[] cycled(int[] labels, int batch) {
        if (labels == null) {
            return null;
        }
        int[] out = new int[BATCH_SIZE];
        for (int i = 0; i < BATCH_SIZE; i++) {
            out[i] = labels[(batch * BATCH_SIZE + i) % labels.length];
        }
        return out;
    }

    private static Tensor inBatches(Generator g, Tensor z, int[] labels) {
        g.train(true);
        for (Module m : g.modules()) {
            if (m instanceof BatchNorm b) {
                b.freezeRunningStats(true);
            }
        }
        try {
            int n = z.dim(0);
            Tensor out = null;
            for (int from = 0; from < n; from += BATCH_SIZE) {
                int to = Math.min(n, from + BATCH_SIZE);
                Tensor part = g.generate(Variable.of(z.slice(from, to).copy()),
                        labels == null ? null : Arrays.copyOfRange(labels, from, to)).value();
                if (out == null) {
                    int[] dims = part.dims();
                    dims[0] = n;
                    out = Tensor.zeros(dims);
                }
                System.arraycopy(part.data(), part.offset(), out.data(), out.offset() + from * (part.size() / (to - from)), part.size());
            }
            return out;
        } finally {
            for (Module m : g.modules()) {
                if (m instanceof BatchNorm b) {
                    b.freezeRunningStats(false);
                }
            }
        }
    }
}
