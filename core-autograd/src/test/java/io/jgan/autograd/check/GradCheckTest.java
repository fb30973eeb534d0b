package io.jgan.autograd.check;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GradCheck as a user sees it, from outside io.jgan.autograd: only public ops. */
class GradCheckTest {
    @Test
    void aUsersCompositeOpPasses() {
        Rng rng = new Rng(5);
        // a user's op: softsign-like x / (1 + x^2), times a second input
        GradCheck.gradcheck(v -> v.get(0).div(v.get(0).square().add(1f)).mul(v.get(1)), Tensor.randn(rng, 4, 3), Tensor.randn(rng, 3));
        GradCheck.gradgradcheck(v -> v.get(0).tanh().square().sum(), Tensor.randn(rng, 5));
        GradCheck.gradcheckMulti(v -> List.of(v.get(0).exp(), v.get(0).sum()), List.of(Tensor.randn(rng, 6)),
                GradCheck.Tolerances.DEFAULT.withEps(5e-3));
    }

    @Test
    void aWrongGradientIsReportedWithItsPlace() {
        // x.detach() * x: the engine sees d/dx = x, the finite difference 2x
        Tensor x = Tensor.fromArray(new float[] {0.5f, 1f, 2f}, 3);
        GradCheckException e = assertThrows(GradCheckException.class,
                () -> GradCheck.gradcheck(v -> v.get(0).detach().mul(v.get(0)), x));
        assertEquals(0, e.input());
        assertEquals(0, e.element());
        assertEquals(2 * e.analytic(), e.numeric(), 1e-2 * Math.abs(e.numeric()));
        assertTrue(e.getMessage().startsWith("gradcheck: input 0 (shape [3]) element 0: analytic"), e.getMessage());
    }

    @Test
    void tolerancesAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradCheck.Tolerances.DEFAULT.withEps(0));
        assertEquals("gradcheck needs eps > 0, atol >= 0 and rtol >= 0 (finite), got eps 0.0, atol 0.002, rtol 0.01", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradCheck.Tolerances.DEFAULT.withTolerances(-1, 0));
    }
}
