package io.jgan.tensor.kernels.gemm;

import static io.jgan.tensor.kernels.gemm.Close.assertClose;
import static io.jgan.tensor.kernels.gemm.Close.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgan.tensor.Parallel;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIMD GEMM against the scalar reference, and the reference against hand-computed values. */
class GemmTest {
    private static final int[] SIZES = {0, 1, 15, 16, 17, 31, 33};
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    private static void compare(boolean ta, boolean tb, int m, int n, int k, float alpha, float beta,
                                int pad, Random rnd) {
        int aRows = ta ? k : m, aCols = ta ? m : k;
        int bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
        int aOff = pad * 3, bOff = pad * 5, cOff = pad * 7;
        float[] a = random(rnd, aOff + aRows * lda + 1);
        float[] b = random(rnd, bOff + bRows * ldb + 1);
        float[] c0 = random(rnd, cOff + m * ldc + 1);
        float[] cs = c0.clone();
        float[] cv = c0.clone();
        Gemms.scalar().gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, cs, cOff, ldc);
        Gemms.simd().gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, cv, cOff, ldc);
        String what = "ta=" + ta + " tb=" + tb + " m=" + m + " n=" + n + " k=" + k + " alpha=" + alpha
                + " beta=" + beta + " pad=" + pad;
        assertClose(cs, cv, 1e-5, what);
        // elements outside C (padding columns, before the offset) must be untouched
        for (int i = 0; i < c0.length; i++) {
            int rel = i - cOff;
            boolean inside = n > 0 && rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside) {
                assertEquals(c0[i], cv[i], what + ": wrote outside C at " + i);
            }
        }
    }

    @Test
    void simdMatchesScalarOnSizesAroundTheVectorWidth() {
        Random rnd = new Random(1);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int m : SIZES) {
                    for (int n : SIZES) {
                        for (int k : SIZES) {
                            compare(ta, tb, m, n, k, 1f, 0f, 0, rnd);
                        }
                    }
                }
            }
        }
    }

    @Test
    void simdMatchesScalarWithAlphaBetaOffsetsAndLeadingDimensions() {
        Random rnd = new Random(2);
        float[][] ab = {{1f, 1f}, {0.5f, 0f}, {-2f, 0.25f}, {0f, 3f}, {1.5f, 1f}};
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (float[] p : ab) {
                    compare(ta, tb, 33, 17, 31, p[0], p[1], 3, rnd);
                    compare(ta, tb, 9, 47, 300, p[0], p[1], 1, rnd);
                }
            }
        }
    }

    @Test
    void simdMatchesScalarOnLargerOddShapesCrossingBlocks() {
        Random rnd = new Random(3);
        // k > KC exercises the k blocking with beta applied only once; sizes big enough to go parallel
        compare(false, false, 131, 257, 600, 1f, 0f, 0, rnd);
        compare(true, false, 97, 1000, 61, 0.7f, 0.3f, 2, rnd);
        compare(false, true, 301, 45, 513, 1f, 1f, 0, rnd);
        compare(true, true, 64, 784, 256, 1f, 0f, 0, rnd);
        // k beyond one k block (SimdGemm.KC), all transposes, accumulating into C
        for (int f = 0; f < 4; f++) {
            compare((f & 1) != 0, (f & 2) != 0, 19, 37, 2 * SimdGemm.KC + 77, 1f, f == 3 ? 1f : 0f, 1, rnd);
        }
    }

    @Test
    void skinnyProductsAgainstLargeOperandsMatchScalar() {
        Random rnd = new Random(5);
        // few rows of C against a B of over SkinnyGemm.MIN_B elements: B is read in place
        for (int f = 0; f < 4; f++) {
            boolean ta = (f & 1) != 0, tb = (f & 2) != 0;
            assertTrue(SkinnyGemm.applies(64, 1027, 1031) && SkinnyGemm.applies(10, 2051, 513));
            compare(ta, tb, 64, 1027, 1031, 1f, 0f, 0, rnd);
            compare(ta, tb, 10, 2051, 513, 0.5f, 0.25f, 3, rnd);
            // k over one k block (beta applied once), ragged m, n and strips
            compare(ta, tb, 37, 517, SimdGemm.KC * 2 + 33, -1f, 1f, 1, rnd);
            // rows of B 1 KiB apart (the cache-aliasing stride), whole and with a ragged last strip
            compare(ta, tb, 64, 1024, 1100, 1f, 0f, 0, rnd);
            compare(ta, tb, 20, 1000, SimdGemm.KC + 100, 1f, 0.5f, 24, rnd);
            // the 1 KiB stride with a ragged strip of A's rows (A read in place, missing rows repeated)
            compare(ta, tb, 21, 512, 300, 1f, 0f, 0, rnd);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nn", "tn", "nt", "tt"})
    void skinnyProductsAreBitIdenticalForOneAndTwoThreads(String flags) {
        boolean ta = flags.charAt(0) == 't', tb = flags.charAt(1) == 't';
        Random rnd = new Random(6);
        int m = 64, n = 1500, k = 1300;
        assertTrue(SkinnyGemm.applies(m, n, k));
        float[] a = random(rnd, m * k);
        float[] b = random(rnd, k * n);
        float[] c1 = new float[m * n];
        float[] c2 = new float[m * n];
        Parallel.setThreads(1);
        Gemms.simd().gemm(ta, tb, m, n, k, 1f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, c1, 0, n);
        Parallel.setThreads(2);
        Gemms.simd().gemm(ta, tb, m, n, k, 1f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, c2, 0, n);
        assertArrayEquals(c1, c2);
    }

    @Test
    void betaZeroOverwritesNaN() {
        for (Gemm g : new Gemm[] {Gemms.scalar(), Gemms.simd()}) {
            float[] a = {1, 2, 3, 4};
            float[] b = {5, 6, 7, 8};
            float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
            g.gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
            assertArrayEquals(new float[] {19, 22, 43, 50}, c, g.name());
            float[] c2 = {Float.NaN, 1, 1, 1};
            g.gemm(false, false, 2, 2, 0, 1f, a, 0, 2, b, 0, 2, 0f, c2, 0, 2);
            assertArrayEquals(new float[] {0, 0, 0, 0}, c2, g.name() + " k=0");
        }
    }

    @Test
    void handComputedTransposes() {
        // A = [[1,2,3],[4,5,6]] (2x3), B = [[1,0],[0,1],[1,1]] (3x2): A*B = [[4,5],[10,11]]
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] aT = {1, 4, 2, 5, 3, 6};
        float[] b = {1, 0, 0, 1, 1, 1};
        float[] bT = {1, 0, 1, 0, 1, 1};
        float[] want = {4, 5, 10, 11};
        for (Gemm g : new Gemm[] {Gemms.scalar(), Gemms.simd()}) {
            for (int f = 0; f < 4; f++) {
                boolean ta = (f & 1) != 0, tb = (f & 2) != 0;
                float[] c = {100, 100, 100, 100};
                g.gemm(ta, tb, 2, 2, 3, 2f, ta ? aT : a, 0, ta ? 2 : 3, tb ? bT : b, 0, tb ? 3 : 2, 0.5f, c, 0, 2);
                for (int i = 0; i < 4; i++) {
                    assertEquals(2 * want[i] + 50, c[i], 0f, g.name() + " ta=" + ta + " tb=" + tb);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nn", "tn", "nt", "tt"})
    void oneAndTwoThreadsAreBitIdentical(String flags) {
        boolean ta = flags.charAt(0) == 't', tb = flags.charAt(1) == 't';
        Random rnd = new Random(4);
        int m = 200, n = 300, k = 700;
        float[] a = random(rnd, m * k);
        float[] b = random(rnd, k * n);
        float[] c1 = random(rnd, m * n);
        float[] c2 = c1.clone();
        Parallel.setThreads(1);
        Gemms.simd().gemm(ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.5f, c1, 0, n);
        Parallel.setThreads(2);
        Gemms.simd().gemm(ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.5f, c2, 0, n);
        assertArrayEquals(c1, c2);
    }

    @Test
    void rejectsBadArguments() {
        float[] x = new float[6];
        for (Gemm g : new Gemm[] {Gemms.scalar(), Gemms.simd()}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> g.gemm(false, false, 2, 2, 3, 1f, x, 0, 3, x, 0, 3, 0f, new float[4], 0, 2));
            assertTrue(e.getMessage().contains("B"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> g.gemm(false, false, 2, 3, 3, 1f, x, 0, 2, x, 0, 3, 0f, x, 0, 3));
        }
        assertThrows(IllegalArgumentException.class, () -> Gemms.byName("blas"));
    }
}
