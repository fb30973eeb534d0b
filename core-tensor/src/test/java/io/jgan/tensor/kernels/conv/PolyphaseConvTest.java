package io.jgan.tensor.kernels.conv;

import static io.jgan.tensor.kernels.gemm.Close.assertClose;
import static io.jgan.tensor.kernels.gemm.Close.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jgan.tensor.Parallel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stride-2 convolutions over the four pixel phases against im2col + GEMM and the direct loops. */
class PolyphaseConvTest {
    /** As {@link WinogradConvTest#TOL}: the stacked convolution is a Winograd F(4x4, 3x3) one. */
    static final double TOL = WinogradConvTest.TOL;

    /** The DCGAN layer, each supported kernel and padding, ragged tiles, odd channels. */
    static final List<ConvGeometry> GEOMETRIES = List.of(
            ConvGeometry.of(64, 64, 14, 14, 128, 5, 2, 2),  // the DCGAN's D layer (and G's convT 128->64)
            ConvGeometry.of(3, 9, 18, 10, 33, 5, 2, 2),     // 9x5 phase maps: ragged tiles
            ConvGeometry.of(2, 8, 16, 16, 32, 4, 2, 1),     // 4x4, padding 1
            ConvGeometry.of(2, 8, 12, 14, 20, 3, 2, 1),     // 3x3, padding 1: each phase lacks a tap
            ConvGeometry.of(3, 7, 10, 8, 11, 6, 2, 2),     // 6x6, padding 2
            ConvGeometry.of(16, 9, 18, 10, 33, 5, 2, 2),    // a batch of 16, ragged tiles
            ConvGeometry.of(16, 8, 8, 8, 32, 5, 2, 2));     // 16 tiles: half a GEMM panel of padding

    private final int savedThreads = Parallel.threads();

    @BeforeEach
    void needsEightOrSixteenLanes() {
        assumeTrue(TileTransform.L == 8 || TileTransform.L == 16, "vector length " + TileTransform.L);
    }

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    @Test
    void supportsHalvingStrideTwoGeometriesAndPaysWhereItSavesEnough() {
        for (ConvGeometry g : GEOMETRIES) {
            assertTrue(PolyphaseConv.supports(g), g.toString());
            assertEquals(g.ho(), PolyphaseConv.phased(g).ho(), g.toString());
        }
        assertTrue(PolyphaseConv.pays(GEOMETRIES.get(0)));                                // saving 2.1
        assertTrue(PolyphaseConv.pays(ConvGeometry.of(64, 64, 32, 32, 128, 4, 2, 1)));   // 4x4 on 32x32: 1.8
        assertFalse(PolyphaseConv.pays(ConvGeometry.of(64, 64, 14, 14, 128, 4, 2, 1)));  // 4x4 on 14x14: 1.4
        assertFalse(PolyphaseConv.pays(ConvGeometry.of(64, 1, 28, 28, 64, 5, 2, 2)));    // 4 stacked channels
        assertFalse(PolyphaseConv.supports(ConvGeometry.of(64, 64, 15, 15, 128, 5, 2, 2))); // odd size
        assertFalse(PolyphaseConv.supports(ConvGeometry.of(64, 64, 14, 14, 128, 5, 1, 2))); // stride 1
        assertFalse(PolyphaseConv.supports(ConvGeometry.of(64, 64, 14, 14, 128, 5, 2, 1))); // taps past 3x3
        assertFalse(PolyphaseConv.supports(ConvGeometry.of(64, 64, 14, 14, 128, 5, 2, 0)));
        assertThrows(IllegalArgumentException.class, () -> PolyphaseConv.INSTANCE.forward(
                ConvGeometry.of(1, 1, 14, 14, 1, 5, 2, 1), new float[196], 0, new float[25], 0, null, 0,
                new float[49], 0));
    }

    @Test
    void theRouterSendsTheDcganLayerHere() {
        ConvGeometry g = GEOMETRIES.get(0);
        Random rnd = new Random(2);
        float[] x = random(rnd, g.n() * g.inImage()), w = random(rnd, g.weightSize());
        float[] want = new float[g.n() * g.outImage()], got = new float[want.length];
        PolyphaseConv.INSTANCE.forward(g, x, 0, w, 0, null, 0, want, 0);
        Convs.simd().forward(g, x, 0, w, 0, null, 0, got, 0);
        assertArrayEquals(want, got);
    }

    @Test
    void allPassesMatchGemm() {
        Random rnd = new Random(3);
        for (ConvGeometry g : GEOMETRIES) {
            float[] x = random(rnd, g.n() * g.inImage() + 3);
            float[] w = random(rnd, g.weightSize() + 2);
            float[] b = random(rnd, g.cout() + 1);
            float[] gy = random(rnd, g.n() * g.outImage() + 4);
            float[] want = new float[g.n() * g.outImage() + 4];
            Convs.gemm().forward(g, x, 3, w, 2, b, 1, want, 4);
            float[] got = random(rnd, want.length); // garbage must be overwritten
            System.arraycopy(want, 0, got, 0, 4);
            PolyphaseConv.INSTANCE.forward(g, x, 3, w, 2, b, 1, got, 4);
            assertClose(want, got, TOL, "forward " + g);

            want = new float[x.length];
            Convs.gemm().inputGrad(g, gy, 4, w, 2, want, 3);
            got = random(rnd, x.length);
            System.arraycopy(want, 0, got, 0, 3);
            PolyphaseConv.INSTANCE.inputGrad(g, gy, 4, w, 2, got, 3);
            assertClose(want, got, TOL, "inputGrad " + g);

            want = new float[w.length];
            Convs.gemm().weightGrad(g, x, 3, gy, 4, want, 2);
            got = random(rnd, w.length);
            System.arraycopy(want, 0, got, 0, 2);
            PolyphaseConv.INSTANCE.weightGrad(g, x, 3, gy, 4, got, 2);
            assertClose(want, got, TOL, "weightGrad " + g);
        }
    }

    @Test
    void transposedAddsTheBiasOfEachChannelAsItWrites() {
        Random rnd = new Random(4);
        for (ConvGeometry g : List.of(GEOMETRIES.get(0), GEOMETRIES.get(2), GEOMETRIES.get(3))) {
            float[] gy = random(rnd, g.n() * g.outImage() + 4), w = random(rnd, g.weightSize() + 2);
            float[] b = random(rnd, g.cin() + 5);
            float[] want = new float[g.n() * g.inImage() + 3];
            DirectConv.INSTANCE.transposed(g, gy, 4, w, 2, b, 5, want, 3); // the default: inputGrad, then the bias
            float[] got = random(rnd, want.length);
            System.arraycopy(want, 0, got, 0, 3);
            PolyphaseConv.INSTANCE.transposed(g, gy, 4, w, 2, b, 5, got, 3);
            assertClose(want, got, TOL, "transposed " + g);
            float[] routed = random(rnd, want.length);
            System.arraycopy(want, 0, routed, 0, 3);
            Convs.simd().transposed(g, gy, 4, w, 2, b, 5, routed, 3);
            assertClose(want, routed, TOL, "routed transposed " + g);
        }
    }

    @Test
    void matchesTheDirectLoops() {
        Random rnd = new Random(6);
        ConvGeometry g = GEOMETRIES.get(1);
        float[] x = random(rnd, g.n() * g.inImage()), w = random(rnd, g.weightSize());
        float[] gy = random(rnd, g.n() * g.outImage());
        float[] want = new float[gy.length], got = new float[gy.length];
        DirectConv.INSTANCE.forward(g, x, 0, w, 0, null, 0, want, 0);
        PolyphaseConv.INSTANCE.forward(g, x, 0, w, 0, null, 0, got, 0);
        assertClose(want, got, TOL, "forward");
        want = new float[x.length];
        got = new float[x.length];
        DirectConv.INSTANCE.inputGrad(g, gy, 0, w, 0, want, 0);
        PolyphaseConv.INSTANCE.inputGrad(g, gy, 0, w, 0, got, 0);
        assertClose(want, got, TOL, "inputGrad");
        want = new float[w.length];
        got = new float[w.length];
        DirectConv.INSTANCE.weightGrad(g, x, 0, gy, 0, want, 0);
        PolyphaseConv.INSTANCE.weightGrad(g, x, 0, gy, 0, got, 0);
        assertClose(want, got, TOL, "weightGrad");
    }

    @Test
    void oneAndTwoThreadsAreBitIdentical() {
        Random rnd = new Random(7);
        for (ConvGeometry g : List.of(GEOMETRIES.get(0), GEOMETRIES.get(1), GEOMETRIES.get(5))) {
            float[] x = random(rnd, g.n() * g.inImage()), w = random(rnd, g.weightSize());
            float[] b = random(rnd, g.cout()), gy = random(rnd, g.n() * g.outImage());
            float[][][] res = new float[2][][];
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                float[] y = new float[gy.length], dx = new float[x.length], dw = new float[w.length];
                PolyphaseConv.INSTANCE.forward(g, x, 0, w, 0, b, 0, y, 0);
                PolyphaseConv.INSTANCE.inputGrad(g, gy, 0, w, 0, dx, 0);
                PolyphaseConv.INSTANCE.weightGrad(g, x, 0, gy, 0, dw, 0);
                res[t - 1] = new float[][] {y, dx, dw};
            }
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(res[0][i], res[1][i], "pass " + i + " " + g);
            }
        }
    }
}
