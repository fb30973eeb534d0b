package io.jgan.train.spec;

import io.jgan.losses.FDivergence;
import io.jgan.models.CriticNorm;
import io.jgan.models.DataShape;
import io.jgan.models.ModelKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the flat {@code config.json} that jgan wrote before the typed run specification (one
 * object of 35 keys, recipe values possibly null) and resolves it exactly as that version did —
 * the recipe defaults, the critic norm, the WGAN schedule — so that run directories written then
 * resume bit-identically now (checked by {@code LegacyRunDirectoryTest} against runs recorded
 * with that version).
 */
final class LegacyConfig {
    private static final Set<String> KEYS = Set.of("model", "loss", "dataset", "dataDir", "steps", "epochs", "timeLimitSeconds",
            "batchSize", "lrG", "lrD", "beta1", "beta2", "optimizer", "nCritic", "wganSchedule", "criticNorm", "gpLambda", "r1Gamma",
            "clip", "labelSmoothing", "labelFlip", "instanceNoise", "instanceNoiseSteps", "dropoutG", "emaDecay", "imageSize",
            "channels", "latent", "numClasses", "seed", "sampleEvery", "checkpointEvery", "logEvery", "nanRetries", "nanHalveAfter");
    private static final Set<String> TOY_DATA = Set.of("ring8", "grid25", "swissroll");

    private LegacyConfig() {}

    static RunSpec read(JsonFields f) {
        f.allow(KEYS);
        String model = or(f.string("model"), "dcgan");
        String loss = or(f.string("loss"), "ns").trim().toLowerCase(java.util.Locale.ROOT);
        String dataset = or(f.string("dataset"), "mnist");
        boolean wgan = loss.equals("wgan");
        boolean gp = loss.equals("wgan-gp");
        boolean simultaneous = loss.startsWith("fgan:");
        double lr = wgan ? 5e-5 : gp ? 1e-4 : 2e-4;
        double gpLambda = or(f.number("gpLambda"), 10.0);
        double r1Gamma = or(f.number("r1Gamma"), 0.0);
        List<PenaltySpec> penalties = new ArrayList<>();
        if (gp && gpLambda > 0) {
            penalties.add(new PenaltySpec(PenaltyKind.GP, gpLambda));
        }
        if (r1Gamma > 0) {
            penalties.add(new PenaltySpec(PenaltyKind.R1, r1Gamma));
        }
        ModelKind kind = ModelKind.parse(model);
        RunSpecBuilder b = RunSpec.builder().loss(loss).model(kind).penalties(penalties)
                .criticNorm(criticNorm(f.string("criticNorm"), kind, !penalties.isEmpty()))
                .dropoutG(or(f.number("dropoutG"), 0.0))
                .optimizer(OptimizerKind.parse(or(f.string("optimizer"), wgan ? "rmsprop" : "adam")))
                .lrG(or(f.number("lrG"), lr)).lrD(or(f.number("lrD"), lr))
                .betas(or(f.number("beta1"), 0.5), or(f.number("beta2"), gp ? 0.9 : 0.999))
                .nCritic(simultaneous ? 1 : or(f.int32("nCritic"), wgan || gp ? 5 : 1))
                .updates(simultaneous ? UpdateSchedule.SIMULTANEOUS
                        : or(f.bool("wganSchedule"), wgan) ? UpdateSchedule.WGAN : UpdateSchedule.ALTERNATING)
                .clip(or(f.number("clip"), wgan ? 0.01 : 0.0))
                .labelSmoothing(or(f.number("labelSmoothing"), 1.0)).labelFlip(or(f.number("labelFlip"), 0.0))
                .instanceNoise(or(f.number("instanceNoise"), 0.0)).instanceNoiseSteps(or(f.integer("instanceNoiseSteps"), 0L))
                .emaDecay(or(f.number("emaDecay"), 0.0)).emaWarmup(false).init(io.jgan.models.WeightInit.DCGAN)
                .batchSize(or(f.int32("batchSize"), 64)).timeLimitSeconds(or(f.integer("timeLimitSeconds"), 0L))
                .seed(or(f.integer("seed"), 42L))
                .sampleEvery(or(f.int32("sampleEvery"), 200)).checkpointEvery(or(f.int32("checkpointEvery"), 1000))
                .logEvery(or(f.int32("logEvery"), 10))
                .nanRetries(or(f.int32("nanRetries"), 10)).nanHalveAfter(or(f.int32("nanHalveAfter"), 3));
        if (simultaneous) {
            b.generatorForm(FDivergence.GeneratorForm.SATURATING); // what every f-GAN run used before the recipes had their own
        }
        Integer latent = f.int32("latent");
        if (latent != null) {
            b.latent(latent);
        }
        long steps = or(f.integer("steps"), 0L);
        int epochs = or(f.int32("epochs"), 0);
        if (steps > 0 || epochs == 0) {
            b.steps(steps);
        } else {
            b.epochs(epochs);
        }
        DataShape shape = TOY_DATA.contains(dataset) ? DataShape.points(2)
                : DataShape.image(or(f.int32("channels"), 1), or(f.int32("imageSize"), 28), or(f.int32("numClasses"), 10));
        b.data(new DataSpec(dataset, f.string("dataDir"), shape));
        return b.build();
    }

    /** The critic norm as that version's {@code Models.criticNorm} chose it (the MLP critics have none, whatever it said). */
    private static CriticNorm criticNorm(String given, ModelKind kind, boolean penalty) {
        if (given != null) {
            return CriticNorm.parse(given);
        }
        if (penalty || kind.mlp()) {
            return CriticNorm.NONE;
        }
        return kind == ModelKind.DCGAN_KERAS ? null : CriticNorm.BATCH;
    }

    private static <T> T or(T v, T fallback) {
        return v != null ? v : fallback;
    }
}
