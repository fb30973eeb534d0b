package io.jgan.nn;

import io.jgan.autograd.GradMode;
import io.jgan.autograd.Ops;
import io.jgan.autograd.Variable;
import io.jgan.tensor.Tensor;

/**
 * Batch normalisation (Ioffe and Szegedy, 2015), shared by {@link BatchNorm1d} and {@link BatchNorm2d}.
 *
 * <p>In training mode the input is normalised with the batch's mean and biased variance over every
 * axis but the channel axis (1), and the running statistics are updated in place with PyTorch's
 * rule {@code running = (1 - momentum) running + momentum batch}, where the running variance takes
 * the <em>unbiased</em> batch variance. In evaluation mode the running statistics normalise
 * instead. With {@code trackRunningStats=false} there are no running statistics and the batch's
 * are used in both modes.
 *
 * <p>State: parameters {@code weight} (gamma) and {@code bias} (beta) [C] when affine; buffers
 * {@code running_mean}, {@code running_var} [C] and {@code num_batches_tracked} (a float scalar,
 * where PyTorch uses int64: jgan checkpoints are all F32) when tracking.
 */
public abstract sealed class BatchNorm extends Module permits BatchNorm1d, BatchNorm2d {
    /**
     * @param numFeatures channels C
     * @param eps added to the variance
     * @param momentum weight of the batch statistics in the running averages, in (0, 1]
     * @param affine whether to learn gamma and beta
     * @param trackRunningStats whether to keep running statistics for evaluation
     */
    public record Config(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        /** Validates the values. */
        public Config {
            if (numFeatures <= 0 || !(eps > 0) || !(momentum > 0 && momentum <= 1)) {
                throw new IllegalArgumentException("invalid BatchNorm config: features " + numFeatures + ", eps " + eps
                        + ", momentum " + momentum + " (must be in (0, 1])");
            }
        }

        /** @param numFeatures channels @return PyTorch's defaults: eps 1e-5, momentum 0.1, affine, tracking */
        public static Config of(int numFeatures) {
            return new Config(numFeatures, 1e-5, 0.1, true, true);
        }
    }

    private final Config config;
    private final Variable weight;
    private final Variable bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    BatchNorm(Config config) {
        this.config = config;
        int c = config.numFeatures();
        weight = config.affine() ? registerParameter("weight", Tensor.ones(c)) : null;
        bias = config.affine() ? registerParameter("bias", Tensor.zeros(c)) : null;
        if (config.trackRunningStats()) {
            runningMean = registerBuffer("running_mean", Tensor.zeros(c));
            runningVar = registerBuffer("running_var", Tensor.ones(c));
            numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(0f));
        } else {
            runningMean = null;
            runningVar = null;
            numBatchesTracked = null;
        }
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    /** @return gamma [C], or null when not affine */
    public Variable weight() {
        return weight;
    }

    /** @return beta [C], or null when not affine */
    public Variable bias() {
        return bias;
    }

    /** @return the running mean [C] (live), or null when not tracking */
    public Tensor runningMean() {
        return runningMean;
    }

    /** @return the running variance [C] (live), or null when not tracking */
    public Tensor runningVar() {
        return runningVar;
    }

    /** @return how many training batches updated the running statistics, or null when not tracking */
    public Tensor numBatchesTracked() {
        return numBatchesTracked;
    }

    /** @param x the input @return the axes the statistics run over; throws if x has the wrong rank or channels */
    abstract int[] reduceDims(Variable x);

    final void checkChannels(Variable x) {
        if (x.dim(1) != config.numFeatures()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(" + config.numFeatures() + ") got "
                    + x.dim(1) + " channels in input " + x.shape());
        }
    }

    @Override
    public Variable forward(Variable x) {
        int[] dims = reduceDims(x);
        float eps = (float) config.eps();
        boolean batchStats = isTraining() || !config.trackRunningStats();
        if (!batchStats) {
            return normalizeWithRunningStats(x, eps);
        }
        if (isTraining() && config.trackRunningStats()) {
            updateRunningStats(x.value(), dims);
        }
        return Ops.batchNorm(x, weight, bias, dims, eps);
    }

    private void updateRunningStats(Tensor x, int[] dims) {
        int n = x.size() / config.numFeatures();
        if (n < 2) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + " needs more than one value per channel in training mode, got input " + x.shape());
        }
        try (var s = GradMode.noGrad()) {
            Tensor mean = x.mean(false, dims);
            Tensor var = x.variance(true, false, dims);
            float m = (float) config.momentum();
            // PyTorch: running = (1 - m) * running + m * batch, the scale applied first
            runningMean.scaleInPlace(1f - m).axpy(m, mean);
            runningVar.scaleInPlace(1f - m).axpy(m, var);
            numBatchesTracked.data()[numBatchesTracked.offset()] += 1f;
        }
    }

    /** Evaluation: (x - running_mean) / sqrt(running_var + eps) * gamma + beta, differentiable in x, gamma, beta. */
    private Variable normalizeWithRunningStats(Variable x, float eps) {
        int[] bshape = new int[x.rank()];
        java.util.Arrays.fill(bshape, 1);
        bshape[1] = config.numFeatures();
        Tensor invStd = runningVar.add(eps).rsqrt().reshape(bshape);
        Variable y = x.sub(Variable.of(runningMean.reshape(bshape))).mul(Variable.of(invStd));
        if (weight != null) {
            y = y.mul(weight.reshape(bshape)).add(bias.reshape(bshape));
        }
        return y;
    }

    @Override
    protected String extraRepr() {
        return "(" + config.numFeatures() + ", eps=" + config.eps() + ", momentum=" + config.momentum() + ", affine="
                + config.affine() + ", track_running_stats=" + config.trackRunningStats() + ")";
    }
}
