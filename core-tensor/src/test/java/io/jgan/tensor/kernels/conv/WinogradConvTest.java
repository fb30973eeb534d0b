package io.jgan.tensor.kernels.conv;

import static io.jgan.tensor.kernels.gemm.Close.assertClose;
import static io.jgan.tensor.kernels.gemm.Close.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jgan.tensor.ConvPass;
import io.jgan.tensor.Parallel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Winograd F(4x4, 5x5) and F(4x4, 3x3) against im2col + GEMM and the direct loops, on all three passes. */
class WinogradConvTest {
    /** Max error relative to {@code |expected| + rms(expected)}, as {@code Close.assertClose} measures. */
    static final double TOL = 5e-5;

    /** The DCGAN generator layer, and ragged maps, odd channel counts and every padding. */
    static final List<ConvGeometry> GEOMETRIES = List.of(
            ConvGeometry.of(64, 128, 7, 7, 256, 5, 1, 2),   // the DCGAN layer: 256 tiles, 4 per image
            ConvGeometry.of(3, 128, 9, 9, 256, 5, 1, 2),    // 3x3 tiles, the last row and column ragged
            ConvGeometry.of(3, 64, 14, 14, 96, 5, 1, 2),    // 4x4 tiles, two ragged
            ConvGeometry.of(5, 33, 11, 6, 35, 5, 1, 0),     // odd channels: half-filled panels, no padding
            ConvGeometry.of(2, 40, 10, 12, 32, 5, 1, 4),    // padding 4: the input gradient pads 0
            ConvGeometry.of(9, 32, 8, 8, 48, 5, 1, 1),
            ConvGeometry.of(1, 32, 27, 29, 33, 5, 1, 3),    // one image, many tiles
            ConvGeometry.of(64, 256, 7, 7, 128, 3, 1, 1),   // 3x3: the DCGAN's stride-2 layer as PolyphaseConv stacks it
            ConvGeometry.of(3, 33, 9, 10, 35, 3, 1, 1),     // 3x3, ragged tiles, odd channels
            ConvGeometry.of(2, 40, 10, 12, 32, 3, 1, 2),    // 3x3, padding 2: the input gradient pads 0
            ConvGeometry.of(5, 32, 6, 7, 17, 3, 1, 0));     // 3x3, no padding

    private final int savedThreads = Parallel.threads();

    @BeforeEach
    void needsEightOrSixteenLanes() {
        // -Djgan.species=64 or 128: WinogradConv declines every geometry and the planner takes GEMM
        assumeTrue(TileTransform.L == 8 || TileTransform.L == 16, "vector length " + TileTransform.L);
    }

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    @Test
    void transformMatricesComputeTheCorrelation() {
        for (WinogradAlgorithm f : WinogradAlgorithm.values()) {
            Random rnd = new Random(1);
            double[][] g = new double[f.r][f.r], d = new double[f.t][f.t];
            for (double[] row : g) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = rnd.nextGaussian();
                }
            }
            for (double[] row : d) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = rnd.nextGaussian();
                }
            }
            double[][] at = f.atMatrix, gm = f.gMatrix, bt = f.btMatrix;
            assertEquals(f.t, bt.length, f + " B^T");
            double[][] u = mul(mul(gm, g), WinogradMatrices.transpose(gm));
            double[][] v = mul(mul(bt, d), WinogradMatrices.transpose(bt));
            double[][] m = new double[f.t][f.t];
            for (int i = 0; i < f.t; i++) {
                for (int j = 0; j < f.t; j++) {
                    m[i][j] = u[i][j] * v[i][j];
                }
            }
            double[][] y = mul(mul(at, m), WinogradMatrices.transpose(at));
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    double want = 0;
                    for (int a = 0; a < f.r; a++) {
                        for (int b = 0; b < f.r; b++) {
                            want += g[a][b] * d[i + a][j + b];
                        }
                    }
                    assertEquals(want, y[i][j], 1e-12, f + " output " + i + "," + j);
                }
            }
        }
    }

    private static double[][] mul(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    @Test
    void paysOnlyForStrideOneWithEnoughWork() {
        assertTrue(WinogradConv.supports(ConvGeometry.of(64, 128, 7, 7, 256, 3, 1, 1)));   // 3x3: computable
        assertFalse(WinogradConv.supports(ConvGeometry.of(64, 128, 7, 7, 256, 3, 1, 3)));  // 3x3, pad > 2
        assertFalse(WinogradConv.supports(ConvGeometry.of(64, 128, 7, 7, 256, 4, 1, 1)));  // 4x4
        assertTrue(WinogradConv.pays(ConvGeometry.of(64, 128, 7, 7, 256, 5, 1, 2)));
        assertFalse(WinogradConv.pays(ConvGeometry.of(64, 128, 14, 14, 256, 5, 2, 2)));  // stride 2
        assertTrue(WinogradConv.pays(ConvGeometry.of(64, 128, 7, 7, 256, 3, 1, 1)));     // 3x3
        assertFalse(WinogradConv.pays(ConvGeometry.of(64, 128, 7, 7, 256, 4, 1, 1)));    // 4x4
        assertFalse(WinogradConv.pays(ConvGeometry.of(64, 16, 7, 7, 256, 5, 1, 2)));     // cin < 32
        assertFalse(WinogradConv.pays(ConvGeometry.of(64, 128, 7, 7, 31, 5, 1, 2)));     // cout < 32
        assertFalse(WinogradConv.pays(ConvGeometry.of(7, 128, 7, 7, 256, 5, 1, 2)));     // 28 tiles
        assertTrue(WinogradConv.pays(ConvGeometry.of(8, 128, 7, 7, 256, 5, 1, 2)));      // 32 tiles
        assertTrue(WinogradConv.pays(ConvGeometry.of(8, 32, 7, 7, 64, 5, 1, 2)));        // LinalgTest's layer
        assertTrue(WinogradConv.supports(ConvGeometry.of(1, 1, 7, 7, 1, 5, 1, 2)));      // computable all the same
        assertFalse(WinogradConv.supports(new ConvGeometry(64, 128, 7, 7, 256, 5, 5, 1, 1, 2, 1)));
        assertFalse(WinogradConv.supports(ConvGeometry.of(64, 128, 9, 9, 256, 5, 1, 5))); // pad > 4
        assertThrows(IllegalArgumentException.class, () -> WinogradConv.INSTANCE.forward(
                ConvGeometry.of(1, 1, 7, 7, 1, 4, 1, 1), new float[49], 0, new float[16], 0, null, 0, new float[36], 0));
    }

    @Test
    void plannedConvRunsWinogradWherePlannedAndGemmElsewhere() {
        assertEquals("planned-simd", Convs.simd().name());
        assertSame(Convs.simd(), Convs.active());
        assertEquals("winograd-f4x4-5x5", ConvPlanner.algorithm(ConvGeometry.of(8, 32, 7, 7, 32, 5, 1, 2), ConvPass.FORWARD, true));
        assertEquals("winograd-f4x4-3x3", ConvPlanner.algorithm(ConvGeometry.of(8, 32, 7, 7, 32, 3, 1, 1), ConvPass.FORWARD, true));
        assertEquals("im2col-gemm", ConvPlanner.algorithm(ConvGeometry.of(8, 32, 7, 7, 32, 4, 1, 1), ConvPass.FORWARD, true));
        Random rnd = new Random(2);
        for (ConvGeometry g : List.of(ConvGeometry.of(8, 32, 7, 7, 32, 5, 1, 2), ConvGeometry.of(8, 32, 7, 7, 32, 3, 1, 1),
                ConvGeometry.of(8, 32, 7, 7, 32, 4, 1, 1))) {
            float[] x = random(rnd, g.n() * g.inImage());
            float[] w = random(rnd, g.weightSize());
            float[] want = new float[g.n() * g.outImage()], got = new float[want.length];
            (WinogradConv.pays(g) ? WinogradConv.INSTANCE : Convs.gemm()).forward(g, x, 0, w, 0, null, 0, want, 0);
            Convs.simd().forward(g, x, 0, w, 0, null, 0, got, 0);
            assertArrayEquals(want, got, g.toString());
        }
    }

    @Test
    void forwardMatchesGemm() {
        Random rnd = new Random(3);
        for (ConvGeometry g : GEOMETRIES) {
            float[] x = random(rnd, g.n() * g.inImage() + 3);
            float[] w = random(rnd, g.weightSize() + 2);
            float[] b = random(rnd, g.cout() + 1);
            float[] want = new float[g.n() * g.outImage() + 4];
            Convs.gemm().forward(g, x, 3, w, 2, b, 1, want, 4);
            float[] got = random(rnd, want.length); // garbage must be overwritten
            System.arraycopy(want, 0, got, 0, 4);
            WinogradConv.INSTANCE.forward(g, x, 3, w, 2, b, 1, got, 4);
            assertClose(want, got, TOL, "forward " + g);
        }
    }

    @Test
    void inputGradMatchesGemm() {
        Random rnd = new Random(4);
        for (ConvGeometry g : GEOMETRIES) {
            float[] gy = random(rnd, g.n() * g.outImage() + 1);
            float[] w = random(rnd, g.weightSize() + 5);
            float[] want = new float[g.n() * g.inImage() + 2];
            Convs.gemm().inputGrad(g, gy, 1, w, 5, want, 2);
            float[] got = random(rnd, want.length);
            System.arraycopy(want, 0, got, 0, 2);
            WinogradConv.INSTANCE.inputGrad(g, gy, 1, w, 5, got, 2);
            assertClose(want, got, TOL, "inputGrad " + g);
            // the transposed convolution: the same plus a bias per channel, added in the scatter
            float[] b = random(rnd, g.cin() + 3);
            Convs.gemm().transposed(g, gy, 1, w, 5, b, 3, want, 2);
            WinogradConv.INSTANCE.transposed(g, gy, 1, w, 5, b, 3, got, 2);
            assertClose(want, got, TOL, "transposed " + g);
        }
    }

    @Test
    void weightGradMatchesGemm() {
        Random rnd = new Random(5);
        for (ConvGeometry g : GEOMETRIES) {
            float[] x = random(rnd, g.n() * g.inImage() + 2);
            float[] gy = random(rnd, g.n() * g.outImage() + 7);
            float[] want = new float[g.weightSize() + 3];
            Convs.gemm().weightGrad(g, x, 2, gy, 7, want, 3);
            float[] got = random(rnd, want.length);
            System.arraycopy(want, 0, got, 0, 3);
            WinogradConv.INSTANCE.weightGrad(g, x, 2, gy, 7, got, 3);
            assertClose(want, got, TOL, "weightGrad " + g);
        }
    }

    @Test
    void smallGeometriesMatchDirectLoops() {
        Random rnd = new Random(6);
        for (ConvGeometry g : List.of(ConvGeometry.of(3, 32, 9, 9, 33, 5, 1, 2), ConvGeometry.of(3, 32, 9, 9, 33, 3, 1, 1))) {
            float[] x = random(rnd, g.n() * g.inImage());
            float[] w = random(rnd, g.weightSize());
            float[] gy = random(rnd, g.n() * g.outImage());
            float[] want = new float[gy.length], got = new float[gy.length];
            DirectConv.INSTANCE.forward(g, x, 0, w, 0, null, 0, want, 0);
            WinogradConv.INSTANCE.forward(g, x, 0, w, 0, null, 0, got, 0);
            assertClose(want, got, TOL, "forward " + g);
            want = new float[x.length];
            got = new float[x.length];
            DirectConv.INSTANCE.inputGrad(g, gy, 0, w, 0, want, 0);
            WinogradConv.INSTANCE.inputGrad(g, gy, 0, w, 0, got, 0);
            assertClose(want, got, TOL, "inputGrad " + g);
            want = new float[w.length];
            got = new float[w.length];
            DirectConv.INSTANCE.weightGrad(g, x, 0, gy, 0, want, 0);
            WinogradConv.INSTANCE.weightGrad(g, x, 0, gy, 0, got, 0);
            assertClose(want, got, TOL, "weightGrad " + g);
        }
    }

    @Test
    void callsAllocateNoWorkspaceOnceWarm() {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Parallel.setThreads(1); // allocation is counted on this thread only
        ConvGeometry g = ConvGeometry.of(2, 32, 8, 8, 40, 5, 1, 2);
        Random rnd = new Random(8);
        float[] x = random(rnd, g.n() * g.inImage()), w = random(rnd, g.weightSize());
        float[] gy = random(rnd, g.n() * g.outImage());
        float[] y = new float[gy.length], dx = new float[x.length], dw = new float[w.length];
        // until C2 has compiled the kernels, the Vector API allocates a box per operation: wait for a
        // round that allocates only the few small objects of a call (workspaces would be 100s of KB).
        // The wait is bounded by time, not rounds: 300 rounds (0.2 s) were once too few for C2 under -XX:UseAVX=2
        long least = Long.MAX_VALUE;
        for (long end = System.nanoTime() + 60_000_000_000L; System.nanoTime() - end < 0 && least >= 16 << 10; ) {
            long before = mx.getCurrentThreadAllocatedBytes();
            WinogradConv.INSTANCE.forward(g, x, 0, w, 0, null, 0, y, 0);
            WinogradConv.INSTANCE.inputGrad(g, gy, 0, w, 0, dx, 0);
            WinogradConv.INSTANCE.weightGrad(g, x, 0, gy, 0, dw, 0);
            least = Math.min(least, mx.getCurrentThreadAllocatedBytes() - before);
        }
        assertTrue(least < 16 << 10, "every round of three warm calls allocated at least " + least + " bytes");
    }

    @Test
    void oneAndTwoThreadsAreBitIdentical() {
        Random rnd = new Random(7);
        for (ConvGeometry g : List.of(GEOMETRIES.get(0), GEOMETRIES.get(3), GEOMETRIES.get(8))) {
            float[] x = random(rnd, g.n() * g.inImage());
            float[] w = random(rnd, g.weightSize());
            float[] b = random(rnd, g.cout());
            float[] gy = random(rnd, g.n() * g.outImage());
            float[][][] res = new float[2][][];
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                float[] y = new float[gy.length], dx = new float[x.length], dw = new float[w.length];
                WinogradConv.INSTANCE.forward(g, x, 0, w, 0, b, 0, y, 0);
                WinogradConv.INSTANCE.inputGrad(g, gy, 0, w, 0, dx, 0);
                WinogradConv.INSTANCE.weightGrad(g, x, 0, gy, 0, dw, 0);
                res[t - 1] = new float[][] {y, dx, dw};
            }
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(res[0][i], res[1][i], "pass " + i + " " + g);
            }
        }
    }
}
