package io.jgan.cli.train;

import io.jgan.models.CriticNorm;
import io.jgan.models.ModelKind;
import io.jgan.train.spec.OptimizerKind;
import io.jgan.train.spec.OptimizerSpec;
import io.jgan.train.spec.PenaltyKind;
import io.jgan.train.spec.PenaltySpec;
import io.jgan.train.spec.RunSpec;
import io.jgan.train.spec.RunSpecBuilder;
import io.jgan.train.spec.UpdateSchedule;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The options of {@code jgan train} that set fields of the run specification, one per field (the
 * data's options live in {@link DataOptions}). Every option is boxed and null when absent, so only
 * what the user typed overrides the base (the recipe, a {@code --config} file, or a run being
 * resumed); {@link #given()} lists those with how each changes a builder and where its value sits
 * in a spec, which is what the resume check compares.
 */
public final class RunOptions {
    @Option(names = "--model", paramLabel = "NAME", converter = Choices.ToModel.class, completionCandidates = Choices.Models.class,
            description = "${COMPLETION-CANDIDATES} (default dcgan)")
    ModelKind model;
    @Option(names = "--loss", paramLabel = "NAME", converter = Choices.ToLoss.class, completionCandidates = Choices.Losses.class,
            description = "the loss or recipe: ${COMPLETION-CANDIDATES} (default ns)")
    String loss;
    @Option(names = "--penalty", paramLabel = "NAME[:WEIGHT]", converter = Choices.ToPenalty.class,
            completionCandidates = Choices.Penalties.class,
            description = "add a critic penalty (repeatable): ${COMPLETION-CANDIDATES}; weight default 10, 0 removes one")
    List<PenaltySpec.Edit> penalties;
    @Option(names = "--gp-lambda", paramLabel = "L", description = "gradient-penalty weight, as --penalty gp:L (wgan-gp: 10)")
    Double gpLambda;
    @Option(names = "--r1-gamma", paramLabel = "G", description = "R1 penalty weight, as --penalty r1:G (0: off)")
    Double r1Gamma;
    @Option(names = "--fgan-generator", paramLabel = "FORM", converter = Choices.ToGeneratorForm.class,
            completionCandidates = Choices.GeneratorForms.class,
            description = "f-GAN's generator objective: ${COMPLETION-CANDIDATES} (default: the divergence's recipe)")
    io.jgan.losses.FDivergence.GeneratorForm fganGenerator;
    @Option(names = "--latent", paramLabel = "N", description = "latent size (default: the model's)")
    Integer latent;
    @Option(names = "--critic-norm", paramLabel = "NORM", converter = Choices.ToNorm.class, completionCandidates = Choices.Norms.class,
            description = "${COMPLETION-CANDIDATES} (default: the model's; none with a gradient penalty)")
    CriticNorm criticNorm;
    @Option(names = "--dropout-g", paramLabel = "P", description = "dropout in the generator's hidden layers (default 0)")
    Double dropoutG;
    @Option(names = "--init", paramLabel = "INIT", converter = Choices.ToInit.class, completionCandidates = Choices.Inits.class,
            description = "dcgan and cdcgan initialisation: weights (N(0, 0.02) weights, PyTorch's default biases and batch norm;"
                    + " the default) or dcgan (also zero biases and batch-norm gamma ~ N(1, 0.02), the DCGAN example's)")
    io.jgan.models.WeightInit init;
    @Option(names = "--steps", paramLabel = "N", description = "generator steps to train to (default 500 unless --epochs)")
    Long steps;
    @Option(names = "--epochs", paramLabel = "N", description = "passes over the data (instead of --steps)")
    Integer epochs;
    @Option(names = "--time-limit", paramLabel = "DURATION", converter = io.jgan.cli.Durations.class,
            description = "stop cleanly after this long, e.g. 90s, 10m, 2h (final checkpoint and grid)")
    Long timeLimit;
    @Option(names = "--batch-size", paramLabel = "N", description = "samples per batch (default 64)")
    Integer batchSize;
    @Option(names = "--micro-batches", paramLabel = "N", description = "split each batch into N equal parts whose gradients are"
            + " summed before one update (gradient accumulation; batch-norm statistics per part; default 1)")
    Integer microBatches;
    @Option(names = "--lr", paramLabel = "RATE", description = "learning rate of both networks (default: the recipe's)")
    Double lr;
    @Option(names = "--lr-g", paramLabel = "RATE", description = "generator learning rate")
    Double lrG;
    @Option(names = "--lr-d", paramLabel = "RATE", description = "discriminator learning rate")
    Double lrD;
    @Option(names = "--optimizer", paramLabel = "NAME", converter = Choices.ToOptimizer.class,
            completionCandidates = Choices.Optimizers.class, description = "both networks: ${COMPLETION-CANDIDATES} (default adam; rmsprop for wgan)")
    OptimizerKind optimizer;
    @Option(names = "--optimizer-g", paramLabel = "NAME", converter = Choices.ToOptimizer.class,
            completionCandidates = Choices.Optimizers.class, description = "the generator's optimiser")
    OptimizerKind optimizerG;
    @Option(names = "--optimizer-d", paramLabel = "NAME", converter = Choices.ToOptimizer.class,
            completionCandidates = Choices.Optimizers.class, description = "the critic's optimiser")
    OptimizerKind optimizerD;
    @Option(names = "--beta1", paramLabel = "B", description = "Adam beta1 of both networks (default 0.5)")
    Double beta1;
    @Option(names = "--beta2", paramLabel = "B", description = "Adam beta2 of both networks (default 0.999; 0.9 for wgan-gp)")
    Double beta2;
    @Option(names = "--betas-g", paramLabel = "B1,B2", converter = Choices.ToBetas.class, description = "the generator's Adam betas")
    Choices.Betas betasG;
    @Option(names = "--betas-d", paramLabel = "B1,B2", converter = Choices.ToBetas.class, description = "the critic's Adam betas")
    Choices.Betas betasD;
    @Option(names = "--n-critic", paramLabel = "N", description = "critic steps per generator step (default 1; 5 for wgan, wgan-gp)")
    Integer nCritic;
    @Option(names = "--updates", paramLabel = "SCHEDULE", converter = Choices.ToSchedule.class,
            completionCandidates = Choices.Schedules.class,
            description = "${COMPLETION-CANDIDATES} (default: the recipe's: wgan for --loss wgan, else alternating)")
    UpdateSchedule updates;
    @Option(names = "--clip", paramLabel = "C", description = "critic weight clipping (default 0.01 for wgan, else off)")
    Double clip;
    @Option(names = "--label-smoothing", paramLabel = "T", description = "real-label target for ns/minimax, e.g. 0.9 (default 1: none)")
    Double labelSmoothing;
    @Option(names = "--label-flip", paramLabel = "P", description = "probability of flipping a discriminator label (default 0)")
    Double labelFlip;
    @Option(names = "--instance-noise", paramLabel = "SIGMA", description = "initial std of noise added to D's inputs (default 0)")
    Double instanceNoise;
    @Option(names = "--instance-noise-steps", paramLabel = "N", description = "steps over which instance noise decays to 0 (default 0: constant)")
    Long instanceNoiseSteps;
    @Option(names = "--ema", paramLabel = "DECAY", description = "generator EMA decay for samples and evaluation (default 0.999, warmed up; 0: off)")
    Double ema;
    @Option(names = "--ema-warmup", paramLabel = "BOOL", arity = "1", description = "warm the EMA decay up as min(decay, (1 + t) / (10 + t))"
            + " over the first steps (default true)")
    Boolean emaWarmup;
    @Option(names = "--nan-retries", paramLabel = "N", description = "consecutive non-finite steps tolerated before stopping (default 10)")
    Integer nanRetries;
    @Option(names = "--nan-halve-after", paramLabel = "N", description = "halve the learning rates after N non-finite steps in a row (default 3)")
    Integer nanHalveAfter;
    @Option(names = "--seed", paramLabel = "S", description = "seed of every random stream (default 42)")
    Long seed;
    @Option(names = "--sample-every", paramLabel = "N", description = "steps between sample grids (default 200)")
    Integer sampleEvery;
    @Option(names = "--checkpoint-every", paramLabel = "N", description = "steps between periodic checkpoints (default 1000)")
    Integer checkpointEvery;
    @Option(names = "--log-every", paramLabel = "N", description = "steps between metric lines (default 10)")
    Integer logEvery;

    /**
     * An option the user typed.
     *
     * @param name the option, e.g. {@code --lr}
     * @param value what was typed (converted)
     * @param apply sets it on a builder
     * @param stored where its value sits in a spec, for messages
     * @param resumable true for the length and output cadence, which a resumed run may change
     */
    public record Given(String name, Object value, Consumer<RunSpecBuilder> apply, Function<RunSpec, Object> stored, boolean resumable) {}

    /** @return the options typed, in a fixed order (the loss first: it decides what the recipe fills) */
    public List<Given> given() {
        List<Given> g = new ArrayList<>();
        add(g, "--loss", loss, b -> b.loss(loss), RunSpec::recipe);
        add(g, "--model", model, b -> b.model(model), s -> s.model().kind());
        add(g, "--latent", latent, b -> b.latent(latent), s -> s.model().latent());
        add(g, "--critic-norm", criticNorm, b -> b.criticNorm(criticNorm), s -> s.model().criticNorm());
        add(g, "--dropout-g", dropoutG, b -> b.dropoutG(dropoutG), s -> s.model().dropoutG());
        add(g, "--init", init, b -> b.init(init), s -> s.model().init());
        add(g, "--penalty", penalties, b -> penalties.forEach(e -> b.penalty(e.kind(), e.weight())), s -> s.objective().penalties());
        add(g, "--gp-lambda", gpLambda, b -> b.penalty(PenaltyKind.GP, gpLambda), s -> weight(s, PenaltyKind.GP));
        add(g, "--r1-gamma", r1Gamma, b -> b.penalty(PenaltyKind.R1, r1Gamma), s -> weight(s, PenaltyKind.R1));
        add(g, "--fgan-generator", fganGenerator, b -> b.generatorForm(fganGenerator), s -> s.objective().generatorForm());
        add(g, "--label-smoothing", labelSmoothing, b -> b.labelSmoothing(labelSmoothing), s -> s.objective().labelSmoothing());
        add(g, "--label-flip", labelFlip, b -> b.labelFlip(labelFlip), s -> s.objective().labelFlip());
        add(g, "--optimizer", optimizer, b -> b.optimizer(optimizer), s -> both(s, OptimizerSpec::kind));
        add(g, "--optimizer-g", optimizerG, b -> b.optimizerG(optimizerG), s -> s.optimizerG().kind());
        add(g, "--optimizer-d", optimizerD, b -> b.optimizerD(optimizerD), s -> s.optimizerD().kind());
        add(g, "--lr", lr, b -> b.lr(lr), s -> both(s, OptimizerSpec::lr));
        add(g, "--lr-g", lrG, b -> b.lrG(lrG), s -> s.optimizerG().lr());
        add(g, "--lr-d", lrD, b -> b.lrD(lrD), s -> s.optimizerD().lr());
        add(g, "--beta1", beta1, b -> b.beta1(beta1), s -> both(s, OptimizerSpec::beta1));
        add(g, "--beta2", beta2, b -> b.beta2(beta2), s -> both(s, OptimizerSpec::beta2));
        add(g, "--betas-g", betasG, b -> b.betasG(betasG.beta1(), betasG.beta2()), s -> s.optimizerG().beta1() + "," + s.optimizerG().beta2());
        add(g, "--betas-d", betasD, b -> b.betasD(betasD.beta1(), betasD.beta2()), s -> s.optimizerD().beta1() + "," + s.optimizerD().beta2());
        add(g, "--batch-size", batchSize, b -> b.batchSize(batchSize), s -> s.schedule().batchSize());
        add(g, "--micro-batches", microBatches, b -> b.microBatches(microBatches), s -> s.schedule().microBatches());
        add(g, "--n-critic", nCritic, b -> b.nCritic(nCritic), s -> s.schedule().nCritic());
        add(g, "--updates", updates, b -> b.updates(updates), s -> s.schedule().updates());
        add(g, "--clip", clip, b -> b.clip(clip), s -> s.tricks().clip());
        add(g, "--instance-noise", instanceNoise, b -> b.instanceNoise(instanceNoise), s -> s.tricks().instanceNoise());
        add(g, "--instance-noise-steps", instanceNoiseSteps, b -> b.instanceNoiseSteps(instanceNoiseSteps),
                s -> s.tricks().instanceNoiseSteps());
        add(g, "--ema", ema, b -> b.emaDecay(ema), s -> s.tricks().emaDecay());
        add(g, "--ema-warmup", emaWarmup, b -> b.emaWarmup(emaWarmup), s -> s.tricks().emaWarmup());
        add(g, "--nan-retries", nanRetries, b -> b.nanRetries(nanRetries), s -> s.tricks().nanRetries());
        add(g, "--nan-halve-after", nanHalveAfter, b -> b.nanHalveAfter(nanHalveAfter), s -> s.tricks().nanHalveAfter());
        add(g, "--seed", seed, b -> b.seed(seed), RunSpec::seed);
        lengthOptions(g);
        return g;
    }

    private void lengthOptions(List<Given> g) {
        if (steps != null && steps <= 0) {
            throw new IllegalArgumentException("--steps must be positive, got " + steps);
        }
        if (epochs != null && epochs <= 0) {
            throw new IllegalArgumentException("--epochs must be positive, got " + epochs);
        }
        if (steps != null && epochs != null) {
            throw new IllegalArgumentException("give --steps or --epochs, not both");
        }
        resumable(g, "--steps", steps, b -> b.steps(steps), s -> s.schedule().steps());
        resumable(g, "--epochs", epochs, b -> b.epochs(epochs), s -> s.schedule().epochs());
        resumable(g, "--time-limit", timeLimit, b -> b.timeLimitSeconds(timeLimit), s -> s.schedule().timeLimitSeconds());
        resumable(g, "--sample-every", sampleEvery, b -> b.sampleEvery(sampleEvery), s -> s.outputs().sampleEvery());
        resumable(g, "--checkpoint-every", checkpointEvery, b -> b.checkpointEvery(checkpointEvery), s -> s.outputs().checkpointEvery());
        resumable(g, "--log-every", logEvery, b -> b.logEvery(logEvery), s -> s.outputs().logEvery());
    }

    private static void add(List<Given> g, String name, Object v, Consumer<RunSpecBuilder> apply, Function<RunSpec, Object> stored) {
        if (v != null) {
            g.add(new Given(name, v, apply, stored, false));
        }
    }

    private static void resumable(List<Given> g, String name, Object v, Consumer<RunSpecBuilder> apply, Function<RunSpec, Object> stored) {
        if (v != null) {
            g.add(new Given(name, v, apply, stored, true));
        }
    }

    private static Object weight(RunSpec s, PenaltyKind k) {
        return s.objective().penalties().stream().filter(p -> p.kind() == k).map(p -> (Object) p.weight()).findFirst().orElse(0.0);
    }

    private static Object both(RunSpec s, Function<OptimizerSpec, Object> f) {
        Object g = f.apply(s.optimizerG());
        Object d = f.apply(s.optimizerD());
        return g.equals(d) ? g : "G " + g + ", D " + d;
    }

    /** @return a typed value as the command line would show it */
    static String show(Object v) {
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                out.add(o instanceof PenaltySpec p ? p.kind() + ":" + p.weight()
                        : o instanceof PenaltySpec.Edit e ? e.kind() + ":" + e.weight() : String.valueOf(o));
            }
            return String.join(" ", out);
        }
        return String.valueOf(v);
    }
}
