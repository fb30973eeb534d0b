package io.jgan.tensor;

/**
 * Fused training-mode batch normalisation over every axis but the channel axis 1: one pass for the
 * statistics, one for the output, and a two-pass backward, instead of the ~15 primitive ops (and
 * their temporaries) of the composite formula.
 *
 * <p>The input is viewed as [N, C, S] with S the product of the axes after the channel axis. Each
 * channel's statistics are summed in double in a fixed order by a single task, and channels are the
 * unit of parallel work, so results do not depend on the thread count.
 */
public final class BatchNormKernels {
    private BatchNormKernels() {
    }

    /** Channels per parallel task for [N, C, S] with S &gt; 1; below this a channel's work is too small to hand out alone. */
    private static final int MIN_WORK_PER_TASK = 1 << 15;

    /**
     * Normalises {@code x} with its batch statistics, scales by gamma and shifts by beta.
     *
     * @param x the input [N, C, ...]
     * @param gamma the scale [C] (any shape of C elements), or null for 1
     * @param beta the shift [C], or null for 0
     * @param eps added to the variance
     * @param mean receives the batch mean [C]
     * @param invStd receives 1 / sqrt(biased variance + eps) [C]
     * @param variance receives the biased batch variance [C], or null
     * @return the output, shaped like x
     */
    public static Tensor forward(Tensor x, Tensor gamma, Tensor beta, float eps, float[] mean, float[] invStd, float[] variance) {
        int n = x.dim(0);
        int c = x.dim(1);
        int s = x.size() / (n * c);
        float[] xd = x.data();
        int xo = x.offset();
        Tensor y = Tensor.zeros(x.shape());
        float[] yd = y.data();
        if (s == 1) {
            statsRows(xd, xo, n, c, mean, invStd, variance, eps);
            Scratch ws = SCRATCH.get();
            float[] sc = ws.floats(0, c);
            float[] sh = ws.floats(1, c);
            for (int ch = 0; ch < c; ch++) {
                float g = gamma == null ? 1f : gamma.data()[gamma.offset() + ch];
                float b = beta == null ? 0f : beta.data()[beta.offset() + ch];
                sc[ch] = invStd[ch] * g;
                sh[ch] = b - mean[ch] * sc[ch];
            }
            Parallel.forRange(n, Math.max(1, MIN_WORK_PER_TASK / c), (lo, hi) -> {
                for (int r = lo; r < hi; r++) {
                    int base = r * c;
                    for (int ch = 0; ch < c; ch++) {
                        yd[base + ch] = xd[xo + base + ch] * sc[ch] + sh[ch];
                    }
                }
            });
            return y;
        }
        Parallel.forRange(c, grain(n * s), (lo, hi) -> {
            for (int ch = lo; ch < hi; ch++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    int base = xo + (i * c + ch) * s;
                    for (int k = 0; k < s; k++) {
                        sum += xd[base + k];
                    }
                }
                double m = sum / ((double) n * s);
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    int base = xo + (i * c + ch) * s;
                    for (int k = 0; k < s; k++) {
                        double d = xd[base + k] - m;
                        sq += d * d;
                    }
                }
                double v = sq / ((double) n * s);
                float is = (float) (1.0 / Math.sqrt(v + eps));
                mean[ch] = (float) m;
                invStd[ch] = is;
                if (variance != null) {
                    variance[ch] = (float) v;
                }
                float g = gamma == null ? 1f : gamma.data()[gamma.offset() + ch];
                float b = beta == null ? 0f : beta.data()[beta.offset() + ch];
                float sc = is * g;
                float sh = b - (float) m * sc;
                for (int i = 0; i < n; i++) {
                    int base = (i * c + ch) * s;
                    for (int k = 0; k < s; k++) {
                        yd[base + k] = xd[xo + base + k] * sc + sh;
                    }
                }
            }
        });
        return y;
    }

    /** Statistics of [N, C] by rows: the channel is the contiguous axis, so walk rows and sum across channels. */
    private static void statsRows(float[] xd, int xo, int n, int c, float[] mean, float[] invStd, float[] variance, float eps) {
        Scratch ws = SCRATCH.get();
        double[] sum = ws.doubles(0, c);
        for (int r = 0; r < n; r++) {
            int base = xo + r * c;
            for (int ch = 0; ch < c; ch++) {
                sum[ch] += xd[base + ch];
            }
        }
        double[] m = ws.doubles(1, c);
        for (int ch = 0; ch < c; ch++) {
            m[ch] = sum[ch] / n;
        }
        double[] sq = sum; // reused: the sums are no longer needed
        java.util.Arrays.fill(sq, 0);
        for (int r = 0; r < n; r++) {
            int base = xo + r * c;
            for (int ch = 0; ch < c; ch++) {
                double d = xd[base + ch] - m[ch];
                sq[ch] += d * d;
            }
        }
        for (int ch = 0; ch < c; ch++) {
            double v = sq[ch] / n;
            mean[ch] = (float) m[ch];
            invStd[ch] = (float) (1.0 / Math.sqrt(v + eps));
            if (variance != null) {
                variance[ch] = (float) v;
            }
        }
    }

    /**
     * The gradients of {@link #forward}, with xhat recomputed from x and the saved statistics:
     * dbeta = sum g, dgamma = sum g xhat, dx = gamma invStd / M (M g - dbeta - xhat dgamma).
     *
     * @param g the upstream gradient, shaped like x
     * @param x the forward input
     * @param gamma the scale, or null
     * @param mean the saved batch mean
     * @param invStd the saved inverse standard deviation
     * @param dGamma receives the gradient of gamma [C] (always computed: dx needs it)
     * @param dBeta receives the gradient of beta [C]
     * @param wantX whether to compute dx
     * @return dx shaped like x, or null when not wanted
     */
    public static Tensor backward(Tensor g, Tensor x, Tensor gamma, float[] mean, float[] invStd, float[] dGamma, float[] dBeta,
                                  boolean wantX) {
        int n = x.dim(0);
        int c = x.dim(1);
        int s = x.size() / (n * c);
        float[] xd = x.data();
        int xo = x.offset();
        float[] gd = g.data();
        int go = g.offset();
        Tensor dx = wantX ? Tensor.zeros(x.shape()) : null;
        float[] dd = wantX ? dx.data() : null;
        double count = (double) n * s;
        if (s == 1) {
            Scratch ws = SCRATCH.get();
            double[] sg = ws.doubles(0, c);
            double[] sgx = ws.doubles(1, c);
            for (int r = 0; r < n; r++) {
                int base = r * c;
                for (int ch = 0; ch < c; ch++) {
                    float gv = gd[go + base + ch];
                    sg[ch] += gv;
                    sgx[ch] += gv * ((xd[xo + base + ch] - mean[ch]) * invStd[ch]);
                }
            }
            float[] k1 = ws.floats(0, c);
            float[] k2 = ws.floats(1, c);
            float[] k3 = ws.floats(2, c);
            for (int ch = 0; ch < c; ch++) {
                dBeta[ch] = (float) sg[ch];
                dGamma[ch] = (float) sgx[ch];
                float gm = gamma == null ? 1f : gamma.data()[gamma.offset() + ch];
                k1[ch] = gm * invStd[ch];
                k2[ch] = (float) (sg[ch] / count);
                k3[ch] = (float) (sgx[ch] / count);
            }
            if (wantX) {
                Parallel.forRange(n, Math.max(1, MIN_WORK_PER_TASK / c), (lo, hi) -> {
                    for (int r = lo; r < hi; r++) {
                        int base = r * c;
                        for (int ch = 0; ch < c; ch++) {
                            float xh = (xd[xo + base + ch] - mean[ch]) * invStd[ch];
                            dd[base + ch] = k1[ch] * (gd[go + base + ch] - k2[ch] - xh * k3[ch]);
                        }
                    }
                });
            }
            return dx;
        }
        Parallel.forRange(c, grain(n * s), (lo, hi) -> {
            for (int ch = lo; ch < hi; ch++) {
                float m = mean[ch];
                float is = invStd[ch];
                double sg = 0;
                double sgx = 0;
                for (int i = 0; i < n; i++) {
                    int base = (i * c + ch) * s;
                    for (int k = 0; k < s; k++) {
                        float gv = gd[go + base + k];
                        sg += gv;
                        sgx += gv * ((xd[xo + base + k] - m) * is);
                    }
                }
                dBeta[ch] = (float) sg;
                dGamma[ch] = (float) sgx;
                if (!wantX) {
                    continue;
                }
                float k1 = (gamma == null ? 1f : gamma.data()[gamma.offset() + ch]) * is;
                float k2 = (float) (sg / count);
                float k3 = (float) (sgx / count);
                for (int i = 0; i < n; i++) {
                    int base = (i * c + ch) * s;
                    for (int k = 0; k < s; k++) {
                        float xh = (xd[xo + base + k] - m) * is;
                        dd[base + k] = k1 * (gd[go + base + k] - k2 - xh * k3);
                    }
                }
            }
        });
        return dx;
    }

    private static int grain(int perChannel) {
        return Math.max(1, MIN_WORK_PER_TASK / Math.max(1, perChannel));
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Per-thread per-channel buffers for the [N, C] path, grown on demand and reused: batch norm on
     * 6272 features allocated ~0.3 MB per forward and backward otherwise (the bulk of what an
     * MNIST-GAN step still allocated). Only the calling thread writes them; workers read them
     * inside one call, which ends before the caller's next use.
     */
    private static final class Scratch {
        private final double[][] doubles = {new double[0], new double[0]};
        private final float[][] floats = {new float[0], new float[0], new float[0]};

        /** @return buffer {@code i} with its first {@code c} entries zero */
        double[] doubles(int i, int c) {
            if (doubles[i].length < c) {
                doubles[i] = new double[c];
            } else {
                java.util.Arrays.fill(doubles[i], 0, c, 0.0);
            }
            return doubles[i];
        }

        /** @return buffer {@code i} (contents undefined: every entry used is written first) */
        float[] floats(int i, int c) {
            if (floats[i].length < c) {
                floats[i] = new float[c];
            }
            return floats[i];
        }
    }
}
