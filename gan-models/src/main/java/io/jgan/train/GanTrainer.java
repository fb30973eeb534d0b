package io.jgan.train;

import io.jgan.autograd.GradMode;
import io.jgan.autograd.Variable;
import io.jgan.losses.FDivergence;
import io.jgan.losses.GanLoss;
import io.jgan.losses.GanLosses;
import io.jgan.losses.GradientPenalty;
import io.jgan.losses.Labels;
import io.jgan.losses.Minimax;
import io.jgan.losses.NonSaturating;
import io.jgan.losses.R1;
import io.jgan.losses.Wasserstein;
import io.jgan.models.Critic;
import io.jgan.models.Generator;
import io.jgan.nn.Dropout;
import io.jgan.nn.Module;
import io.jgan.optim.Adam;
import io.jgan.optim.Optimizer;
import io.jgan.optim.RmsProp;
import io.jgan.optim.Sgd;
import io.jgan.optim.WeightClipping;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.TensorScope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Drives one GAN: G, D, their optimisers, the objective and an optional penalty.
 *
 * <p>One {@link #step()} is one generator update and the critic updates before it: k critic steps
 * (n_critic; the WGAN schedule's 100 for the first 25 generator steps and every 500th), weight
 * clipping after each critic step (WGAN), the gradient penalty (WGAN-GP) or R1, then the generator
 * step through the critic with the critic frozen. f-GAN objectives take a single simultaneous step:
 * both gradients at the same parameters, then both updates. The last critic step's fake batch is
 * generated once and reused (detached) for D and (with its graph) for G, as the PyTorch examples do.
 *
 * <p>Every random draw comes from a stream split from the seed by purpose (noise, labels, penalty,
 * instance noise, fake labels, dropout), all saved by {@link TrainerState}, so a resumed run is
 * bit-identical to an uninterrupted one.
 *
 * <p>A step runs in a {@link TensorScope} (each critic step in a nested one), so its tensors reuse
 * pooled arrays and a warmed-up step allocates almost nothing. Everything that outlives a step lives
 * outside the scopes: weights, the parameters' gradient storage, optimiser state (made eagerly by
 * the constructors), the EMA, the NaN guard's snapshot ({@link TensorScope#unpooled}); only numbers
 * leave a step, in {@link StepStats}.
 */
public final class GanTrainer {
    private final TrainConfig cfg;
    private final Generator g;
    private final Critic d;
    private final BatchSource data;
    private final GanLoss loss;
    private final GradientPenalty gp;
    private final R1 r1;
    private final Optimizer optG;
    private final Optimizer optD;
    private final WeightClipping clipping;
    private final Ema ema;
    private final NanGuard guard;
    final Map<String, Rng> streams = new LinkedHashMap<>();
    long step;
    private final int latent;
    private final int[] sampleShape;

    /** The numbers of one generator step, for logging. */
    public record StepStats(long step, double dLoss, double gLoss, double dReal, double dFake, OptionalDouble estimate,
                            double penalty, double gradNormG, double gradNormD, int criticSteps, boolean skipped,
                            double seconds) {}

    /**
     * @param cfg the run configuration (resolved and validated here)
     * @param generator G
     * @param critic D
     * @param data real batches
     */
    public GanTrainer(TrainConfig cfg, Generator generator, Critic critic, BatchSource data) {
        this.cfg = cfg.validate().resolved();
        this.g = generator;
        this.d = critic;
        this.data = data;
        this.latent = g.latentDim();
        this.sampleShape = g.sampleShape();
        Rng root = new Rng(this.cfg.seed());
        for (String purpose : List.of("noise", "labels", "penalty", "instance-noise", "fake-labels")) {
            streams.put(purpose, root.split(purpose));
        }
        this.loss = buildLoss(this.cfg, streams.get("labels"));
        this.gp = this.cfg.loss().equals("wgan-gp") ? new GradientPenalty(this.cfg.gpLambda()) : null;
        this.r1 = this.cfg.r1Gamma() > 0 ? new R1(this.cfg.r1Gamma()) : null;
        this.optG = optimizer(this.cfg, g.parameters(), this.cfg.lrG());
        this.optD = optimizer(this.cfg, d.parameters(), this.cfg.lrD());
        this.clipping = this.cfg.clip() > 0 ? new WeightClipping(d.parameters(), this.cfg.clip().floatValue()) : null;
        if (clipping != null) {
            optD.addConstraint(clipping); // applied after every critic update
        }
        this.ema = this.cfg.emaDecay() > 0 ? new Ema(g, this.cfg.emaDecay()) : null;
        this.guard = new NanGuard(this);
        g.train();
        d.train();
    }

    static GanLoss buildLoss(TrainConfig cfg, Rng labelRng) {
        String name = cfg.loss().equals("wgan-gp") ? "wgan" : cfg.loss();
        GanLoss base = GanLosses.byName(name);
        boolean soft = cfg.labelSmoothing() < 1.0 || cfg.labelFlip() > 0;
        if (!soft) {
            return base;
        }
        Labels labels = Labels.oneSidedSmoothing((float) cfg.labelSmoothing());
        if (cfg.labelFlip() > 0) {
            labels = labels.withFlips(cfg.labelFlip(), labelRng);
        }
        if (base instanceof NonSaturating) {
            return new NonSaturating(labels);
        }
        if (base instanceof Minimax) {
            return new Minimax(labels);
        }
        throw new IllegalArgumentException("--label-smoothing and --label-flip apply to the cross-entropy losses (ns, minimax), not "
                + cfg.loss());
    }

    static Optimizer optimizer(TrainConfig cfg, List<Variable> params, double lr) {
        return switch (cfg.optimizer()) {
            case "adam" -> new Adam(params, Adam.Config.of((float) lr).withBetas(cfg.beta1(), cfg.beta2()));
            case "rmsprop" -> new RmsProp(params, RmsProp.Config.of((float) lr));
            case "sgd" -> new Sgd(params, Sgd.Config.of((float) lr));
            default -> throw new IllegalArgumentException("unknown optimizer '" + cfg.optimizer() + "' (adam, rmsprop, sgd)");
        };
    }

    /** @return the resolved configuration */
    public TrainConfig config() { return cfg; }
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

    /** @return the dropout modules of G and D, in tree order (their mask streams are training state) */
    List<Dropout> dropouts() {
        List<Dropout> out = new ArrayList<>();
        for (Module m : List.of(g, d)) {
            for (Module x : m.modules()) {
                if (x instanceof Dropout dr) {
                    out.add(dr);
                }
            }
        }
        return out;
    }

    private int criticStepsFor(long gStep) {
        if (cfg.simultaneous()) {
            return 1;
        }
        if (cfg.wganSchedule() && (gStep < 25 || gStep % 500 == 0)) {
            return 100;
        }
        return cfg.nCritic();
    }

    private Variable noise(int b) {
        return Variable.of(Tensor.randn(streams.get("noise"), b, latent));
    }

    private int[] fakeLabels(int b) {
        if (!g.conditional()) {
            return null;
        }
        Rng r = streams.get("fake-labels");
        int[] y = new int[b];
        for (int i = 0; i < b; i++) {
            y[i] = r.nextInt(cfg.numClasses());
        }
        return y;
    }

    private Variable withInstanceNoise(Variable x) {
        if (cfg.instanceNoise() <= 0) {
            return x;
        }
        double frac = cfg.instanceNoiseSteps() > 0 ? Math.max(0, 1 - (double) step / cfg.instanceNoiseSteps()) : 1;
        float sigma = (float) (cfg.instanceNoise() * frac);
        if (sigma == 0f) {
            return x;
        }
        Tensor n = Tensor.randn(streams.get("instance-noise"), x.dims()).mul(sigma);
        return x.add(Variable.of(n));
    }

    /**
     * One generator step with its critic steps.
     *
     * @return what happened
     * @throws TrainingDivergedException after too many consecutive non-finite steps
     */
    public StepStats step() {
        // Every tensor of the step borrows pooled storage that goes back when the scope closes; what
        // outlives the step (weights, gradients, optimiser state, EMA, the guard's snapshot) lives
        // outside it, and only plain numbers leave it.
        try (TensorScope stepScope = TensorScope.open()) {
            return scopedStep();
        }
    }

    private StepStats scopedStep() {
        long t0 = System.nanoTime();
        int k = criticStepsFor(step);
        double dLoss = Double.NaN;
        double pen = 0;
        double dReal = Double.NaN;
        double dFake = Double.NaN;
        OptionalDouble est = OptionalDouble.empty();
        boolean skipped = false;
        Variable fake = null;
        int[] yFake = null;
        double gLoss = Double.NaN;
        // Sums of squared gradients: one pass gives both the logged norm and the NaN guard's verdict
        // (a float squared in double cannot overflow, so the sum is finite iff every gradient is).
        double ssD = Double.NaN;
        double ssG = Double.NaN;
        boolean gBackward = false;
        for (int i = 0; i < k && !skipped; i++) {
            boolean last = i == k - 1;
            // An earlier critic step keeps nothing, so its whole work is released at once (the WGAN
            // schedule runs 100 of them); the last one's batch and fake stay for the generator step.
            try (TensorScope iterScope = last ? null : TensorScope.open()) {
                BatchSource.RealBatch rb = data.next();
                int b = rb.x().dim(0);
                Variable z = noise(b);
                yFake = fakeLabels(b);
                if (last) {
                    fake = g.generate(z, yFake); // kept with its graph for the generator step
                } else {
                    try (var ng = GradMode.noGrad()) {
                        fake = g.generate(z, yFake);
                    }
                }
                // The critic's forward, loss, backward and update: only numbers leave this scope.
                try (TensorScope criticScope = TensorScope.open()) {
                    Variable fakeD = fake;
                    Variable real = withInstanceNoise(Variable.of(rb.x()));
                    Variable fakeIn = withInstanceNoise(fakeD.detach());
                    int[] yReal = rb.labels();
                    Variable sReal = d.score(real, yReal);
                    Variable sFake = d.score(fakeIn, yFake);
                    Variable lossD = loss.discriminatorLoss(sReal, sFake);
                    if (gp != null) {
                        Variable p = gp.penalty(x -> d.score(x, yReal), Variable.of(rb.x()), fakeD.detach(), streams.get("penalty"));
                        pen = p.item();
                        lossD = lossD.add(p);
                    }
                    if (r1 != null) {
                        Variable p = r1.penalty(x -> d.score(x, yReal), Variable.of(rb.x()));
                        pen += p.item();
                        lossD = lossD.add(p);
                    }
                    dLoss = lossD.item();
                    // D(x) and D(G(z)) as probabilities for the cross-entropy losses (what GAN users read), raw scores otherwise
                    boolean probs = loss instanceof NonSaturating || loss instanceof Minimax;
                    dReal = (probs ? sReal.value().sigmoid() : sReal.value()).mean().item();
                    dFake = (probs ? sFake.value().sigmoid() : sFake.value()).mean().item();
                    est = loss.estimate(sReal, sFake);
                    optD.zeroGrad();
                    lossD.backward();
                    if (cfg.simultaneous()) {
                        // f-GAN: G's gradient at the same D before either update.
                        gLoss = generatorBackward(fake, yFake);
                        ssD = sumOfSquares(d);
                        ssG = sumOfSquares(g);
                        gBackward = true;
                        if (!guard.gradientsFinite(dLoss, ssD) || !guard.gradientsFinite(gLoss, ssG)) {
                            skipped = true;
                            break;
                        }
                        optD.step();
                        optG.step();
                        break;
                    }
                    ssD = sumOfSquares(d);
                    if (!guard.gradientsFinite(dLoss, ssD)) {
                        skipped = true;
                        break;
                    }
                    optD.step(); // weight clipping runs as the optimiser's constraint
                }
            }
        }
        double gnD = Math.sqrt(ssD);
        if (!skipped && !cfg.simultaneous()) {
            gLoss = generatorBackward(fake, yFake);
            ssG = sumOfSquares(g);
            gBackward = true;
            if (!guard.gradientsFinite(gLoss, ssG)) {
                skipped = true;
            } else {
                optG.step();
            }
        }
        double gnG = Math.sqrt(gBackward ? ssG : sumOfSquares(g));
        if (!skipped && !guard.weightsFinite()) {
            skipped = true;
        }
        if (skipped) {
            guard.onFailure(step);
        } else {
            guard.onSuccess(step);
            if (ema != null) {
                ema.update();
            }
        }
        step++;
        return new StepStats(step, dLoss, gLoss, dReal, dFake, est, pen, gnG, gnD, k, skipped, (System.nanoTime() - t0) / 1e9);
    }

    private double generatorBackward(Variable fake, int[] yFake) {
        d.requiresGrad(false); // D is frozen while G trains: no weight gradients computed for it
        try {
            Variable lossG = loss.generatorLoss(d.score(withInstanceNoise(fake), yFake));
            optG.zeroGrad();
            lossG.backward();
            return lossG.item();
        } finally {
            d.requiresGrad(true);
        }
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
     * Samples from G (the EMA weights when enabled), in eval mode, without recording a graph.
     *
     * @param z latent codes [N, latent]
     * @param labels labels for conditional models, else null
     * @return samples [N, ...]
     */
    public Tensor sample(Tensor z, int[] labels) {
        return sample(g, ema, z, labels);
    }

    /**
     * Samples from a generator in eval mode with optional EMA weights.
     *
     * @param g the generator
     * @param ema its EMA, or null
     * @param z latent codes
     * @param labels labels, or null
     * @return samples
     */
    public static Tensor sample(Generator g, Ema ema, Tensor z, int[] labels) {
        boolean wasTraining = g.isTraining();
        g.eval();
        if (ema != null) {
            ema.swapIn();
        }
        try (var ng = GradMode.noGrad()) {
            return g.generate(Variable.of(z), labels).value().copy();
        } finally {
            if (ema != null) {
                ema.swapOut();
            }
            g.train(wasTraining);
        }
    }

    /** @return the shape of one sample */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** @return true if the objective is an f-GAN (kept for callers that label its bound) */
    public boolean isFGan() {
        return loss instanceof FDivergence;
    }

    /** @return true for WGAN objectives */
    public boolean isWasserstein() {
        return loss instanceof Wasserstein;
    }

    /** @return the streams' states by purpose, for checkpoints */
    Map<String, long[]> streamStates() {
        Map<String, long[]> m = new LinkedHashMap<>();
        streams.forEach((k, v) -> m.put(k, v.state()));
        List<Dropout> ds = dropouts();
        for (int i = 0; i < ds.size(); i++) {
            m.put("dropout." + i, ds.get(i).rng().state());
        }
        return m;
    }

    void restoreStreams(Map<String, long[]> states) {
        for (Map.Entry<String, Rng> e : streams.entrySet()) {
            long[] s = states.get(e.getKey());
            if (s == null) {
                throw new IllegalArgumentException("checkpoint lacks the state of the '" + e.getKey() + "' random stream");
            }
            e.getValue().restore(s);
        }
        List<Dropout> ds = dropouts();
        for (int i = 0; i < ds.size(); i++) {
            long[] s = states.get("dropout." + i);
            if (s == null) {
                throw new IllegalArgumentException("checkpoint lacks the state of dropout stream " + i);
            }
            ds.get(i).rng().restore(s);
        }
    }
}
