package io.jgan.train;

import io.jgan.autograd.Variable;
import io.jgan.nn.Module;
import io.jgan.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The driver's side of data-parallel training: a trainer's phases computed by a
 * {@link ShardExecutor}. The driver holds the authoritative state (weights, optimiser state,
 * streams, data position, step); each phase ships it to the W shards, then sums their gradients and
 * numbers in shard order exactly as {@link Parts} and {@link CriticPass} sum W micro-batches, takes
 * shard 0's batch-norm running statistics (as part 0 updates them locally) and the streams and data
 * position the phase leaves. The optimiser step stays with the trainer.
 */
final class RemotePhases {
    private final GanTrainer t;
    private final ShardExecutor executor;
    private final int shards;
    private long generatorVersion = 1;
    private long criticVersion = 1;
    private PhaseRequest keptCritic;

    RemotePhases(GanTrainer t, ShardExecutor executor) {
        this.t = t;
        this.executor = executor;
        this.shards = executor.shards();
        if (t.spec().schedule().microBatches() != shards) {
            throw new IllegalArgumentException("a run over " + shards + " shards needs microBatches " + shards + ", the run has "
                    + t.spec().schedule().microBatches());
        }
    }

    GanTrainer.CriticResult critic(boolean keepFakes) {
        t.optimizerD().zeroGrad();
        PhaseRequest r = request(GradientReducer.Phase.CRITIC, keepFakes, null, null);
        List<ShardResult> rs = run(r);
        install(t.critic(), rs);
        criticVersion++; // the optimiser may step next
        keptCritic = keepFakes ? r : null;
        double loss = 0;
        double penalty = 0;
        double real = 0;
        double fake = 0;
        double estimate = 0;
        boolean hasEstimate = false;
        for (ShardResult s : rs) { // in shard order, as CriticPass sums the parts
            loss += s.loss();
            penalty += s.penalty();
            real += s.dReal();
            fake += s.dFake();
            if (s.hasEstimate()) {
                estimate += s.estimate();
                hasEstimate = true;
            }
        }
        double ss = sumOfSquares(t.critic());
        boolean ok = t.guard().gradientsFinite(loss / shards, ss);
        return new GanTrainer.CriticResult(loss / shards, penalty / shards, real / shards, fake / shards,
                hasEstimate ? OptionalDouble.of(estimate / shards) : OptionalDouble.empty(), ss, !ok);
    }

    GanTrainer.GeneratorResult generator() {
        if (keptCritic == null) {
            throw new IllegalStateException("generatorStep needs the fakes of a criticStep(true) just before it");
        }
        t.optimizerG().zeroGrad();
        PhaseRequest r = request(GradientReducer.Phase.GENERATOR, true, keptCritic.streams(), keptCritic.data());
        keptCritic = null;
        List<ShardResult> rs = run(r);
        install(t.generator(), rs);
        generatorVersion++;
        double loss = 0;
        for (ShardResult s : rs) {
            loss += s.loss();
        }
        double ss = sumOfSquares(t.generator());
        double avg = loss / shards;
        return new GanTrainer.GeneratorResult(avg, ss, !t.guard().gradientsFinite(avg, ss));
    }

    /**
     * The weights may have changed outside the phases (the NaN guard's rollback after a skipped step):
     * ship them again. Otherwise only the phases change them, each bumping the version it changes.
     */
    void invalidate() {
        generatorVersion++;
        criticVersion++;
    }

    private PhaseRequest request(GradientReducer.Phase phase, boolean keepFakes, Map<String, long[]> criticStreams, String criticData) {
        return new PhaseRequest(phase, keepFakes, t.step, t.streams.states(), t.data().state(), criticStreams, criticData,
                generatorVersion, values(t.generator()), criticVersion, values(t.critic()), buffers(t));
    }

    private List<ShardResult> run(PhaseRequest r) {
        List<ShardResult> rs = executor.compute(r);
        if (rs.size() != shards) {
            throw new IllegalStateException("the executor returned " + rs.size() + " shards of " + shards);
        }
        for (int i = 0; i < shards; i++) {
            if (rs.get(i).shard() != i) {
                throw new IllegalStateException("the executor returned shard " + rs.get(i).shard() + " at position " + i);
            }
        }
        ShardResult first = rs.get(0);
        t.streams.restore(first.streamsAfter());
        t.data().restore(first.dataAfter());
        loadBuffers(t, first.buffers());
        return rs;
    }

    /** Sums the shards' gradients in shard order into the parameters' gradients, then divides by W (as {@link Parts} does). */
    private void install(Module m, List<ShardResult> rs) {
        List<Variable> params = m.parameters();
        for (int i = 0; i < params.size(); i++) {
            Tensor sum = null;
            for (ShardResult s : rs) {
                Tensor g = s.gradients().get(i);
                if (g == null) {
                    continue;
                }
                if (sum == null) {
                    sum = g; // a fresh copy of shard 0's (or the first shard's) gradient: copied, not 0 + g
                } else {
                    sum.addInPlace(g);
                }
            }
            params.get(i).setGrad(sum);
        }
        if (shards > 1) {
            GradientSum.divide(params, shards);
        }
    }

    private static double sumOfSquares(Module m) {
        double s = 0;
        for (Variable p : m.parameters()) {
            if (p.grad() != null) {
                s += p.grad().sumOfSquares();
            }
        }
        return s;
    }

    static Map<String, Tensor> values(Module m) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        m.namedParameters().forEach((k, v) -> out.put(k, v.value()));
        return out;
    }

    /** @return the buffers (batch-norm running statistics) of G and D, named G.* and D.* */
    static Map<String, Tensor> buffers(GanTrainer t) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        t.generator().namedBuffers().forEach((k, v) -> out.put("G." + k, v));
        t.critic().namedBuffers().forEach((k, v) -> out.put("D." + k, v));
        return out;
    }

    /** Copies buffers named G.* and D.* into the trainer's networks (an empty map changes nothing). */
    static void loadBuffers(GanTrainer t, Map<String, Tensor> from) {
        if (from.isEmpty()) {
            return;
        }
        Map<String, Tensor> own = buffers(t);
        if (!own.keySet().equals(from.keySet())) {
            throw new IllegalArgumentException("buffers " + from.keySet() + " do not match the networks' " + own.keySet());
        }
        own.forEach((k, v) -> v.copyFrom(from.get(k)));
    }
}
