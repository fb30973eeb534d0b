package io.jgan.train;

import io.jgan.autograd.GradMode;
import io.jgan.autograd.Variable;
import io.jgan.losses.GanLoss;
import io.jgan.losses.Penalty;
import io.jgan.models.Critic;
import io.jgan.models.Generator;
import io.jgan.nn.Dropout;
import io.jgan.nn.Module;
import io.jgan.optim.Optimizer;
import io.jgan.optim.WeightClipping;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.TensorScope;
import io.jgan.train.spec.RunSpec;
import io.jgan.train.spec.UpdateSchedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Drives one GAN: G, D, their optimisers and the run's objective (a loss plus penalties).
 *
 * <p>A {@link #step()} is one generator update and the critic updates the schedule puts before it:
 * {@link #criticStep} (k times: n_critic, or the WGAN schedule's 100 for the first 25 generator
 * steps and every 500th) then {@link #generatorStep} through the critic with the critic frozen;
 * with simultaneous updates (f-GAN) both gradients are taken at the same parameters and then both
 * networks update. Each phase computes gradients, hands them to the {@link GradientReducer}
 * (identity locally; a sum across workers for data-parallel training), and only then steps the
 * optimiser. The last critic step's fakes are generated once and reused (detached) for D and
 * (with their graph) for G, as the PyTorch examples do.
 *
 * <p>With {@code microBatches = N} each batch is split into N equal parts whose gradients are
 * summed in part order and divided by N before one update (gradient accumulation); batch-norm
 * statistics are per part. Each part draws its randomness from its own sub-range of every stream
 * ({@link Streams}), so the result depends only on the part's index.
 *
 * <p>A step runs in a {@link TensorScope}: its tensors reuse pooled arrays and a warmed-up step
 * allocates almost nothing. Weights, gradient storage, optimiser state, the EMA and the NaN guard's
 * snapshot live outside the scopes; only numbers leave a step, in {@link StepStats}.
 */
public final class GanTrainer {
    private final RunSpec spec;
    private final Generator g;
    private final Critic d;
    private final BatchSource data;
    private final GanLoss loss;
    private final List<Penalty> penalties;
    private final Optimizer optG;
    private final Optimizer optD;
    private final WeightClipping clipping;
    private final Ema ema;
    private final NanGuard guard;
    private final GradientReducer reducer;
    private final Parts parts;
    private final InstanceNoise instanceNoise;
    final Streams streams;
    long step;
    private List<Parts.Part> kept;

    /** The numbers of one generator step, for logging. */
    public record StepStats(long step, double dLoss, double gLoss, double dReal, double dFake, OptionalDouble estimate,
                            double penalty, double gradNormG, double gradNormD, int criticSteps, boolean skipped,
                            double seconds) {}

    /**
     * What a critic phase computed (averaged over the batch's parts).
     *
     * @param loss the critic's loss, penalties included
     * @param penalty the penalties' sum
     * @param dReal mean D(x) (a probability for logit losses, else the raw score)
     * @param dFake mean D(G(z))
     * @param estimate the loss's estimate (Wasserstein, f-divergence bound, value), if any
     * @param gradSumOfSquares the squared norm of the reduced critic gradient
     * @param skipped true if the loss or gradient was not finite (no update made)
     */
    public record CriticResult(double loss, double penalty, double dReal, double dFake, OptionalDouble estimate,
                               double gradSumOfSquares, boolean skipped) {}

    /**
     * What a generator phase computed.
     *
     * @param loss the generator's loss (averaged over parts)
     * @param gradSumOfSquares the squared norm of the reduced generator gradient
     * @param skipped true if either was not finite (no update made)
     */
    public record GeneratorResult(double loss, double gradSumOfSquares, boolean skipped) {}

    /**
     * @param spec the run specification
     * @param generator G
     * @param critic D
     * @param data real batches
     */
    public GanTrainer(RunSpec spec, Generator generator, Critic critic, BatchSource data) {
        this(spec, generator, critic, data, GradientReducer.IDENTITY);
    }

    /**
     * @param spec the run specification
     * @param generator G
     * @param critic D
     * @param data real batches (every participant of a data-parallel run reads the same batches and keeps its shard)
     * @param reducer where the phases' gradients are reduced before each update
     */
    public GanTrainer(RunSpec spec, Generator generator, Critic critic, BatchSource data, GradientReducer reducer) {
        this.spec = spec;
        this.g = generator;
        this.d = critic;
        this.data = data;
        this.reducer = reducer;
        this.streams = new Streams(spec.seed(), dropouts(generator, critic));
        this.loss = spec.objective().buildLoss(streams.get("labels"));
        this.penalties = spec.objective().buildPenalties();
        this.optG = spec.optimizerG().build(g.parameters());
        this.optD = spec.optimizerD().build(d.parameters());
        double clip = spec.tricks().clip();
        this.clipping = clip > 0 ? new WeightClipping(d.parameters(), (float) clip) : null;
        if (clipping != null) {
            optD.addConstraint(clipping); // applied after every critic update
        }
        this.ema = spec.tricks().emaDecay() > 0 ? new Ema(g, spec.tricks().emaDecay(), spec.tricks().emaWarmup()) : null;
        this.guard = new NanGuard(this);
        this.instanceNoise = new InstanceNoise(spec.tricks(), streams.get("instance-noise"));
        this.parts = new Parts(spec.schedule().microBatches(), reducer, g, d, streams, spec.numClasses());
        g.train();
        d.train();
    }

    /** @return the run specification */
    public RunSpec spec() { return spec; }
    /** @return G */
    public Generator generator() { return g; }
    /** @return D */
    public Critic critic() { return d; }
    /** @return G's optimiser */
    public Optimizer optimizerG() { return optG; }
    /** @return D's optimiser */
    public Optimizer optimizerD() { return optD; }
    /** @return the EMA of G, or null when off */
    public Ema ema() { return ema; }
    /** @return the data source */
    public BatchSource data() { return data; }
    /** @return generator steps done */
    public long stepCount() { return step; }
    /** @return the NaN guard (events and counters) */
    public NanGuard guard() { return guard; }
    /** @return the adversarial loss */
    public GanLoss loss() { return loss; }

    private static List<Dropout> dropouts(Module... modules) {
        List<Dropout> out = new ArrayList<>();
        for (Module m : modules) {
            for (Module x : m.modules()) {
                if (x instanceof Dropout dr) {
                    out.add(dr);
                }
            }
        }
        return out;
    }

    /**
     * One generator step with the critic steps the schedule puts before it.
     *
     * @return what happened
     * @throws TrainingDivergedException after too many consecutive non-finite steps
     */
    public StepStats step() {
        // Every tensor of the step borrows pooled storage that goes back when the scope closes; only numbers leave it.
        try (TensorScope stepScope = TensorScope.open()) {
            long t0 = System.nanoTime();
            UpdateSchedule updates = spec.schedule().updates();
            if (updates == UpdateSchedule.SIMULTANEOUS) {
                CriticResult c = criticGradients(true);
                GeneratorResult r = generatorGradients();
                if (!c.skipped() && !r.skipped()) {
                    optD.step();
                    optG.step();
                }
                return finish(t0, 1, c, r);
            }
            int k = updates.criticSteps(step, spec.schedule().nCritic());
            CriticResult c = null;
            for (int i = 0; i < k; i++) {
                boolean last = i == k - 1;
                // An earlier critic step keeps nothing, so its whole work is released at once (the WGAN schedule runs 100).
                try (TensorScope iterScope = last ? null : TensorScope.open()) {
                    c = criticStep(last);
                }
                if (c.skipped()) {
                    break;
                }
            }
            return finish(t0, k, c, c.skipped() ? null : generatorStep());
        }
    }

    /**
     * One critic update: gradients on the next batch, reduced, then the optimiser step (and
     * weight clipping) if they are finite.
     *
     * @param keepFakes keep this batch's fakes, with their graph, for the {@link #generatorStep()} that follows
     * @return the critic's numbers
     */
    public CriticResult criticStep(boolean keepFakes) {
        CriticResult c = criticGradients(keepFakes);
        if (!c.skipped()) {
            optD.step();
        }
        return c;
    }

    /**
     * One generator update through the frozen critic, on the fakes the last {@code criticStep(true)} kept.
     *
     * @return the generator's numbers
     * @throws IllegalStateException if no critic step kept its fakes
     */
    public GeneratorResult generatorStep() {
        GeneratorResult r = generatorGradients();
        if (!r.skipped()) {
            optG.step();
        }
        return r;
    }

    private CriticResult criticGradients(boolean keepFakes) {
        optD.zeroGrad();
        CriticPass pass = new CriticPass(d, loss, penalties, streams.get("penalty"), instanceNoise, step);
        List<Parts.Part> done = parts.run(GradientReducer.Phase.CRITIC, data.next(), keepFakes, pass::run);
        kept = keepFakes ? done : null;
        double ss = sumOfSquares(d);
        double avgLoss = pass.loss() / parts.local();
        boolean ok = guard.gradientsFinite(avgLoss, ss);
        return pass.result(parts.local(), ss, !ok);
    }

    private GeneratorResult generatorGradients() {
        if (kept == null) {
            throw new IllegalStateException("generatorStep needs the fakes of a criticStep(true) just before it");
        }
        d.requiresGrad(false); // D is frozen while G trains: no weight gradients computed for it
        double total;
        try {
            optG.zeroGrad();
            GeneratorPass pass = new GeneratorPass(d, loss, instanceNoise, step);
            parts.rerun(GradientReducer.Phase.GENERATOR, kept, pass::run);
            total = pass.loss();
        } finally {
            d.requiresGrad(true);
            kept = null;
        }
        double ss = sumOfSquares(g);
        double avg = total / parts.local();
        return new GeneratorResult(avg, ss, !guard.gradientsFinite(avg, ss));
    }

    private StepStats finish(long t0, int k, CriticResult c, GeneratorResult r) {
        boolean skipped = c.skipped() || r == null || r.skipped();
        double gnG = Math.sqrt(r != null ? r.gradSumOfSquares() : sumOfSquares(g));
        if (!skipped && !guard.weightsFinite()) {
            skipped = true;
        }
        if (skipped) {
            guard.onFailure(step);
        } else {
            guard.onSuccess(step);
            if (ema != null) {
                ema.update(step);
            }
        }
        step++;
        return new StepStats(step, c.loss(), r != null ? r.loss() : Double.NaN, c.dReal(), c.dFake(), c.estimate(), c.penalty(), gnG,
                Math.sqrt(c.gradSumOfSquares()), k, skipped, (System.nanoTime() - t0) / 1e9);
    }

    /** @return the sum of the squared gradients of m's parameters, in double (NaN or infinite iff one is) */
    private static double sumOfSquares(Module m) {
        double s = 0;
        for (Variable p : m.parameters()) {
            Tensor gr = p.grad();
            if (gr != null) {
                s += gr.sumOfSquares();
            }
        }
        return s;
    }

    /** @return clipping in use (WGAN), or null */
    WeightClipping clipping() {
        return clipping;
    }

    /**
     * Samples from G (the EMA weights when enabled), in eval mode with {@link SamplingNorm#STANDING}
     * batch-norm statistics, without recording a graph; the generator is left as it was.
     *
     * @param z latent codes [N, latent]
     * @param labels labels for conditional models, else null
     * @return samples [N, ...]
     */
    public Tensor sample(Tensor z, int[] labels) {
        return sample(g, ema, z, labels);
    }

    /**
     * Samples from a generator in eval mode with optional EMA weights and
     * {@link SamplingNorm#STANDING} batch-norm statistics (re-estimated for the weights sampled
     * with: the running statistics of a run lag its weights and do not belong to its EMA weights).
     *
     * @param g the generator
     * @param ema its EMA, or null
     * @param z latent codes
     * @param labels labels, or null
     * @return samples
     */
    public static Tensor sample(Generator g, Ema ema, Tensor z, int[] labels) {
        return sample(g, ema, z, labels, SamplingNorm.STANDING);
    }

    /**
     * Samples from a generator with optional EMA weights and the given batch-norm statistics.
     *
     * @param g the generator
     * @param ema its EMA, or null
     * @param z latent codes
     * @param labels labels, or null
     * @param norm which batch-norm statistics normalise
     * @return samples
     */
    public static Tensor sample(Generator g, Ema ema, Tensor z, int[] labels, SamplingNorm norm) {
        if (ema != null) {
            ema.swapIn();
        }
        try {
            return norm.sample(g, z, labels);
        } finally {
            if (ema != null) {
                ema.swapOut();
            }
        }
    }

    /** @return the shape of one sample */
    public int[] sampleShape() {
        return g.sampleShape();
    }

    /** @return the streams' states by purpose, for checkpoints */
    Map<String, long[]> streamStates() {
        return streams.states();
    }

    void restoreStreams(Map<String, long[]> states) {
        streams.restore(states);
    }
}
