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
    private boolean statsFrozen;
    private int standingBatches = -1;
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

    /**
     * Freezes (or thaws) the running statistics: while frozen, training still normalises by the
     * batch's statistics but leaves the running ones untouched. Gradient accumulation uses it so
     * that only the first part of a batch updates them, as data-parallel training keeps the first
     * worker's (PyTorch DDP broadcasts rank 0's buffers).
     *
     * @param frozen true to stop updating the running statistics
     */
    public void freezeRunningStats(boolean frozen) {
        this.statsFrozen = frozen;
    }

    /**
     * Starts re-estimating the running statistics as a plain average over the training-mode batches
     * that follow (PyTorch's {@code momentum=None}): the first batch replaces them, the k-th enters
     * with weight 1/k. {@link StandingStats} uses it to give sampling statistics that match the
     * current weights exactly, which momentum-0.1 running averages of past weights do not.
     *
     * @throws IllegalStateException if this layer does not track running statistics
     */
    public void beginStandingStats() {
        if (runningMean == null) {
            throw new IllegalStateException("this batch norm does not track running statistics");
        }
        standingBatches = 0;
    }

    /** Ends {@link #beginStandingStats()}: later training batches update with the configured momentum again. */
    public void endStandingStats() {
        standingBatches = -1;
    }

    @Override
    public Variable forward(Variable x) {
        int[] dims = reduceDims(x);
        boolean useBatchStats = isTraining() || !config.trackRunningStats();
        boolean update = useBatchStats && runningMean != null && !statsFrozen;
        double momentum = config.momentum();
        if (update && standingBatches >= 0) {
            momentum = 1.0 / ++standingBatches;
        }
        Variable y = functional(x, useBatchStats && !update ? null : runningMean, useBatchStats && !update ? null : runningVar, weight,
                bias, useBatchStats, momentum, config.eps(), dims);
        if (update) {
            numBatchesTracked.data()[numBatchesTracked.offset()] += 1f;
        }
        return y;
    }

    /**
     * Batch normalisation as a function ({@code torch.nn.functional.batch_norm}); the modules call it.
     *
     * <p>With batch statistics the input is normalised by the batch mean and biased variance over
     * {@code reduceDims}, and the running statistics (when given) are updated in place:
     * {@code running = (1 - momentum) running + momentum batch}, with the unbiased batch variance.
     * Otherwise the running statistics normalise, and the result is differentiable in x, weight and bias.
     *
     * @param x the input [N, C, ...]
     * @param runningMean the running mean [C], or null (then batch statistics are required)
     * @param runningVar the running variance [C], or null
     * @param weight gamma [C], or null
     * @param bias beta [C], or null
     * @param useBatchStats true for training-mode normalisation
     * @param momentum the running-average momentum
     * @param eps added to the variance
     * @param reduceDims every axis but the channel axis 1
     * @return the normalised input, same shape
     */
    public static Variable functional(Variable x, Tensor runningMean, Tensor runningVar, Variable weight, Variable bias,
                                      boolean useBatchStats, double momentum, double eps, int[] reduceDims) {
        if ((runningMean == null) != (runningVar == null) || (!useBatchStats && runningMean == null)) {
            throw new IllegalArgumentException("batch norm without batch statistics needs both running statistics");
        }
        if (!useBatchStats) {
            return normalizeWithRunningStats(x, runningMean, runningVar, weight, bias, (float) eps);
        }
        if (runningMean != null && allButChannel(reduceDims, x.rank())) {
            // The fused op hands out the batch statistics it computed anyway: no extra passes over x.
            int c = runningMean.size();
            if (x.size() / c < 2) {
                throw new IllegalArgumentException("batch norm needs more than one value per channel in training mode, got input "
                        + x.shape());
            }
            float[] mean = new float[c];
            float[] var = new float[c];
            Variable y = Ops.batchNorm(x, weight, bias, (float) eps, mean, var);
            float unbias = (float) ((double) (x.size() / c) / (x.size() / c - 1));
            float m = (float) momentum;
            float[] rm = runningMean.data();
            float[] rv = runningVar.data();
            for (int i = 0; i < c; i++) {
                // PyTorch: running = (1 - m) * running + m * batch, with the unbiased batch variance
                rm[runningMean.offset() + i] = (1f - m) * rm[runningMean.offset() + i] + m * mean[i];
                rv[runningVar.offset() + i] = (1f - m) * rv[runningVar.offset() + i] + m * (var[i] * unbias);
            }
            return y;
        }
        if (runningMean != null) {
            updateRunningStats(x.value(), runningMean, runningVar, (float) momentum, reduceDims);
        }
        return Ops.batchNorm(x, weight, bias, reduceDims, (float) eps);
    }

    private static boolean allButChannel(int[] dims, int rank) {
        if (dims.length != rank - 1) {
            return false;
        }
        for (int d : dims) {
            if (d == 1 || d == 1 - rank) {
                return false;
            }
        }
        return java.util.Arrays.stream(dims).map(d -> d < 0 ? d + rank : d).distinct().count() == dims.length;
    }

    private static void updateRunningStats(Tensor x, Tensor runningMean, Tensor runningVar, float m, int[] dims) {
        if (x.size() / runningMean.size() < 2) {
            throw new IllegalArgumentException("batch norm needs more than one value per channel in training mode, got input "
                    + x.shape());
        }
        try (var s = GradMode.noGrad()) {
            Tensor mean = x.mean(false, dims);
            Tensor var = x.variance(true, false, dims);
            // PyTorch: running = (1 - m) * running + m * batch
            runningMean.scaleInPlace(1f - m).axpy(m, mean);
            runningVar.scaleInPlace(1f - m).axpy(m, var);
        }
    }

    /** Evaluation: (x - running_mean) / sqrt(running_var + eps) * gamma + beta. */
    private static Variable normalizeWithRunningStats(Variable x, Tensor runningMean, Tensor runningVar, Variable weight,
                                                      Variable bias, float eps) {
        int[] bshape = new int[x.rank()];
        java.util.Arrays.fill(bshape, 1);
        bshape[1] = runningMean.size();
        Tensor invStd = runningVar.add(eps).rsqrt().reshape(bshape);
        Variable y = x.sub(Variable.of(runningMean.reshape(bshape))).mul(Variable.of(invStd));
        if (weight != null) {
            y = y.mul(weight.reshape(bshape));
        }
        if (bias != null) {
            y = y.add(bias.reshape(bshape));
        }
        return y;
    }

    @Override
    protected String extraRepr() {
        return "(" + config.numFeatures() + ", eps=" + config.eps() + ", momentum=" + config.momentum() + ", affine="
                + config.affine() + ", track_running_stats=" + config.trackRunningStats() + ")";
    }
}
