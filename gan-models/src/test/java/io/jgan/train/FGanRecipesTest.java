package io.jgan.train;

import io.jgan.eval.ModeCoverage;
import io.jgan.losses.Divergence;
import io.jgan.losses.FDivergence;
import io.jgan.models.DataShape;
import io.jgan.models.ModelKind;
import io.jgan.models.Mlp;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.train.spec.DataSpec;
import io.jgan.train.spec.FGanRecipes;
import io.jgan.train.spec.RunSpec;
import io.jgan.train.spec.UpdateSchedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each divergence's recipe trains a (narrower, 128-wide) toy GAN on ring8 with nothing but
 * {@code .loss("fgan:NAME")}: 600 steps of 64 with no non-finite step and a minimum of modes covered;
 * and explicit options override every part of the recipe. The long measurements are in the README.
 */
class FGanRecipesTest {
    /**
     * Modes covered (within 3 x 0.05 of a centre, at least 20 of 2500 samples) after 600 steps, at least:
     * measured 2, 8, 8, 8, 8, 2, 2, 2 in divergence order; the plain setup (simultaneous, saturating,
     * no R1) covers 2, 4, 2, 3, 6, 0, 0, 1 in the same test, so every recipe but kl's would fail
     * here if it regressed to it (kl's plain setup needs the full-width critic to overflow).
     */
    @ParameterizedTest
    @EnumSource(Divergence.class)
    void theRecipeTrainsRing8WithoutANonFiniteStep(Divergence d) {
        RunSpec cfg = RunSpec.builder().model(ModelKind.TOY).loss("fgan:" + d.cliName()).data(DataSpec.of("ring8", DataShape.points(2)))
                .batchSize(64).seed(3).build();
        assertEquals(FGanRecipes.of(d).generatorForm(), cfg.objective().generatorForm());
        assertEquals(UpdateSchedule.ALTERNATING, cfg.schedule().updates());
        Rng init = new Rng(cfg.seed()).split("init");
        GanTrainer t = new GanTrainer(cfg, new Mlp.ToyG(2, 128, init.split("G")), new Mlp.ToyD(128, init.split("D")),
                new InMemoryBatches(Ring8LearningTest.ring8(new Rng(1), 10_000), null, 64, 3));
        for (int i = 0; i < 600; i++) {
            GanTrainer.StepStats s = t.step();
            assertFalse(s.skipped(), d + ": non-finite step " + s.step());
        }
        ModeCoverage.Result r = ModeCoverage.measure(t.sample(Tensor.randn(new Rng(99), 2500, 2), null), Ring8LearningTest.centres(), 0.05);
        int least = switch (d) {
            case REVERSE_KL, PEARSON, NEYMAN, SQUARED_HELLINGER -> 6;
            default -> 2;
        };
        assertTrue(r.modesCovered() >= least, d + ": " + r.modesCovered() + " modes covered after 600 steps, expected >= " + least);
    }

    @ParameterizedTest
    @EnumSource(Divergence.class)
    void optionsOverrideTheRecipe(Divergence d) {
        RunSpec cfg = RunSpec.builder().model(ModelKind.TOY).loss("fgan:" + d.cliName()).data(DataSpec.of("ring8", DataShape.points(2)))
                .generatorForm(FDivergence.GeneratorForm.PRACTICAL).updates(UpdateSchedule.SIMULTANEOUS)
                .penalty(io.jgan.train.spec.PenaltyKind.R1, 0).lr(1e-3).build();
        assertEquals(FDivergence.GeneratorForm.PRACTICAL, cfg.objective().generatorForm());
        assertEquals(UpdateSchedule.SIMULTANEOUS, cfg.schedule().updates());
        assertTrue(cfg.objective().penalties().isEmpty());
        assertEquals(1e-3, cfg.optimizerG().lr());
        assertEquals(FDivergence.GeneratorForm.PRACTICAL,
                ((FDivergence) cfg.objective().buildLoss(new Rng(0))).generatorForm());
    }
}
