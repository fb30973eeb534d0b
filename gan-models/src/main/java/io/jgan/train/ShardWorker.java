package io.jgan.train;

import io.jgan.autograd.Variable;
import io.jgan.models.Models;
import io.jgan.nn.Module;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.TensorScope;
import io.jgan.train.spec.RunSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One data-parallel worker's replica of a run: computes shard q of W of any phase from a
 * {@link PhaseRequest}, without updating anything, as a pure function of the request. It is a
 * trainer over the run with one part per worker ({@code microBatches = 1}, shard q of W), so its
 * part draws the same data and randomness as part q of the single-machine run with W micro-batches.
 *
 * <p>A generator phase reuses the fakes of the critic phase before it. The worker that computes it
 * need not be the one that computed that critic shard (tasks move, executors die), so it makes the
 * fakes again from the critic phase's streams and data position: the same G and the same draws give
 * the same fakes bit for bit. The batch-norm running statistics this second pass would update are
 * put back, so they are updated once, as locally.
 *
 * <p>Not thread-safe: one phase at a time. Replicas are meant to be cached per executor and reused.
 */
public final class ShardWorker {
    private final int shard;
    private final GanTrainer trainer;
    private final Capture capture;
    private long generatorVersion;
    private long criticVersion;

    /**
     * @param spec the run (its {@code microBatches} is W)
     * @param shard this worker's shard q, in [0, W)
     * @param data the run's batches, read from the same position as the driver's (each worker keeps its part of every batch)
     */
    public ShardWorker(RunSpec spec, int shard, BatchSource data) {
        int shards = spec.schedule().microBatches();
        if (shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " is outside [0, " + shards + ")");
        }
        this.shard = shard;
        RunSpec onePart = spec.toBuilder().microBatches(1).build();
        this.capture = new Capture(shards, shard);
        // the replica lives across phases: none of its tensors may come from a caller's pooled scope
        this.trainer = TensorScope.unpooled(() -> {
            Models.Pair nets = Models.create(onePart.model(), onePart.shape(), new Rng(onePart.seed()).split("init"));
            return new GanTrainer(onePart, nets.generator(), nets.critic(), data, capture);
        });
    }

    /** @return the version of G's weights loaded (0: none yet): a request at this version need not carry them */
    public long generatorVersion() {
        return generatorVersion;
    }

    /** @return the version of D's weights loaded (0: none yet) */
    public long criticVersion() {
        return criticVersion;
    }

    /** @return the shard this worker computes */
    public int shard() {
        return shard;
    }

    /**
     * Computes this worker's shard of a phase.
     *
     * @param r the driver's state at the start of the phase
     * @return the shard's gradients and numbers (fresh tensors, owned by the caller)
     */
    public ShardResult compute(PhaseRequest r) {
        try (TensorScope scope = TensorScope.open()) {
            load(r);
            return r.phase() == GradientReducer.Phase.CRITIC ? critic(r) : generator(r);
        } finally {
            capture.gradients = null;
        }
    }

    private ShardResult critic(PhaseRequest r) {
        GanTrainer.CriticResult c = trainer.criticGradients(r.keepFakes());
        trainer.dropKept();
        return result(c.loss(), c.penalty(), c.dReal(), c.dFake(), c.estimate().orElse(Double.NaN), c.estimate().isPresent());
    }

    private ShardResult generator(PhaseRequest r) {
        trainer.restoreStreams(r.criticStreams());
        trainer.data().restore(r.criticData());
        Map<String, Tensor> generatorBuffers = copy(trainer.generator().namedBuffers());
        trainer.regenerateKept();
        load(trainer.generator().namedBuffers(), generatorBuffers); // the critic phase already updated them once
        trainer.restoreStreams(r.streams());
        trainer.data().restore(r.data());
        GanTrainer.GeneratorResult g = trainer.generatorGradients();
        return result(g.loss(), 0, 0, 0, Double.NaN, false);
    }

    private ShardResult result(double loss, double penalty, double real, double fake, double estimate, boolean hasEstimate) {
        Map<String, Tensor> buffers = shard == 0 ? copy(RemotePhases.buffers(trainer)) : Map.of();
        return new ShardResult(shard, capture.gradients, loss, penalty, real, fake, estimate, hasEstimate, trainer.streamStates(),
                trainer.data().state(), buffers);
    }

    private void load(PhaseRequest r) {
        if (r.generatorVersion() != generatorVersion) {
            loadParameters(trainer.generator(), r.generator());
            generatorVersion = r.generatorVersion();
        }
        if (r.criticVersion() != criticVersion) {
            loadParameters(trainer.critic(), r.critic());
            criticVersion = r.criticVersion();
        }
        RemotePhases.loadBuffers(trainer, r.buffers());
        trainer.restoreStreams(r.streams());
        trainer.data().restore(r.data());
        trainer.step = r.step();
    }

    private static void loadParameters(Module m, Map<String, Tensor> values) {
        Map<String, Variable> own = m.namedParameters();
        if (!own.keySet().equals(values.keySet())) {
            throw new IllegalArgumentException("parameters " + values.keySet() + " do not match the network's " + own.keySet());
        }
        own.forEach((k, v) -> v.value().copyFrom(values.get(k)));
    }

    private static void load(Map<String, Tensor> into, Map<String, Tensor> from) {
        into.forEach((k, v) -> v.copyFrom(from.get(k)));
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> m) {
        return TensorScope.unpooled(() -> {
            Map<String, Tensor> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, v.copy()));
            return out;
        });
    }

    /** The reducer of a worker: keeps a copy of this shard's gradient sum and leaves the exchange to the driver. */
    private static final class Capture implements GradientReducer {
        private final int shards;
        private final int shard;
        private List<Tensor> gradients;

        Capture(int shards, int shard) {
            this.shards = shards;
            this.shard = shard;
        }

        @Override
        public int shards() {
            return shards;
        }

        @Override
        public int shardIndex() {
            return shard;
        }

        @Override
        public void reduce(Phase phase, List<Variable> params) {
            gradients = TensorScope.unpooled(() -> {
                List<Tensor> out = new ArrayList<>(params.size());
                for (Variable p : params) {
                    out.add(p.grad() == null ? null : p.grad().copy());
                }
                return out;
            });
        }
    }
}
