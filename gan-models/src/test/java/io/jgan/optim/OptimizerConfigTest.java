package io.jgan.optim;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optimiser configs: PyTorch's defaults, fluent copies, validation naming the value; SGD's single rounding. */
class OptimizerConfigTest {
    @Test
    void defaultsAndFluentCopies() {
        assertEquals(new Adam.Config(2e-4, 0.5, 0.999, 1e-8, 0), Adam.Config.of(2e-4).withBetas(0.5, 0.999));
        assertEquals(new Adam.Config(1e-3, 0.9, 0.999, 1e-6, 0.01), Adam.Config.of(1e-3).withEps(1e-6).withWeightDecay(0.01));
        assertEquals(new RmsProp.Config(5e-5, 0.9, 1e-6, 0.5, true, 0.1),
                RmsProp.Config.of(5e-5).withAlpha(0.9).withEps(1e-6).withMomentum(0.5).withCentered(true).withWeightDecay(0.1));
        assertEquals(new Sgd.Config(0.1, 0.9, 0, true, 1e-4),
                Sgd.Config.of(0.1).withMomentum(0.9).withNesterov(true).withWeightDecay(1e-4));
        assertEquals(new Sgd.Config(0.5, 0.9, 0.3, false, 0), Sgd.Config.of(0.1).withMomentum(0.9).withDampening(0.3).withLr(0.5));
        List<OptimizerConfig> configs = List.of(Adam.Config.of(1e-3), RmsProp.Config.of(1e-3), Sgd.Config.of(1e-3));
        for (OptimizerConfig c : configs) {
            Optimizer o = c.withLr(0.25).create(List.of(Variable.parameter(Tensor.zeros(3))));
            assertEquals(0.25f, o.learningRate());
        }
        assertInstanceOf(Adam.class, configs.get(0).create(List.of(Variable.parameter(Tensor.zeros(1)))));
    }

    @Test
    void invalidValuesAreRefusedNamingThem() {
        refused("Adam lr must be positive and finite in float32, got 0.0", () -> Adam.Config.of(0));
        refused("Adam lr must be positive and finite in float32, got 1.0E-50", () -> Adam.Config.of(1e-50));
        refused("Adam lr must be positive and finite in float32, got NaN", () -> Adam.Config.of(Double.NaN));
        refused("Adam beta1 must be in [0, 1), got 1.0", () -> Adam.Config.of(1e-3).withBetas(1, 0.9));
        refused("Adam beta2 must be in [0, 1), got -0.1", () -> Adam.Config.of(1e-3).withBetas(0.5, -0.1));
        refused("Adam eps must be finite and non-negative, got -1.0E-8", () -> Adam.Config.of(1e-3).withEps(-1e-8));
        refused("Adam weight decay must be finite and non-negative, got Infinity",
                () -> Adam.Config.of(1e-3).withWeightDecay(Double.POSITIVE_INFINITY));
        refused("RMSprop alpha must be in [0, 1), got 1.5", () -> RmsProp.Config.of(1e-3).withAlpha(1.5));
        refused("RMSprop momentum must be finite and non-negative, got -0.9", () -> RmsProp.Config.of(1e-3).withMomentum(-0.9));
        refused("SGD lr must be positive and finite in float32, got -0.1", () -> Sgd.Config.of(-0.1));
        refused("SGD dampening must be in [0, 1], got 2.0", () -> Sgd.Config.of(0.1).withDampening(2));
        refused("SGD Nesterov momentum needs momentum > 0 and dampening 0, got momentum 0.0 and dampening 0.0 (set the momentum first)",
                () -> Sgd.Config.of(0.1).withNesterov(true));
        refused("SGD Nesterov momentum needs momentum > 0 and dampening 0, got momentum 0.9 and dampening 0.5 (set the momentum first)",
                () -> Sgd.Config.of(0.1).withMomentum(0.9).withNesterov(true).withDampening(0.5));
    }

    private static void refused(String message, Executable e) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    /**
     * Plain SGD's p - lr * g is rounded once, as PyTorch's fused add(alpha=-lr): checked against
     * exact decimal arithmetic rounded to float32 (an oracle independent of Math.fma), on
     * parameters that cancel the step so that rounding the product first would show.
     */
    @Test
    void plainSgdRoundsTheUpdateOnce() {
        Rng rng = new Rng(11);
        int n = 4096;
        float lr = 0.1f;
        Tensor g = Tensor.randn(rng, n);
        Tensor p0 = Tensor.randn(rng, n).mul(lr);
        Variable p = Variable.parameter(p0.copy());
        p.setGrad(g.copy());
        new Sgd(List.of(p), Sgd.Config.of(lr)).step();
        float[] before = p0.toArray();
        float[] grad = g.toArray();
        float[] after = p.value().toArray();
        int twiceRounded = 0;
        for (int i = 0; i < n; i++) {
            float pi = before[i];
            float gi = grad[i];
            float exact = new BigDecimal(pi).add(new BigDecimal(-lr).multiply(new BigDecimal(gi))).floatValue();
            assertEquals(Float.floatToIntBits(exact), Float.floatToIntBits(after[i]), "element " + i);
            if (pi + -lr * gi != exact) {
                twiceRounded++;
            }
        }
        // the check has teeth: rounding the product first gives other bits on a good share of elements
        assertTrue(twiceRounded > n / 20, twiceRounded + " of " + n + " elements differ when the product is rounded first");
    }
}
