package io.jgan.train.spec;

import io.jgan.losses.FDivergence;
import io.jgan.models.CriticNorm;
import io.jgan.models.DataShape;
import io.jgan.models.ModelKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run specification: recipes, builder semantics, validation messages, and the strict JSON form (current and flat legacy). */
class RunSpecTest {
    private static final DataSpec MNIST = DataSpec.of("mnist", DataShape.image(1, 28, 10));

    private static RunSpecBuilder mnist() {
        return RunSpec.builder().data(MNIST);
    }

    @Test
    void recipesFillTheirDefaults() {
        RunSpec ns = mnist().build();
        assertEquals("ns", ns.recipe());
        assertEquals(ModelKind.DCGAN, ns.model().kind());
        assertEquals(new OptimizerSpec(OptimizerKind.ADAM, 2e-4, 0.5, 0.999), ns.optimizerG());
        assertEquals(CriticNorm.BATCH, ns.model().criticNorm());
        RunSpec wgan = mnist().loss("wgan").build();
        assertEquals(OptimizerKind.RMSPROP, wgan.optimizerD().kind());
        assertEquals(5e-5, wgan.optimizerD().lr());
        assertEquals(0.01, wgan.tricks().clip());
        assertEquals(UpdateSchedule.WGAN, wgan.schedule().updates());
        assertEquals(5, wgan.schedule().nCritic());
        RunSpec gp = mnist().loss("wgan-gp").build();
        assertEquals("wgan", gp.objective().loss());
        assertEquals(List.of(new PenaltySpec(PenaltyKind.GP, 10)), gp.objective().penalties());
        assertEquals(new OptimizerSpec(OptimizerKind.ADAM, 1e-4, 0.5, 0.9), gp.optimizerD());
        assertEquals(CriticNorm.NONE, gp.model().criticNorm(), "a gradient penalty needs per-sample gradients");
        RunSpec kl = mnist().loss("fgan:kl").build();
        assertEquals(UpdateSchedule.ALTERNATING, kl.schedule().updates(), "measured: f-GAN's recipes alternate");
        assertEquals(FDivergence.GeneratorForm.PRACTICAL, kl.objective().generatorForm());
        assertEquals(List.of(new PenaltySpec(PenaltyKind.R1, 1)), kl.objective().penalties());
        assertEquals(FDivergence.GeneratorForm.SATURATING, mnist().loss("fgan:reverse_kl").build().objective().generatorForm());
        assertEquals(null, mnist().loss("hinge").build().objective().generatorForm(), "only f-GAN has a generator form");
        assertEquals("ragan", mnist().loss("RaGAN").build().objective().loss());
    }

    @Test
    void aNewRecipeResetsWhatTheRecipeDecidesButTheSameRecipeKeepsTheBase() {
        RunSpec base = mnist().lr(1e-3).seed(9).batchSize(32).build();
        RunSpec toGp = base.toBuilder().loss("wgan-gp").build();
        assertEquals(1e-4, toGp.optimizerG().lr(), "the new recipe's learning rate");
        assertEquals(9, toGp.seed(), "not a recipe value: kept");
        assertEquals(32, toGp.schedule().batchSize());
        RunSpec same = base.toBuilder().loss("ns").build();
        assertEquals(base, same);
        RunSpec explicit = base.toBuilder().loss("wgan-gp").lr(3e-4).build();
        assertEquals(3e-4, explicit.optimizerD().lr(), "set explicitly: wins over the recipe");
    }

    @Test
    void validationNamesTheApiField() {
        SpecException e = assertThrows(SpecException.class, () -> mnist().batchSize(0).build());
        assertEquals("schedule.batchSize", e.field());
        assertTrue(e.getMessage().startsWith("schedule.batchSize must be positive"), e.getMessage());
        e = assertThrows(SpecException.class, () -> mnist().lrD(-1).build());
        assertEquals("optimizerD.lr", e.field());
        e = assertThrows(SpecException.class, () -> mnist().loss("wgan-gp").criticNorm(CriticNorm.BATCH).build());
        assertEquals("model.criticNorm", e.field());
        e = assertThrows(SpecException.class, () -> mnist().model(ModelKind.TOY).build());
        assertEquals("model", e.field());
        assertTrue(e.getMessage().contains("2-D points"), e.getMessage());
        e = assertThrows(SpecException.class, () -> mnist().microBatches(3).build());
        assertEquals("schedule.microBatches", e.field());
        e = assertThrows(SpecException.class, () -> mnist().loss("hinge").labelSmoothing(0.9).build());
        assertEquals("objective.labelSmoothing", e.field());
        assertThrows(IllegalArgumentException.class, () -> mnist().loss("wgan-gpx"));
    }

    @Test
    void anyDataOfTheRightShapeTrainsWithoutADatasetName() {
        RunSpec points = RunSpec.builder().model(ModelKind.TOY).data(DataShape.points(2)).build();
        assertEquals("data", points.data().name());
        RunSpec mlpOnPoints = RunSpec.builder().model(ModelKind.MLP).data(DataShape.points(5)).build();
        assertEquals(5, mlpOnPoints.shape().features());
    }

    @Test
    void jsonRoundTripsEveryField() {
        RunSpec s = mnist().model(ModelKind.CDCGAN).loss("wgan-gp").penalty(PenaltyKind.R1, 0.5).penalty(PenaltyKind.DRAGAN, 2)
                .latent(16).dropoutG(0.1).optimizerG(OptimizerKind.SGD).lrG(0.01).betasD(0.1, 0.2).steps(123).timeLimitSeconds(60)
                .batchSize(32).microBatches(4).nCritic(3).updates(UpdateSchedule.WGAN).clip(0.02).instanceNoise(0.1)
                .instanceNoiseSteps(50).emaDecay(0.99).nanRetries(4).nanHalveAfter(2).sampleEvery(7).checkpointEvery(8).logEvery(9)
                .seed(77).build();
        assertEquals(s, RunSpec.fromJson(s.toJson()));
        RunSpec epochs = mnist().epochs(3).build();
        assertEquals(epochs, RunSpec.fromJson(epochs.toJson()));
        RunSpec noWarmup = mnist().emaDecay(0.999).emaWarmup(false).build();
        assertEquals(noWarmup, RunSpec.fromJson(noWarmup.toJson()));
    }

    @Test
    void weightInitIsWeightsForNewRunsAndDcganForConfigsWrittenBeforeIt() {
        RunSpec fresh = mnist().build();
        assertEquals(io.jgan.models.WeightInit.WEIGHTS, fresh.model().init());
        String json = fresh.toJson();
        assertTrue(json.contains("\"init\":\"weights\""), json);
        assertEquals(fresh, RunSpec.fromJson(json));
        RunSpec old = RunSpec.fromJson(json.replace(",\"init\":\"weights\"", ""));
        assertEquals(io.jgan.models.WeightInit.DCGAN, old.model().init());
        assertEquals(io.jgan.models.WeightInit.DCGAN, mnist().init(io.jgan.models.WeightInit.DCGAN).build().model().init());
    }

    @Test
    void emaWarmupIsOnForNewRunsAndOffForConfigsWrittenBeforeIt() {
        RunSpec fresh = mnist().emaDecay(0.999).build();
        assertTrue(fresh.tricks().emaWarmup());
        String json = fresh.toJson();
        assertTrue(json.contains("\"emaWarmup\":true"), json);
        // a jgan-run-2 config of the previous version has no emaWarmup key: its EMA ran without warm-up and resumes so
        RunSpec old = RunSpec.fromJson(json.replace(",\"emaWarmup\":true", ""));
        assertFalse(old.tricks().emaWarmup());
        assertEquals(0.999, old.tricks().emaDecay());
    }

    @Test
    void fganGeneratorFormIsWrittenReadAndOldConfigsKeepTheSaturatingForm() {
        RunSpec kl = mnist().loss("fgan:kl").build();
        assertTrue(kl.toJson().contains("\"generatorForm\":\"practical\""), kl.toJson());
        assertEquals(kl, RunSpec.fromJson(kl.toJson()));
        assertTrue(!mnist().build().toJson().contains("generatorForm"), "absent for the other losses");
        // a config.json written before the key existed: its f-GAN run used the saturating form
        String old = kl.toJson().replace(",\"generatorForm\":\"practical\"", "");
        assertEquals(FDivergence.GeneratorForm.SATURATING, RunSpec.fromJson(old).objective().generatorForm());
        RunSpec flat = RunSpec.fromJson("{\"model\":\"toy\",\"dataset\":\"ring8\",\"loss\":\"fgan:kl\"}");
        assertEquals(FDivergence.GeneratorForm.SATURATING, flat.objective().generatorForm());
        assertEquals(UpdateSchedule.SIMULTANEOUS, flat.schedule().updates());
        assertTrue(flat.objective().penalties().isEmpty());
        SpecException e = assertThrows(SpecException.class, () -> mnist().generatorForm(FDivergence.GeneratorForm.PRACTICAL).build());
        assertEquals("objective.generatorForm", e.field());
    }

    @Test
    void jsonIsStrict() {
        String good = mnist().build().toJson();
        for (String[] bad : new String[][] {
            {"\"batchSize\":64", "\"batchSize\":64.9", "schedule.batchSize", "an integer"},
            {"\"batchSize\":64", "\"batchSize\":4294967304", "schedule.batchSize", "at most"},
            {"\"steps\":0", "\"steps\":1e400", "1e400", "out of range"}, // refused by the JSON reader itself
            {"\"seed\":42", "\"seed\":\"42\"", "seed", "an integer"},
            {"\"logEvery\":10", "\"logEvery\":10,\"logEvry\":5", "outputs.logEvry", "unknown config key"},
            {"\"kind\":\"dcgan\"", "\"kind\":\"dcgan9\"", "dcgan9", "unknown model"},
        }) {
            String json = good.replace(bad[0], bad[1]);
            assertTrue(!json.equals(good), bad[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunSpec.fromJson(json), bad[1]);
            assertTrue(e.getMessage().contains(bad[2]) && e.getMessage().contains(bad[3]), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RunSpec.fromJson("{\"format\":\"jgan-run-9\"}"));
        assertThrows(IllegalArgumentException.class, () -> RunSpec.fromJson("[1]"));
    }

    @Test
    void theFlatConfigOfEarlierVersionsResolvesAsThatVersionDid() {
        RunSpec wgan = RunSpec.fromJson("{\"model\":\"mlp\",\"loss\":\"wgan\",\"lrG\":null,\"clip\":null,\"seed\":3}");
        assertEquals("wgan", wgan.recipe());
        assertEquals(new OptimizerSpec(OptimizerKind.RMSPROP, 5e-5, 0.5, 0.999), wgan.optimizerG());
        assertEquals(0.01, wgan.tricks().clip());
        assertEquals(UpdateSchedule.WGAN, wgan.schedule().updates());
        assertEquals(3, wgan.seed());
        RunSpec gp = RunSpec.fromJson("{\"model\":\"toy\",\"dataset\":\"ring8\",\"loss\":\"wgan-gp\",\"gpLambda\":5,\"r1Gamma\":1,"
                + "\"wganSchedule\":false}");
        assertEquals(List.of(new PenaltySpec(PenaltyKind.GP, 5), new PenaltySpec(PenaltyKind.R1, 1)), gp.objective().penalties());
        assertEquals(DataShape.points(2), gp.shape());
        assertEquals(0.9, gp.optimizerD().beta2());
        RunSpec ns = RunSpec.fromJson("{\"gpLambda\":10.0,\"r1Gamma\":0.0}");
        assertEquals(List.of(), ns.objective().penalties(), "gpLambda alone did not add a penalty to ns");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunSpec.fromJson("{\"batchSize\":8.9}"));
        assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
    }
}
