package io.jgan.train;

import io.jgan.autograd.Variable;
import io.jgan.models.Models;
import io.jgan.tensor.Parallel;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.TensorScope;
import io.jgan.train.spec.RunSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.jgan.train.TrainerTestSupport.assertSameState;
import static io.jgan.train.TrainerTestSupport.images;
import static io.jgan.train.TrainerTestSupport.tiny;
import static io.jgan.train.TrainerTestSupport.trainer;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient accumulation ({@code microBatches}) and the gradient-reducer seam: two trainers, each
 * computing one half of every batch and exchanging gradients through a reducer (two data-parallel
 * workers in one process), end with bit-identical weights to one trainer with two micro-batches.
 */
class MicroBatchTest {

    /** Two workers' reducer: each posts its gradients, both sum them in shard order (0 then 1). */
    private static final class Exchange {
        private final CyclicBarrier barrier = new CyclicBarrier(2);
        private final Tensor[][] posted = new Tensor[2][];

        GradientReducer reducer(int shard) {
            return new GradientReducer() {
                @Override public int shards() { return 2; }
                @Override public int shardIndex() { return shard; }
                @Override public void reduce(Phase phase, List<Variable> params) { exchange(shard, params); }
            };
        }

        private void exchange(int shard, List<Variable> params) {
            Tensor[] mine = new Tensor[params.size()];
            for (int i = 0; i < mine.length; i++) {
                Variable p = params.get(i);
                mine[i] = TensorScope.unpooled(() -> p.grad() == null ? Tensor.zeros(p.value().shape()) : p.grad().copy());
            }
            posted[shard] = mine;
            await();
            for (int i = 0; i < mine.length; i++) {
                int k = i;
                Tensor sum = TensorScope.unpooled(() -> posted[0][k].copy().addInPlace(posted[1][k]));
                params.get(i).setGrad(sum);
            }
            await(); // nobody posts the next phase's gradients before both have summed these
        }

        private void await() {
            try {
                barrier.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static GanTrainer worker(RunSpec spec, GradientReducer reducer) {
        Models.Pair p = Models.create(spec.model(), spec.shape(), new Rng(spec.seed()).split("init"));
        return new GanTrainer(spec, p.generator(), p.critic(), source(spec), reducer);
    }

    private static BatchSource source(RunSpec spec) {
        return spec.shape().points() ? new InMemoryBatches(Tensor.randn(new Rng(3), 64, 2), null, 8, 1)
                : images(40, spec.shape().channels(), spec.shape().size(), 8, 4);
    }

    private static void workersEqualMicroBatches(RunSpec twoParts, int steps) throws Exception {
        GanTrainer local = trainer(twoParts, source(twoParts));
        for (int i = 0; i < steps; i++) {
            assertFalse(local.step().skipped(), twoParts.recipe() + " local step " + i);
        }
        RunSpec onePart = twoParts.toBuilder().microBatches(1).build();
        Exchange ex = new Exchange();
        List<GanTrainer> workers = List.of(worker(onePart, ex.reducer(0)), worker(onePart, ex.reducer(1)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (GanTrainer w : workers) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < steps; i++) {
                        w.step();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(300, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        String what = twoParts.model().kind() + "/" + twoParts.recipe();
        assertSameState(TrainerState.modelTensors(local), TrainerState.modelTensors(workers.get(0)));
        // worker 1: the same weights and optimiser state; batch-norm running statistics are shard 0's (part 0 updates them)
        assertSameState(withoutRunningStats(TrainerState.modelTensors(local)), withoutRunningStats(TrainerState.modelTensors(workers.get(1))));
        assertTrue(workers.get(0).stepCount() == steps, what);
    }

    private static java.util.Map<String, Tensor> withoutRunningStats(java.util.Map<String, Tensor> m) {
        java.util.Map<String, Tensor> out = new java.util.LinkedHashMap<>(m);
        out.keySet().removeIf(k -> k.contains("running_") || k.contains("num_batches_tracked"));
        return out;
    }

    @Test
    void twoWorkersThroughTheReducerEqualTwoMicroBatches() throws Exception {
        int saved = Parallel.threads();
        Parallel.setThreads(1); // the two workers run on their own threads
        try {
            workersEqualMicroBatches(tiny("toy", "ns").microBatches(2).build(), 4);
            workersEqualMicroBatches(tiny("mlp", "wgan-gp").microBatches(2).emaDecay(0.9).build(), 3);
            workersEqualMicroBatches(tiny("dcgan", "ns").microBatches(2).dropoutG(0.2).build(), 2);
            workersEqualMicroBatches(tiny("dcgan", "wgan-gp").microBatches(2).build(), 2);
            workersEqualMicroBatches(tiny("cdcgan", "ragan").microBatches(2).labelSmoothing(1.0).build(), 2);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void twoMicroBatchesTrainEveryModelAndDifferFromOneBatch() {
        for (String model : List.of("mlp", "dcgan", "dcgan-keras", "cmlp", "cdcgan", "toy")) {
            for (String loss : List.of("ns", "wgan-gp", "fgan:pearson")) {
                RunSpec spec = tiny(model, loss).microBatches(2).build();
                GanTrainer t = trainer(spec, source(spec));
                for (int i = 0; i < 2; i++) {
                    GanTrainer.StepStats s = t.step();
                    assertFalse(s.skipped(), model + "/" + loss);
                    assertTrue(Double.isFinite(s.dLoss()) && Double.isFinite(s.gLoss()), model + "/" + loss);
                }
            }
        }
        RunSpec two = tiny("mlp", "ns").microBatches(2).build();
        GanTrainer a = trainer(two, source(two));
        GanTrainer b = trainer(two.toBuilder().microBatches(1).build(), source(two));
        a.step();
        b.step();
        assertNotEquals(a.generator().parameters().get(0).value().get(0, 0), b.generator().parameters().get(0).value().get(0, 0),
                "two micro-batches are a different computation (per-part noise), not the same batch twice");
    }

    @Test
    void aBatchThatDoesNotSplitEvenlyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> tiny("mlp", "ns").batchSize(8).microBatches(3).build());
    }
}
