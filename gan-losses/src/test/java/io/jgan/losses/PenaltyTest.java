package io.jgan.losses;

import io.jgan.autograd.GradMode;
import io.jgan.autograd.Ops;
import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Penalties on critics whose input gradients are known in closed form, including the gradient
 * of the penalty with respect to the critic's parameters (the double backward).
 */
class PenaltyTest {
    private static final double TOL = 1e-5;
    private static final Rng RNG = new Rng(3);

    /** D(x) = x w^T + b: grad_x D = w for every sample. */
    private static Function<Variable, Variable> linear(Variable w) {
        Variable b = Variable.of(Tensor.fromArray(new float[] {0.3f}, 1));
        return x -> Ops.linear(x, w, b);
    }

    private static Variable batch(int b, int d) {
        return Variable.of(Tensor.randn(RNG, b, d));
    }

    @Test
    void gradientPenaltyOfALinearCriticAndItsGradient() {
        // ||w|| = 2: two-sided penalty 10 (2 - 1)^2 = 10, d/dw = 2 * 10 (||w|| - 1) w / ||w|| = (12, 16)
        Variable w = Variable.parameter(Tensor.fromArray(new float[] {1.2f, 1.6f}, 1, 2));
        Variable gp = new GradientPenalty().penalty(linear(w), batch(5, 2), batch(5, 2), new Rng(1));
        assertEquals(10.0, gp.item(), 1e-4);
        gp.backward();
        assertEquals(12.0, w.grad().get(0, 0), 1e-3);
        assertEquals(16.0, w.grad().get(0, 1), 1e-3);
        // one-sided: only the excess over K counts, so it agrees above K ...
        assertEquals(10.0, new GradientPenalty(10, 1, true).penalty(linear(w), batch(5, 2), batch(5, 2), new Rng(1)).item(), 1e-4);
        // ... and vanishes below it, where the two-sided one gives 10 (0.5 - 1)^2 = 2.5
        Variable small = Variable.parameter(Tensor.fromArray(new float[] {0.3f, 0.4f}, 1, 2));
        assertEquals(2.5, new GradientPenalty().penalty(linear(small), batch(5, 2), batch(5, 2), new Rng(1)).item(), 1e-5);
        Variable oneSided = new GradientPenalty(10, 1, true).penalty(linear(small), batch(5, 2), batch(5, 2), new Rng(1));
        assertEquals(0.0, oneSided.item(), 0.0);
        oneSided.backward();
        assertEquals(0f, small.grad().get(0, 0));
        // K = 2 and lambda = 1 make the ||w|| = 2 critic free of penalty
        assertEquals(0.0, new GradientPenalty(1, 2, false).penalty(linear(w), batch(5, 2), batch(5, 2), new Rng(1)).item(), 1e-6);
        assertEquals(1.0, new GradientPenalty().unweighted(linear(w), batch(5, 2), batch(5, 2), Variable.of(Tensor.full(0.5f, 5))).item(), 1e-5);
    }

    /** D(x) = c sum(x^2) over C, H, W: grad = 2 c x_hat, so the penalty depends on where eps puts x_hat. */
    @Test
    void gradientPenaltyInterpolatesPerSampleOverImageBatches() {
        float c = 0.25f;
        Function<Variable, Variable> quadratic = x -> x.square().sum(false, 1, 2, 3).mul(c);
        Tensor real = Tensor.randn(RNG, 3, 2, 2, 2);
        Tensor fake = Tensor.randn(RNG, 3, 2, 2, 2);
        float[] eps = {0f, 0.5f, 1f};
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            double sq = 0;
            for (int j = 0; j < 8; j++) {
                double xh = eps[i] * real.data()[i * 8 + j] + (1 - eps[i]) * fake.data()[i * 8 + j];
                sq += (2 * c * xh) * (2 * c * xh);
            }
            expected += (Math.sqrt(sq) - 1) * (Math.sqrt(sq) - 1) / 3;
        }
        Variable e4 = Variable.of(Tensor.fromArray(eps.clone(), 3, 1, 1, 1));
        Variable e1 = Variable.of(Tensor.fromArray(eps.clone(), 3));
        GradientPenalty gp = new GradientPenalty();
        assertEquals(10 * expected, gp.penalty(quadratic, Variable.of(real), Variable.of(fake), e4).item(), 1e-4 * expected * 10);
        assertEquals(expected, gp.unweighted(quadratic, Variable.of(real), Variable.of(fake), e1).item(), 1e-4 * expected);
        Tensor sampled = GradientPenalty.sampleEps(new Rng(9), 3, 2, 2, 2);
        assertEquals(java.util.List.of(3, 1, 1, 1), java.util.Arrays.stream(sampled.dims()).boxed().toList());
        for (float x : sampled.toArray()) {
            assertTrue(x >= 0 && x < 1, "eps " + x);
        }
    }

    /** D(x) = (x w)^2 on scalars: grad_x = 2 x w^2, R1 = gamma/2 mean(4 x^2 w^4), dR1/dw = 8 gamma w^3 mean(x^2). */
    @Test
    void r1AndR2OfAQuadraticCriticAndTheirGradients() {
        Variable real = Variable.of(Tensor.fromArray(new float[] {1f, 2f}, 2, 1));
        Variable fake = Variable.of(Tensor.fromArray(new float[] {3f, 0f}, 2, 1));
        Variable w = Variable.parameter(Tensor.fromArray(new float[] {0.5f}, 1, 1));
        Function<Variable, Variable> critic = x -> Ops.linear(x, w, null).square();
        Variable r1 = new R1(1).penalty(critic, real, fake, null);
        assertEquals(2 * 0.0625 * 2.5, r1.item(), TOL);
        r1.backward();
        assertEquals(8 * 0.125 * 2.5, w.grad().item(), TOL);
        w.zeroGrad();
        Variable r2 = new R2(10).penalty(critic, real, fake, null);
        // mean(x^2) over the fake batch = 4.5
        assertEquals(2 * 10 * 0.0625 * 4.5, r2.item(), 1e-4);
        r2.backward();
        assertEquals(8 * 10 * 0.125 * 4.5, w.grad().item(), 1e-4);
        assertEquals("r1", new R1(1).name());
        assertEquals("r2", new R2(1).name());
    }

    @Test
    void draganPenalisesPerturbedRealData() {
        Variable w = Variable.parameter(Tensor.fromArray(new float[] {1.2f, 1.6f}, 1, 2));
        Variable real = batch(6, 2);
        assertEquals(10.0, new Dragan().penalty(linear(w), real, batch(6, 2), new Rng(5)).item(), 1e-4);
        // quadratic critic: grad = 2 c (x + delta), so the penalty sees the perturbation
        float c = 0.5f;
        Function<Variable, Variable> quadratic = x -> x.square().sum(false, 1).mul(c);
        Tensor delta = Tensor.fromArray(new float[] {1f, 0f, 0f, 2f}, 2, 2);
        Variable pts = Variable.of(Tensor.fromArray(new float[] {1f, 1f, 0f, 0f}, 2, 2));
        // x + delta = (2, 1) and (0, 2): norms sqrt(5) and 2, lambda 10
        double expected = 10 * ((Math.sqrt(5) - 1) * (Math.sqrt(5) - 1) + 1) / 2;
        assertEquals(expected, new Dragan().penalty(quadratic, pts, delta).item(), 1e-4);
        // sampled perturbations: alpha c std(x) u lies in [0, c std(x)) and repeats with the seed
        Dragan d = new Dragan(10, 0.5);
        Tensor x = Tensor.randn(new Rng(2), 64, 3);
        Tensor p1 = d.samplePerturbation(x, new Rng(8));
        Tensor p2 = d.samplePerturbation(x, new Rng(8));
        assertTrue(java.util.Arrays.equals(p1.toArray(), p2.toArray()));
        double mean = 0;
        for (float v : x.toArray()) {
            mean += v / 192.0;
        }
        double ss = 0;
        for (float v : x.toArray()) {
            ss += (v - mean) * (v - mean);
        }
        double bound = 0.5 * Math.sqrt(ss / 191);
        float max = 0;
        for (float v : p1.toArray()) {
            assertTrue(v >= 0 && v < bound, "perturbation " + v + " outside [0, " + bound + ")");
            max = Math.max(max, v);
        }
        assertTrue(max > 0.5 * bound, "perturbations never reach half their range: " + max);
    }

    @Test
    void penaltiesWorkInsideNoGradAndNormsAreReported() {
        Variable w = Variable.parameter(Tensor.fromArray(new float[] {0.6f, 0.8f, 0f}, 1, 3));
        try (var scope = GradMode.noGrad()) {
            assertEquals(0.0, new GradientPenalty().penalty(linear(w), batch(4, 3), batch(4, 3), new Rng(1)).item(), 1e-6);
            Tensor norms = CriticGradients.norms(linear(w), batch(4, 3));
            for (float n : norms.toArray()) {
                assertEquals(1.0, n, 1e-6);
            }
        }
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GradientPenalty(-1));
        assertTrue(e.getMessage().contains("lambda") && e.getMessage().contains("-1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GradientPenalty(Double.NaN, 1, false));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new R1(-0.5));
        assertTrue(e.getMessage().contains("gamma") && e.getMessage().contains("-0.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new R2(-2));
        assertThrows(IllegalArgumentException.class, () -> new Dragan(-10, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Dragan(10, -0.5));

        Variable w = Variable.parameter(Tensor.randn(RNG, 1, 2));
        GradientPenalty gp = new GradientPenalty();
        e = assertThrows(IllegalArgumentException.class, () -> gp.penalty(linear(w), batch(4, 2), batch(3, 2), RNG));
        assertTrue(e.getMessage().contains("[4, 2]") && e.getMessage().contains("[3, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> gp.penalty(linear(w), batch(4, 2), batch(4, 2), Variable.of(Tensor.zeros(4, 2))));
        assertTrue(e.getMessage().contains("eps") && e.getMessage().contains("[4, 2]"), e.getMessage());
        Variable wide = Variable.parameter(Tensor.randn(RNG, 2, 2));
        e = assertThrows(IllegalArgumentException.class, () -> gp.penalty(x -> Ops.linear(x, wide, null), batch(4, 2), batch(4, 2), RNG));
        assertTrue(e.getMessage().contains("critic output") && e.getMessage().contains("[4, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new R1(1).penalty(x -> linear(w).apply(x).slice(0, 1), batch(4, 2)));
        assertTrue(e.getMessage().contains("batch 1") && e.getMessage().contains("4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new R1(1).penalty(x -> linear(w).apply(x).mean(), batch(4, 2)));
        assertTrue(e.getMessage().contains("[]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dragan().penalty(linear(w), batch(4, 2), Tensor.zeros(4, 3)));
        assertTrue(e.getMessage().contains("[4, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> gp.penalty(linear(w), batch(4, 2), batch(4, 2), (Rng) null));
    }
}
