package io.jgan.train;

import io.jgan.models.Models;
import io.jgan.tensor.Parallel;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.TensorScope;
import io.jgan.train.spec.RunSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.jgan.train.TrainerTestSupport.assertSameState;
import static io.jgan.train.TrainerTestSupport.images;
import static io.jgan.train.TrainerTestSupport.tiny;
import static io.jgan.train.TrainerTestSupport.trainer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The data-parallel driver/worker split in one process: a driver trainer whose phases are computed
 * by W {@link ShardWorker}s (what gan-spark runs as Spark tasks) ends bit-identical to one trainer
 * with W micro-batches, checkpointed state and logged numbers included, even when the workers are
 * recreated from scratch between phases (a task moved to a new executor). (DCGAN with WGAN-GP is gan-spark's
 * SparkTrainingTest's.)
 */
class ShardWorkerTest {

    /** Runs each shard on a worker of its own; with {@code fresh}, every phase on a new worker (no cached replica). */
    private static final class InProcess implements ShardExecutor {
        private final RunSpec spec;
        private final boolean fresh;
        private final Map<Integer, ShardWorker> workers = new HashMap<>();
        int phases;

        InProcess(RunSpec spec, boolean fresh) {
            this.spec = spec;
            this.fresh = fresh;
        }

        @Override
        public int shards() {
            return spec.schedule().microBatches();
        }

        private ShardWorker worker(int shard) {
            return TensorScope.unpooled(() -> new ShardWorker(spec, shard, source(spec))); // as on an executor: outside any step
        }

        @Override
        public List<ShardResult> compute(PhaseRequest request) {
            phases++;
            List<ShardResult> out = new ArrayList<>();
            for (int q = shards() - 1; q >= 0; q--) { // computed in reverse: the driver must not depend on arrival order
                int shard = q;
                ShardWorker w = fresh ? worker(shard) : workers.computeIfAbsent(q, k -> worker(shard));
                out.add(0, w.compute(request));
            }
            return out;
        }
    }

    private static BatchSource source(RunSpec spec) {
        return spec.shape().points() ? new InMemoryBatches(Tensor.randn(new Rng(3), 64, 2), null, 8, 1)
                : images(40, spec.shape().channels(), spec.shape().size(), 8, 4);
    }

    private static void driverEqualsMicroBatches(RunSpec spec, int steps, boolean fresh) {
        GanTrainer local = trainer(spec, source(spec));
        Models.Pair p = Models.create(spec.model(), spec.shape(), new Rng(spec.seed()).split("init"));
        InProcess ex = new InProcess(spec, fresh);
        GanTrainer driver = new GanTrainer(spec, p.generator(), p.critic(), source(spec), ex);
        for (int i = 0; i < steps; i++) {
            GanTrainer.StepStats a = local.step();
            GanTrainer.StepStats b = driver.step();
            String what = spec.model().kind() + "/" + spec.recipe() + " step " + i;
            assertFalse(a.skipped(), what);
            assertEquals(a.dLoss(), b.dLoss(), what);
            assertEquals(a.gLoss(), b.gLoss(), what);
            assertEquals(a.dReal(), b.dReal(), what);
            assertEquals(a.estimate(), b.estimate(), what);
            assertEquals(a.gradNormD(), b.gradNormD(), what);
            assertEquals(a.gradNormG(), b.gradNormG(), what);
        }
        assertSameState(TrainerState.modelTensors(local), TrainerState.modelTensors(driver));
        assertEquals(local.streamStates().keySet(), driver.streamStates().keySet());
        local.streamStates().forEach((k, v) -> org.junit.jupiter.api.Assertions.assertArrayEquals(v, driver.streamStates().get(k), k));
        assertEquals(local.data().state(), driver.data().state());
    }

    @Test
    void twoShardsEqualTwoMicroBatchesForEveryModelAndLoss() {
        int saved = Parallel.threads();
        Parallel.setThreads(1);
        try {
            driverEqualsMicroBatches(tiny("toy", "ns").microBatches(2).build(), 3, false);
            driverEqualsMicroBatches(tiny("toy", "wgan-gp").microBatches(2).build(), 2, true);
            driverEqualsMicroBatches(tiny("mlp", "ns").microBatches(2).emaDecay(0.9).build(), 2, false);
            driverEqualsMicroBatches(tiny("mlp", "wgan-gp").microBatches(2).build(), 2, true);
            driverEqualsMicroBatches(tiny("dcgan", "ns").microBatches(2).dropoutG(0.2).build(), 2, true);
            driverEqualsMicroBatches(tiny("cdcgan", "ragan").microBatches(2).labelSmoothing(1.0).build(), 2, true);
            driverEqualsMicroBatches(tiny("mlp", "fgan:pearson").microBatches(2).build(), 2, true);
            driverEqualsMicroBatches(tiny("toy", "wgan").microBatches(4).build(), 2, true);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void oneShardEqualsThePlainTrainer() {
        driverEqualsMicroBatches(tiny("mlp", "ns").instanceNoise(0.1).build(), 2, true);
        driverEqualsMicroBatches(tiny("mlp", "wgan-gp").build(), 2, false);
    }

    @Test
    void theRunMustHaveOneMicroBatchPerShard() {
        RunSpec spec = tiny("mlp", "ns").microBatches(2).build();
        Models.Pair p = Models.create(spec.model(), spec.shape(), new Rng(spec.seed()).split("init"));
        ShardExecutor four = new InProcess(spec.toBuilder().microBatches(4).build(), false);
        assertThrows(IllegalArgumentException.class, () -> new GanTrainer(spec, p.generator(), p.critic(), source(spec), four));
        assertThrows(IllegalArgumentException.class, () -> new ShardWorker(spec, 2, source(spec)));
    }
}
