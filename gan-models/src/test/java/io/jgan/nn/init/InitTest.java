package io.jgan.nn.init;

import io.jgan.nn.BatchNorm;
import io.jgan.nn.BatchNorm2d;
import io.jgan.nn.Conv2d;
import io.jgan.nn.ConvTranspose2d;
import io.jgan.nn.Linear;
import io.jgan.nn.Sequential;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitTest {
    private static double[] meanStdMax(Tensor t) {
        float[] v = t.toArray();
        double s = 0;
        double sq = 0;
        double max = 0;
        for (float x : v) {
            s += x;
            sq += (double) x * x;
            max = Math.max(max, Math.abs(x));
        }
        double mean = s / v.length;
        return new double[] {mean, Math.sqrt(sq / v.length - mean * mean), max};
    }

    @Test
    void fansFollowPyTorchIncludingTransposedConvolution() {
        assertEquals(new Init.Fans(5, 3), Init.fans(Tensor.zeros(3, 5)));
        assertEquals(new Init.Fans(4 * 9, 8 * 9), Init.fans(Tensor.zeros(8, 4, 3, 3)));
        // ConvTranspose2d weight [in=16, out=2, 4, 4]: PyTorch's fan_in is dim 1 (out) times 16
        ConvTranspose2d ct = new ConvTranspose2d(new ConvTranspose2d.Config(16, 2, 4, 2, 1, 0, true), new Rng(1));
        assertEquals(new Init.Fans(2 * 16, 16 * 16), Init.fans(ct.weight().value()));
        double bound = 1 / Math.sqrt(32);
        assertTrue(meanStdMax(ct.weight().value())[2] <= bound);
        assertTrue(meanStdMax(ct.bias().value())[2] <= bound);
        assertTrue(meanStdMax(ct.weight().value())[2] > 0.8 * bound, "draws fill the whole U(-1/sqrt(32), 1/sqrt(32))");
    }

    @Test
    void pytorchDefaultsForLinearAndConv() {
        Linear l = new Linear(Linear.Config.of(100, 200), new Rng(2));
        double[] w = meanStdMax(l.weight().value());
        double b = 1 / Math.sqrt(100);
        assertTrue(w[2] <= b && w[2] > 0.99 * b, "kaiming_uniform(a=sqrt(5)) = U(-1/sqrt(fan_in), 1/sqrt(fan_in))");
        assertEquals(b / Math.sqrt(3), w[1], 0.01 * b, "std of U(-b, b) is b/sqrt(3)");
        assertTrue(meanStdMax(l.bias().value())[2] <= b);
        Conv2d c = new Conv2d(new Conv2d.Config(3, 64, 4, 2, 1, true), new Rng(3));
        assertTrue(meanStdMax(c.weight().value())[2] <= 1 / Math.sqrt(48));
    }

    @Test
    void xavierAndKaimingHaveTheirVariances() {
        Rng rng = new Rng(4);
        Tensor t = Tensor.zeros(300, 200);
        assertEquals(Math.sqrt(2.0 / 500), meanStdMax(Init.xavierNormal(t, 1, rng))[1], 0.02 * Math.sqrt(2.0 / 500));
        assertEquals(Math.sqrt(2.0 / 500), meanStdMax(Init.xavierUniform(t, 1, rng))[1], 0.02 * Math.sqrt(2.0 / 500));
        double he = Math.sqrt(2.0 / 200);
        assertEquals(he, meanStdMax(Init.kaimingNormal(t, 0, Init.FanMode.FAN_IN, "relu", rng))[1], 0.02 * he);
        assertEquals(he, meanStdMax(Init.kaimingUniform(t, 0, Init.FanMode.FAN_IN, "relu", rng))[1], 0.02 * he);
        double heOut = Math.sqrt(2.0 / 300);
        assertEquals(heOut, meanStdMax(Init.kaimingNormal(t, 0, Init.FanMode.FAN_OUT, "relu", rng))[1], 0.02 * heOut);
        assertEquals(Math.sqrt(2.0 / 1.04), Init.gain("leaky_relu", 0.2), 1e-12);
        assertEquals(5.0 / 3, Init.gain("tanh", Double.NaN), 1e-12);
    }

    @Test
    void dcganInitialisation() {
        Rng rng = new Rng(5);
        Conv2d conv = new Conv2d(new Conv2d.Config(32, 64, 4, 2, 1, true), rng);
        BatchNorm2d bn = new BatchNorm2d(BatchNorm.Config.of(4096));
        DcganInit.apply(new Sequential(conv, bn), new Rng(6));
        double[] w = meanStdMax(conv.weight().value());
        assertEquals(0, w[0], 0.001);
        assertEquals(0.02, w[1], 0.0005);
        assertArrayEquals(new float[64], conv.bias().value().toArray());
        double[] g = meanStdMax(bn.weight().value());
        assertEquals(1, g[0], 0.002);
        assertEquals(0.02, g[1], 0.001);
        assertArrayEquals(new float[4096], bn.bias().value().toArray());
    }

    @Test
    void initialisationIsDeterministicPerSeed() {
        Linear a = new Linear(Linear.Config.of(7, 5), new Rng(42).split("init"));
        Linear b = new Linear(Linear.Config.of(7, 5), new Rng(42).split("init"));
        Linear c = new Linear(Linear.Config.of(7, 5), new Rng(43).split("init"));
        assertArrayEquals(a.weight().value().toArray(), b.weight().value().toArray());
        assertArrayEquals(a.bias().value().toArray(), b.bias().value().toArray());
        assertTrue(a.weight().value().get(0, 0) != c.weight().value().get(0, 0));
    }
}
