package io.jgan.train;

import io.jgan.autograd.GradMode;
import io.jgan.autograd.Variable;
import io.jgan.models.Critic;
import io.jgan.models.Generator;
import io.jgan.nn.BatchNorm;
import io.jgan.nn.Module;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.TensorScope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits each batch into the parts this participant computes and runs a phase over them: part
 * q's randomness from its own stream sub-range, its gradients summed in part order, then the
 * {@link GradientReducer}, then the division by the total number of parts. Batch norm normalises
 * each part by its own statistics; the running statistics are updated by part 0 only. With one part in all
 * (no micro-batches, one shard) it is the plain single-batch step, drawing from the streams directly.
 */
final class Parts {
    /**
     * One part of a batch and its fakes.
     *
     * @param real the real samples
     * @param yReal their labels, or null
     * @param fake the generated samples (with their graph when kept for the generator step)
     * @param yFake the labels they were generated for, or null
     */
    record Part(Tensor real, int[] yReal, Variable fake, int[] yFake) {}

    private final int local;
    private final int total;
    private final int first;
    private final GradientReducer reducer;
    private final Generator g;
    private final Streams streams;
    private final int classes;
    private final GradientSum sumD;
    private final GradientSum sumG;
    private final List<Variable> paramsD;
    private final List<Variable> paramsG;
    private final List<BatchNorm> norms = new ArrayList<>();

    Parts(int microBatches, GradientReducer reducer, Generator g, Critic d, Streams streams, int classes) {
        if (reducer.shards() < 1 || reducer.shardIndex() < 0 || reducer.shardIndex() >= reducer.shards()) {
            throw new IllegalArgumentException("reducer shard " + reducer.shardIndex() + " of " + reducer.shards() + " is out of range");
        }
        this.local = microBatches;
        this.total = Math.multiplyExact(microBatches, reducer.shards());
        this.first = reducer.shardIndex() * microBatches;
        this.reducer = reducer;
        this.g = g;
        this.streams = streams;
        this.classes = classes;
        this.paramsD = d.parameters();
        this.paramsG = g.parameters();
        this.sumD = new GradientSum(paramsD);
        this.sumG = new GradientSum(paramsG);
        for (Module m : List.of(g, d)) {
            for (Module x : m.modules()) {
                if (x instanceof BatchNorm bn) {
                    norms.add(bn);
                }
            }
        }
    }

    /** @return the parts this participant computes */
    int local() {
        return local;
    }

    /**
     * A critic phase: for each local part, generate its fakes and run {@code pass} (in a scope of
     * its own, so the critic's activations are released before the next part).
     */
    List<Part> run(GradientReducer.Phase phase, BatchSource.RealBatch rb, boolean keep, Consumer<Part> pass) {
        int n = partSize(rb);
        begin();
        List<Part> out = new ArrayList<>(local);
        for (int j = 0; j < local; j++) {
            enter(j);
            Part p = make(rb, first + j, n, keep);
            try (TensorScope partScope = TensorScope.open()) {
                pass.accept(p);
            }
            collect(phase);
            out.add(p);
        }
        end(phase);
        return out;
    }

    /**
     * The parts a critic phase over {@code rb} kept, made again from the same stream positions
     * without running any pass (a data-parallel worker's generator phase).
     */
    List<Part> remake(BatchSource.RealBatch rb) {
        int n = partSize(rb);
        begin();
        List<Part> out = new ArrayList<>(local);
        for (int j = 0; j < local; j++) {
            enter(j);
            out.add(make(rb, first + j, n, true));
        }
        endStreams();
        return out;
    }

    /** A generator phase over the parts the last critic phase kept. */
    void rerun(GradientReducer.Phase phase, List<Part> kept, Consumer<Part> pass) {
        begin();
        for (int j = 0; j < kept.size(); j++) {
            enter(j);
            pass.accept(kept.get(j));
            collect(phase);
        }
        end(phase);
    }

    private int partSize(BatchSource.RealBatch rb) {
        int b = rb.x().dim(0);
        if (b % total != 0) {
            throw new IllegalArgumentException("a batch of " + b + " samples does not split into " + total + " equal parts");
        }
        return b / total;
    }

    private void begin() {
        if (total > 1) {
            streams.beginParts();
        }
        sumD.clear();
        sumG.clear();
    }

    private void enter(int j) {
        if (total > 1) {
            streams.enterPart(first + j);
            // running statistics come from part 0 alone, whichever participant computes it
            norms.forEach(bn -> bn.freezeRunningStats(first + j != 0));
        }
    }

    private void collect(GradientReducer.Phase phase) {
        if (local > 1) {
            (phase == GradientReducer.Phase.CRITIC ? sumD : sumG).addPart();
        }
    }

    private void end(GradientReducer.Phase phase) {
        List<Variable> params = phase == GradientReducer.Phase.CRITIC ? paramsD : paramsG;
        endStreams();
        if (local > 1) {
            (phase == GradientReducer.Phase.CRITIC ? sumD : sumG).install();
        }
        reducer.reduce(phase, params);
        if (total > 1) {
            GradientSum.divide(params, total);
        }
    }

    private void endStreams() {
        if (total > 1) {
            streams.endParts(total);
            norms.forEach(bn -> bn.freezeRunningStats(false));
        }
    }

    private Part make(BatchSource.RealBatch rb, int q, int n, boolean keep) {
        boolean whole = total == 1;
        Tensor x = whole ? rb.x() : rb.x().slice(q * n, (q + 1) * n);
        int[] y = rb.labels() == null ? null : whole ? rb.labels() : Arrays.copyOfRange(rb.labels(), q * n, (q + 1) * n);
        Variable z = Variable.of(Tensor.randn(streams.get("noise"), n, g.latentDim()));
        int[] yFake = fakeLabels(n);
        Variable fake;
        if (keep) {
            fake = g.generate(z, yFake); // kept with its graph for the generator step
        } else {
            try (var ng = GradMode.noGrad()) {
                fake = g.generate(z, yFake);
            }
        }
        return new Part(x, y, fake, yFake);
    }

    private int[] fakeLabels(int n) {
        if (!g.conditional()) {
            return null;
        }
        Rng r = streams.get("fake-labels");
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return y;
    }
}
