package io.jgan.nn;

import io.jgan.autograd.GradMode;
import io.jgan.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Batch-norm "standing statistics" for sampling (Brock et al., BigGAN, 2019): before a generator
 * samples in evaluation mode, its running statistics are re-estimated as the plain average over
 * many training-mode batches of the current weights, then restored afterwards.
 *
 * <p>Why: the running statistics a training run keeps are momentum-0.1 averages over the last tens
 * of steps, i.e. of weights that have since moved; early in training (hundreds of steps) they lag the
 * weights enough to blur the samples, and with an EMA generator they belong to other weights
 * altogether. Re-estimating them costs a few forward passes, touches no parameter and no training
 * stream, and leaves the module exactly as it was (statistics, counters and training flag), so
 * sampling in the middle of a run never changes the run.
 */
public final class StandingStats {
    /**
     * Batches averaged by default: 16 of 64 samples, 1024 per estimate (about 1.5 s for the 28x28
     * DCGAN generator on 2 cores, so a sample grid every 200 steps costs a few percent of a run).
     */
    public static final int DEFAULT_BATCHES = 16;

    private StandingStats() {}

    /**
     * Runs {@code then} with the module's batch-norm statistics re-estimated over {@code batches}
     * training-mode forward passes (each made by {@code forwardBatch}, without a graph) and the
     * module in evaluation mode; afterwards restores every statistic and the training flag.
     *
     * @param module the model (a generator)
     * @param batches how many batches to average (at least 1)
     * @param forwardBatch runs the module forward on batch number b
     * @param then what to do with the re-estimated statistics (sampling)
     * @param <T> its result
     * @return then's result
     */
    public static <T> T with(Module module, int batches, IntConsumer forwardBatch, Supplier<T> then) {
        if (batches < 1) {
            throw new IllegalArgumentException("standing statistics need at least 1 batch, got " + batches);
        }
        List<BatchNorm> norms = new ArrayList<>();
        for (Module m : module.modules()) {
            if (m instanceof BatchNorm b && b.runningMean() != null) {
                norms.add(b);
            }
        }
        if (norms.isEmpty()) {
            return then.get();
        }
        List<Tensor[]> saved = new ArrayList<>();
        for (BatchNorm b : norms) {
            saved.add(new Tensor[] {b.runningMean().copy(), b.runningVar().copy(), b.numBatchesTracked().copy()});
        }
        boolean wasTraining = module.isTraining();
        try {
            module.train(true);
            norms.forEach(BatchNorm::beginStandingStats);
            try (var ng = GradMode.noGrad()) {
                for (int b = 0; b < batches; b++) {
                    forwardBatch.accept(b);
                }
            }
            module.train(false);
            return then.get();
        } finally {
            for (int i = 0; i < norms.size(); i++) {
                BatchNorm b = norms.get(i);
                b.endStandingStats();
                b.runningMean().copyFrom(saved.get(i)[0]);
                b.runningVar().copyFrom(saved.get(i)[1]);
                b.numBatchesTracked().copyFrom(saved.get(i)[2]);
            }
            module.train(wasTraining);
        }
    }
}
