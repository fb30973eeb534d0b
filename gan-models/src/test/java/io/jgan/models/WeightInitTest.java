package io.jgan.models;

import io.jgan.nn.BatchNorm;
import io.jgan.nn.Conv2d;
import io.jgan.nn.Module;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two initialisations of the DCGAN-family models. */
class WeightInitTest {
    private static Models.Pair dcgan(WeightInit init) {
        return Models.create(new ModelSpec(ModelKind.DCGAN, 62, CriticNorm.BATCH, 0, init), DataShape.image(1, 28, 10), new Rng(1));
    }

    private static Conv2d firstConv(Module m) {
        for (Module x : m.modules()) {
            if (x instanceof Conv2d c) {
                return c;
            }
        }
        throw new AssertionError("no conv");
    }

    private static double std(Tensor t) {
        float[] v = t.toArray();
        double m = 0;
        for (float x : v) {
            m += x / v.length;
        }
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m) / v.length;
        }
        return Math.sqrt(s);
    }

    @Test
    void weightsOnlyKeepsPyTorchsBiasesAndBatchNorm() {
        Conv2d c = firstConv(dcgan(WeightInit.WEIGHTS).critic());
        assertEquals(0.02, std(c.weight().value()), 0.004, "weights ~ N(0, 0.02)");
        // PyTorch's default bias: U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in 1 x 4 x 4 = 16: std 0.25/sqrt(3) = 0.144
        assertEquals(0.25 / Math.sqrt(3), std(c.bias().value()), 0.05);
        for (Module m : dcgan(WeightInit.WEIGHTS).generator().modules()) {
            if (m instanceof BatchNorm b) {
                for (float g : b.weight().value().toArray()) {
                    assertEquals(1f, g, "gamma 1, PyTorch's default");
                }
            }
        }
    }

    @Test
    void dcganZeroesBiasesAndDrawsGamma() {
        Conv2d c = firstConv(dcgan(WeightInit.DCGAN).critic());
        assertEquals(0, std(c.bias().value()));
        for (float b : c.bias().value().toArray()) {
            assertEquals(0f, b);
        }
        boolean sawGamma = false;
        for (Module m : dcgan(WeightInit.DCGAN).generator().modules()) {
            if (m instanceof BatchNorm b) {
                double s = std(b.weight().value());
                assertTrue(s > 0.01 && s < 0.03, "gamma ~ N(1, 0.02): std " + s);
                sawGamma = true;
            }
        }
        assertTrue(sawGamma);
        assertEquals("weights", WeightInit.WEIGHTS.cliName());
        assertEquals(WeightInit.DCGAN, WeightInit.parse("dcgan"));
    }
}
