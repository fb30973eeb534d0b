package io.jgan.losses;

import io.jgan.autograd.Variable;
import io.jgan.autograd.check.GradCheck;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RaGAN and RaLSGAN: hand-computed values, gradient and gradient-of-gradient checks, and the generator's use of the real scores. */
class RelativisticTest {
    private static final double TOL = 1e-5;
    // real scores {0, 2} (mean 1), fake scores {-1, 1} (mean 0)
    private static final float[] REAL = {0f, 2f};
    private static final float[] FAKE = {-1f, 1f};

    private static Variable col(float... v) {
        return Variable.of(Tensor.fromArray(v.clone(), v.length, 1));
    }

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    @Test
    void raganMatchesTheHandComputedValues() {
        GanLoss l = GanLosses.byName("ragan");
        // D: (mean(softplus(-(r - 0))) + mean(softplus(f - 1))) / 2, both halves (ln 2 + softplus(-2)) / 2
        double half = (Math.log(2) + softplus(-2)) / 2;
        assertEquals(half, l.discriminatorLoss(col(REAL), col(FAKE)).item(), TOL);
        // G: roles swapped: (mean(softplus(-(f - 1))) + mean(softplus(r - 0))) / 2, both halves (softplus(2) + ln 2) / 2
        double g = (softplus(2) + Math.log(2)) / 2;
        assertEquals(g, l.generatorLoss(col(REAL), col(FAKE)).item(), TOL);
        assertTrue(l.generatorNeedsRealScores());
        assertThrows(IllegalArgumentException.class, () -> l.generatorLoss(col(FAKE)));
    }

    @Test
    void ralsganMatchesTheHandComputedValues() {
        GanLoss l = GanLosses.byName("ralsgan");
        // D: (mean((r - 0 - 1)^2) + mean((f - 1 + 1)^2)) / 2 = (mean(1, 1) + mean(1, 1)) / 2
        assertEquals(1.0, l.discriminatorLoss(col(REAL), col(FAKE)).item(), TOL);
        // G: (mean((f - 1 - 1)^2) + mean((r - 0 + 1)^2)) / 2 = (mean(9, 1) + mean(1, 9)) / 2
        assertEquals(5.0, l.generatorLoss(col(REAL), col(FAKE)).item(), TOL);
    }

    @Test
    void bothLossesPassTheGradientCheckInRealAndFakeScores() {
        Tensor real = Tensor.randn(new Rng(1), 6, 1);
        Tensor fake = Tensor.randn(new Rng(2), 6, 1);
        for (String name : List.of("ragan", "ralsgan")) {
            GanLoss l = GanLosses.byName(name);
            GradCheck.gradcheck(v -> l.discriminatorLoss(v.get(0), v.get(1)), real, fake);
            GradCheck.gradcheck(v -> l.generatorLoss(v.get(0), v.get(1)), real, fake);
            GradCheck.gradgradcheck(v -> l.discriminatorLoss(v.get(0), v.get(1)), real, fake);
        }
    }

    @Test
    void theGeneratorLossDependsOnTheRealScores() {
        for (String name : List.of("ragan", "ralsgan")) {
            GanLoss l = GanLosses.byName(name);
            double a = l.generatorLoss(col(REAL), col(FAKE)).item();
            double b = l.generatorLoss(col(5f, 7f), col(FAKE)).item();
            assertFalse(Math.abs(a - b) < 1e-3, name + ": " + a + " vs " + b);
        }
    }

    @Test
    void mismatchedBatchesAreRefused() {
        for (String name : List.of("ragan", "ralsgan")) {
            GanLoss l = GanLosses.byName(name);
            assertThrows(IllegalArgumentException.class, () -> l.discriminatorLoss(col(1f, 2f, 3f), col(FAKE)));
            assertThrows(IllegalArgumentException.class, () -> l.generatorLoss(col(1f, 2f, 3f), col(FAKE)));
        }
    }
}
