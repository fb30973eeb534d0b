package io.jgan.train.spec;

import io.jgan.losses.FDivergence;
import io.jgan.models.CriticNorm;
import io.jgan.models.DataShape;
import io.jgan.models.ModelKind;
import io.jgan.models.ModelSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link RunSpec}: values set here win; the others come from the base spec (when
 * building from one) or else from the recipe and the global defaults. Changing the recipe
 * ({@link #loss}) resets what the recipe decides — optimisers, critic steps, update schedule,
 * penalties, clipping, f-GAN's generator form — to the new recipe's values unless they are set here too; with the same
 * recipe the base's values stand. So {@code --config run.json --loss wgan-gp} gets WGAN-GP's
 * optimiser, and a resumed run keeps its own.
 *
 * <pre>{@code
 * RunSpec spec = RunSpec.builder()
 *         .model(ModelKind.DCGAN).data(DataSpec.of("mnist", DataShape.image(1, 28, 10)))
 *         .loss("wgan-gp").penalty(PenaltyKind.R1, 1)
 *         .steps(2000).batchSize(64).seed(7)
 *         .build();
 * }</pre>
 */
public final class RunSpecBuilder {
    private final RunSpec base;
    private String recipe;
    private ModelKind model;
    private Integer latent;
    private CriticNorm criticNorm;
    private boolean criticNormSet;
    private Double dropoutG;
    private DataSpec data;
    private List<PenaltySpec> penaltyList;
    private final List<PenaltySpec.Edit> penaltyEdits = new ArrayList<>();
    private Double labelSmoothing;
    private Double labelFlip;
    private FDivergence.GeneratorForm generatorForm;
    private final Net g = new Net();
    private final Net d = new Net();
    private Long steps;
    private Integer epochs;
    private Long timeLimitSeconds;
    private Integer batchSize;
    private Integer microBatches;
    private Integer nCritic;
    private UpdateSchedule updates;
    private Double clip;
    private Double instanceNoise;
    private Long instanceNoiseSteps;
    private Double emaDecay;
    private Integer nanRetries;
    private Integer nanHalveAfter;
    private Boolean emaWarmup;
    private io.jgan.models.WeightInit init;
    private Integer sampleEvery;
    private Integer checkpointEvery;
    private Integer logEvery;
    private Long seed;

    /** One network's optimiser settings as set so far. */
    private static final class Net {
        OptimizerKind kind;
        Double lr;
        Double beta1;
        Double beta2;
    }

    RunSpecBuilder(RunSpec base) {
        this.base = base;
    }

    /** @param name a recipe or registry loss ({@link Recipe#names()}) @return this */
    public RunSpecBuilder loss(String name) {
        this.recipe = Recipe.byName(name).name();
        return this;
    }

    /** @param kind the architecture @return this */
    public RunSpecBuilder model(ModelKind kind) {
        this.model = kind;
        return this;
    }

    /** @param n the latent size @return this */
    public RunSpecBuilder latent(int n) {
        this.latent = n;
        return this;
    }

    /** @param norm the critic's normalisation (null: the Keras DCGAN's original critic) @return this */
    public RunSpecBuilder criticNorm(CriticNorm norm) {
        this.criticNorm = norm;
        this.criticNormSet = true;
        return this;
    }

    /** @param p dropout in G's hidden layers @return this */
    public RunSpecBuilder dropoutG(double p) {
        this.dropoutG = p;
        return this;
    }

    /** @param spec the data's name, directory and shape @return this */
    public RunSpecBuilder data(DataSpec spec) {
        this.data = spec;
        return this;
    }

    /** @param shape the data's shape, named "data" @return this */
    public RunSpecBuilder data(DataShape shape) {
        return data(DataSpec.of("data", shape));
    }

    /**
     * Sets a penalty's weight, adding it after the recipe's penalties if absent; weight 0 removes it.
     *
     * @param kind the penalty
     * @param weight its weight, &gt;= 0
     * @return this
     */
    public RunSpecBuilder penalty(PenaltyKind kind, double weight) {
        penaltyEdits.add(new PenaltySpec.Edit(kind, weight));
        return this;
    }

    /**
     * Sets the whole penalty list, replacing the recipe's (later {@link #penalty} calls edit it).
     *
     * @param list the penalties, in the order they are added to the critic's loss
     * @return this
     */
    public RunSpecBuilder penalties(List<PenaltySpec> list) {
        this.penaltyList = List.copyOf(list);
        this.penaltyEdits.clear();
        return this;
    }

    /** @param target the real label for the cross-entropy losses @return this */
    public RunSpecBuilder labelSmoothing(double target) {
        this.labelSmoothing = target;
        return this;
    }

    /** @param p the probability of flipping a discriminator label @return this */
    public RunSpecBuilder labelFlip(double p) {
        this.labelFlip = p;
        return this;
    }

    /** @param form f-GAN's generator objective (default: the recipe's) @return this */
    public RunSpecBuilder generatorForm(FDivergence.GeneratorForm form) {
        this.generatorForm = form;
        return this;
    }

    /** @param kind both networks' optimiser @return this */
    public RunSpecBuilder optimizer(OptimizerKind kind) {
        g.kind = kind;
        d.kind = kind;
        return this;
    }

    /** @param kind the generator's optimiser @return this */
    public RunSpecBuilder optimizerG(OptimizerKind kind) {
        g.kind = kind;
        return this;
    }

    /** @param kind the critic's optimiser @return this */
    public RunSpecBuilder optimizerD(OptimizerKind kind) {
        d.kind = kind;
        return this;
    }

    /** @param lr both networks' learning rate @return this */
    public RunSpecBuilder lr(double lr) {
        g.lr = lr;
        d.lr = lr;
        return this;
    }

    /** @param lr the generator's learning rate @return this */
    public RunSpecBuilder lrG(double lr) {
        g.lr = lr;
        return this;
    }

    /** @param lr the critic's learning rate @return this */
    public RunSpecBuilder lrD(double lr) {
        d.lr = lr;
        return this;
    }

    /** @param beta1 Adam's beta1 for both networks @param beta2 Adam's beta2 for both @return this */
    public RunSpecBuilder betas(double beta1, double beta2) {
        return betasG(beta1, beta2).betasD(beta1, beta2);
    }

    /** @param beta1 the generator's Adam beta1 @param beta2 its beta2 @return this */
    public RunSpecBuilder betasG(double beta1, double beta2) {
        g.beta1 = beta1;
        g.beta2 = beta2;
        return this;
    }

    /** @param beta1 the critic's Adam beta1 @param beta2 its beta2 @return this */
    public RunSpecBuilder betasD(double beta1, double beta2) {
        d.beta1 = beta1;
        d.beta2 = beta2;
        return this;
    }

    /** @param beta1 Adam's beta1 for both networks @return this */
    public RunSpecBuilder beta1(double beta1) {
        g.beta1 = beta1;
        d.beta1 = beta1;
        return this;
    }

    /** @param beta2 Adam's beta2 for both networks @return this */
    public RunSpecBuilder beta2(double beta2) {
        g.beta2 = beta2;
        d.beta2 = beta2;
        return this;
    }

    /** @param n generator steps to train to (clears epochs) @return this */
    public RunSpecBuilder steps(long n) {
        this.steps = n;
        this.epochs = 0;
        return this;
    }

    /** @param n passes over the data (clears steps) @return this */
    public RunSpecBuilder epochs(int n) {
        this.epochs = n;
        this.steps = 0L;
        return this;
    }

    /** @param seconds wall-clock limit (0: none) @return this */
    public RunSpecBuilder timeLimitSeconds(long seconds) {
        this.timeLimitSeconds = seconds;
        return this;
    }

    /** @param n samples per batch @return this */
    public RunSpecBuilder batchSize(int n) {
        this.batchSize = n;
        return this;
    }

    /** @param n equal parts each batch is split into for gradient accumulation @return this */
    public RunSpecBuilder microBatches(int n) {
        this.microBatches = n;
        return this;
    }

    /** @param n critic steps per generator step @return this */
    public RunSpecBuilder nCritic(int n) {
        this.nCritic = n;
        return this;
    }

    /** @param schedule how critic and generator updates alternate @return this */
    public RunSpecBuilder updates(UpdateSchedule schedule) {
        this.updates = schedule;
        return this;
    }

    /** @param c weight clipping (0: off) @return this */
    public RunSpecBuilder clip(double c) {
        this.clip = c;
        return this;
    }

    /** @param sigma initial instance-noise std @return this */
    public RunSpecBuilder instanceNoise(double sigma) {
        this.instanceNoise = sigma;
        return this;
    }

    /** @param n steps over which instance noise decays @return this */
    public RunSpecBuilder instanceNoiseSteps(long n) {
        this.instanceNoiseSteps = n;
        return this;
    }

    /** @param decay generator EMA decay (0: off) @return this */
    public RunSpecBuilder emaDecay(double decay) {
        this.emaDecay = decay;
        return this;
    }

    /**
     * @param init how the DCGAN-family models initialise their weights (new runs: {@code WEIGHTS}; a
     *             config recorded before the choice existed reads as {@code DCGAN})
     * @return this
     */
    public RunSpecBuilder init(io.jgan.models.WeightInit init) {
        this.init = init;
        return this;
    }

    /**
     * @param on warm the EMA's decay up as {@code min(decay, (1 + t) / (10 + t))} (new runs: true; a
     *           config recorded before the warm-up existed reads as false, so it resumes as it ran)
     * @return this
     */
    public RunSpecBuilder emaWarmup(boolean on) {
        this.emaWarmup = on;
        return this;
    }

    /** @param n consecutive non-finite steps tolerated @return this */
    public RunSpecBuilder nanRetries(int n) {
        this.nanRetries = n;
        return this;
    }

    /** @param n halve the learning rates after this many non-finite steps in a row @return this */
    public RunSpecBuilder nanHalveAfter(int n) {
        this.nanHalveAfter = n;
        return this;
    }

    /** @param n steps between sample grids @return this */
    public RunSpecBuilder sampleEvery(int n) {
        this.sampleEvery = n;
        return this;
    }

    /** @param n steps between periodic checkpoints @return this */
    public RunSpecBuilder checkpointEvery(int n) {
        this.checkpointEvery = n;
        return this;
    }

    /** @param n steps between metric lines @return this */
    public RunSpecBuilder logEvery(int n) {
        this.logEvery = n;
        return this;
    }

    /** @param s the seed of every random stream @return this */
    public RunSpecBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    /**
     * @return the validated spec
     * @throws SpecException naming the field (dotted, e.g. {@code optimizerG.lr}) and the value
     */
    public RunSpec build() {
        Recipe r = Recipe.byName(recipe != null ? recipe : base != null ? base.recipe() : "ns");
        boolean sameRecipe = base != null && base.recipe().equals(r.name());
        List<PenaltySpec> penalties = applyEdits(penaltyList != null ? penaltyList : sameRecipe ? base.objective().penalties() : r.penalties());
        ObjectiveSpec objective = within("objective", () -> new ObjectiveSpec(r.loss(), penalties,
                pick(labelSmoothing, base == null ? null : base.objective().labelSmoothing(), 1.0),
                pick(labelFlip, base == null ? null : base.objective().labelFlip(), 0.0),
                generatorForm != null ? generatorForm : sameRecipe ? base.objective().generatorForm() : r.generatorForm()));
        ModelSpec modelSpec = within("model", () -> modelSpec(objective.hasPenalty()));
        DataSpec dataSpec = data != null ? data : base != null ? base.data() : null;
        SpecException.require(dataSpec != null, "data", "must be given (its shape is what the models fit)");
        OptimizerSpec optG = within("optimizerG", () -> optimizer(g, sameRecipe && base != null ? base.optimizerG() : r.optimizerG()));
        OptimizerSpec optD = within("optimizerD", () -> optimizer(d, sameRecipe && base != null ? base.optimizerD() : r.optimizerD()));
        ScheduleSpec s = base == null ? null : base.schedule();
        ScheduleSpec schedule = within("schedule", () -> new ScheduleSpec(
                pick(steps, s == null ? null : s.steps(), 0L), pick(epochs, s == null ? null : s.epochs(), 0),
                pick(timeLimitSeconds, s == null ? null : s.timeLimitSeconds(), 0L), pick(batchSize, s == null ? null : s.batchSize(), 64),
                pick(microBatches, s == null ? null : s.microBatches(), 1),
                pick(nCritic, sameRecipe ? s.nCritic() : null, r.nCritic()), pick(updates, sameRecipe ? s.updates() : null, r.updates())));
        Tricks t = base == null ? Tricks.defaults() : base.tricks();
        Tricks tricks = within("tricks", () -> new Tricks(pick(clip, sameRecipe ? t.clip() : null, r.clip()),
                pick(instanceNoise, t.instanceNoise(), 0.0), pick(instanceNoiseSteps, t.instanceNoiseSteps(), 0L),
                pick(emaDecay, t.emaDecay(), 0.0), pick(nanRetries, t.nanRetries(), 10), pick(nanHalveAfter, t.nanHalveAfter(), 3),
                pick(emaWarmup, t.emaWarmup(), true)));
        Outputs o = base == null ? Outputs.defaults() : base.outputs();
        Outputs outputs = within("outputs", () -> new Outputs(pick(sampleEvery, o.sampleEvery(), 200),
                pick(checkpointEvery, o.checkpointEvery(), 1000), pick(logEvery, o.logEvery(), 10)));
        return new RunSpec(r.name(), modelSpec, dataSpec, objective, optG, optD, schedule, tricks, outputs,
                pick(seed, base == null ? null : base.seed(), 42L));
    }

    private ModelSpec modelSpec(boolean penalty) {
        ModelSpec b = base == null ? null : base.model();
        ModelKind kind = pick(model, b == null ? null : b.kind(), ModelKind.DCGAN);
        boolean sameKind = b != null && b.kind() == kind;
        boolean samePenalty = base != null && base.objective().hasPenalty() == penalty;
        CriticNorm norm = criticNormSet ? criticNorm
                : sameKind && samePenalty ? b.criticNorm() : ModelSpec.defaultNorm(kind, penalty);
        return new ModelSpec(kind, pick(latent, sameKind ? b.latent() : null, kind.defaultLatent()), norm,
                pick(dropoutG, sameKind ? b.dropoutG() : null, 0.0), pick(init, b == null ? null : b.init(), io.jgan.models.WeightInit.WEIGHTS));
    }

    private List<PenaltySpec> applyEdits(List<PenaltySpec> start) {
        List<PenaltySpec> out = new ArrayList<>(start);
        for (PenaltySpec.Edit e : penaltyEdits) {
            int at = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).kind() == e.kind()) {
                    at = i;
                }
            }
            if (e.weight() == 0) {
                if (at >= 0) {
                    out.remove(at);
                }
            } else if (at >= 0) {
                out.set(at, within("objective.penalties", () -> new PenaltySpec(e.kind(), e.weight())));
            } else {
                out.add(within("objective.penalties", () -> new PenaltySpec(e.kind(), e.weight())));
            }
        }
        return out;
    }

    private static OptimizerSpec optimizer(Net n, OptimizerSpec from) {
        return new OptimizerSpec(pick(n.kind, null, from.kind()), pick(n.lr, null, from.lr()), pick(n.beta1, null, from.beta1()),
                pick(n.beta2, null, from.beta2()));
    }

    private static <T> T pick(T set, T inherited, T fallback) {
        return set != null ? set : inherited != null ? inherited : fallback;
    }

    /** Runs a part's constructor, prefixing its field names with the part's (so errors name {@code schedule.batchSize}). */
    private static <T> T within(String part, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (SpecException e) {
            if (e.field().startsWith(part + ".") || e.field().equals(part)) {
                throw e;
            }
            throw new SpecException(part + "." + e.field(), e.problem());
        } catch (IllegalArgumentException e) {
            throw new SpecException(part, e.getMessage());
        }
    }
}
