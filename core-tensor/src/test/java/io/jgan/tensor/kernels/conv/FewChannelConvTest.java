package io.jgan.tensor.kernels.conv;

import static io.jgan.tensor.kernels.gemm.Close.assertClose;
import static io.jgan.tensor.kernels.gemm.Close.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgan.tensor.ConvPass;
import io.jgan.tensor.Parallel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The few-input-channel direct SIMD convolution against the direct loops. */
class FewChannelConvTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    /** The discriminator first layers, then ragged ones: odd sizes, 1-4 channels, strides 1-3, pads. */
    static final List<ConvGeometry> GEOMETRIES = List.of(
            ConvGeometry.of(64, 1, 28, 28, 64, 5, 2, 2),
            ConvGeometry.of(64, 3, 32, 32, 64, 4, 2, 1),
            ConvGeometry.of(5, 1, 28, 28, 64, 4, 2, 1),
            ConvGeometry.of(3, 2, 13, 11, 10, 5, 2, 2),
            ConvGeometry.of(1, 4, 9, 9, 3, 3, 1, 1),
            ConvGeometry.of(2, 3, 40, 37, 6, 3, 1, 0),
            ConvGeometry.of(7, 1, 17, 17, 5, 4, 2, 3),
            ConvGeometry.of(2, 2, 20, 21, 7, 5, 3, 1),
            new ConvGeometry(3, 3, 15, 19, 9, 3, 5, 2, 1, 1, 2),
            ConvGeometry.of(1, 1, 5, 5, 1, 5, 2, 0),
            ConvGeometry.of(2, 4, 35, 35, 17, 2, 2, 0));

    @Test
    void forwardMatchesDirectLoops() {
        Random rnd = new Random(1);
        for (ConvGeometry g : GEOMETRIES) {
            float[] x = random(rnd, g.n() * g.inImage() + 3);
            float[] w = random(rnd, g.weightSize() + 2);
            float[] b = random(rnd, g.cout() + 1);
            float[] want = new float[g.n() * g.outImage() + 4];
            DirectConv.INSTANCE.forward(g, x, 3, w, 2, b, 1, want, 4);
            float[] got = random(rnd, want.length); // garbage must be overwritten
            System.arraycopy(want, 0, got, 0, 4);
            FewChannelConv.INSTANCE.forward(g, x, 3, w, 2, b, 1, got, 4);
            assertClose(want, got, 1e-5, "forward " + g);
            FewChannelConv.INSTANCE.forward(g, x, 3, w, 2, null, 0, got, 4);
            DirectConv.INSTANCE.forward(g, x, 3, w, 2, null, 0, want, 4);
            assertClose(want, got, 1e-5, "forward without bias " + g);
        }
    }

    @Test
    void bothForwardBlocksMatchDirectLoops() {
        Random rnd = new Random(6);
        try {
            for (int k : new int[] {4, 8}) {
                FewChannelConv.forceKernel = k;
                for (ConvGeometry g : GEOMETRIES) {
                    float[] x = random(rnd, g.n() * g.inImage());
                    float[] w = random(rnd, g.weightSize());
                    float[] b = random(rnd, g.cout());
                    float[] want = new float[g.n() * g.outImage()];
                    DirectConv.INSTANCE.forward(g, x, 0, w, 0, b, 0, want, 0);
                    float[] got = random(rnd, want.length);
                    FewChannelConv.INSTANCE.forward(g, x, 0, w, 0, b, 0, got, 0);
                    assertClose(want, got, 1e-5, k + "-channel block forward " + g);
                }
            }
        } finally {
            FewChannelConv.forceKernel = 0;
        }
    }

    @Test
    void inputGradMatchesDirectLoops() {
        Random rnd = new Random(2);
        for (ConvGeometry g : GEOMETRIES) {
            float[] gy = random(rnd, g.n() * g.outImage() + 1);
            float[] w = random(rnd, g.weightSize() + 2);
            float[] want = new float[g.n() * g.inImage() + 3];
            DirectConv.INSTANCE.inputGrad(g, gy, 1, w, 2, want, 3);
            float[] got = random(rnd, want.length);
            System.arraycopy(want, 0, got, 0, 3);
            FewChannelConv.INSTANCE.inputGrad(g, gy, 1, w, 2, got, 3);
            assertClose(want, got, 1e-5, "inputGrad " + g);
        }
    }

    @Test
    void weightGradMatchesDirectLoops() {
        Random rnd = new Random(3);
        for (ConvGeometry g : GEOMETRIES) {
            float[] x = random(rnd, g.n() * g.inImage() + 1);
            float[] gy = random(rnd, g.n() * g.outImage() + 2);
            float[] want = new float[g.weightSize() + 3];
            DirectConv.INSTANCE.weightGrad(g, x, 1, gy, 2, want, 3);
            float[] got = random(rnd, want.length);
            System.arraycopy(want, 0, got, 0, 3);
            FewChannelConv.INSTANCE.weightGrad(g, x, 1, gy, 2, got, 3);
            assertClose(want, got, 1e-5, "weightGrad " + g);
            // the direct kernel itself, also where FewChannelConv routes to im2col + GEMM (wide maps)
            float[] direct = random(rnd, want.length);
            System.arraycopy(want, 0, direct, 0, 3);
            FewChannelWeightGrad.compute(g, x, 1, gy, 2, direct, 3);
            assertClose(want, direct, 1e-5, "direct weightGrad " + g);
        }
    }

    @Test
    void oneAndTwoThreadsAreBitIdentical() {
        Random rnd = new Random(5);
        for (ConvGeometry g : List.of(GEOMETRIES.get(0), GEOMETRIES.get(1), GEOMETRIES.get(2), GEOMETRIES.get(6))) {
            float[] x = random(rnd, g.n() * g.inImage());
            float[] w = random(rnd, g.weightSize());
            float[] b = random(rnd, g.cout());
            float[] gy = random(rnd, g.n() * g.outImage());
            float[][] res = new float[2][];
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                float[] y = new float[gy.length], dx = new float[x.length], dw = new float[w.length];
                FewChannelConv.INSTANCE.forward(g, x, 0, w, 0, b, 0, y, 0);
                FewChannelConv.INSTANCE.inputGrad(g, gy, 0, w, 0, dx, 0);
                FewChannelConv.INSTANCE.weightGrad(g, x, 0, gy, 0, dw, 0);
                float[] all = new float[y.length + dx.length + dw.length];
                System.arraycopy(y, 0, all, 0, y.length);
                System.arraycopy(dx, 0, all, y.length, dx.length);
                System.arraycopy(dw, 0, all, y.length + dx.length, dw.length);
                res[t - 1] = all;
            }
            assertArrayEquals(res[0], res[1], g.toString());
        }
    }

    @Test
    void plannerSendsFewChannelLayersHere() {
        // the discriminator first layers of the DCGAN (28x28 and 32x32) and of the MNIST GAN
        for (ConvGeometry g : List.of(ConvGeometry.of(64, 1, 28, 28, 64, 5, 2, 2),
                ConvGeometry.of(64, 3, 32, 32, 64, 4, 2, 1), ConvGeometry.of(64, 1, 28, 28, 64, 4, 2, 1))) {
            assertTrue(FewChannelConv.pays(g), g.toString());
            for (ConvPass pass : ConvPass.values()) {
                if (pass == ConvPass.WEIGHT_GRAD && !FewChannelWeightGrad.pays(g)) {
                    // with 8 lanes (AVX2) the few-channel weight gradient does not pay on small outputs: the next candidate runs
                    assertEquals("im2col-gemm", ConvPlanner.algorithm(g, pass, true), pass + " " + g);
                    continue;
                }
                assertSame(FewChannelConv.INSTANCE, ((PlannedConv) Convs.simd()).kernels(g, pass), pass + " " + g);
                assertEquals("fewch-direct", ConvPlanner.algorithm(g, pass, true), pass + " " + g);
            }
        }
        assertTrue(!FewChannelConv.pays(ConvGeometry.of(64, 64, 14, 14, 128, 5, 2, 2)));
        // a wide output: the weight gradient goes on down the list, to the shared im2col + GEMM
        ConvGeometry wide = ConvGeometry.of(8, 3, 64, 64, 16, 3, 1, 1);
        assertTrue(FewChannelConv.pays(wide) && !FewChannelWeightGrad.pays(wide));
        assertSame(FewChannelConv.INSTANCE, ((PlannedConv) Convs.simd()).kernels(wide, ConvPass.FORWARD));
        assertSame(Convs.gemm(), ((PlannedConv) Convs.simd()).kernels(wide, ConvPass.WEIGHT_GRAD));
    }
}
