package io.jgan.tensor;

import io.jgan.tensor.kernels.BinaryOp;
import io.jgan.tensor.kernels.Kernels;
import io.jgan.tensor.kernels.UnaryOp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every SIMD kernel against its scalar twin, on sizes around every vector width. */
class SimdScalarTwinTest {
    static final int[] SIZES = {0, 1, 15, 16, 17, 31, 33, 1000};

    static void close(float expected, float actual, String what) {
        if (Float.isNaN(expected)) {
            assertTrue(Float.isNaN(actual), what + ": expected NaN, got " + actual);
            return;
        }
        if (Float.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        float tol = 1e-5f * Math.max(1f, Math.abs(expected));
        assertEquals(expected, actual, tol, what);
    }

    static float[] input(UnaryOp op, int n, long seed) {
        Rng r = new Rng(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            float v = r.nextGaussian() * 3f;
            if (op == UnaryOp.SQRT || op == UnaryOp.RSQRT || op == UnaryOp.LOG || op == UnaryOp.POW) {
                v = Math.abs(v) + 0.05f;
            }
            if (op == UnaryOp.RECIPROCAL && Math.abs(v) < 0.05f) {
                v = 0.5f;
            }
            x[i] = v;
        }
        if (n > 3) {
            x[1] = 0f; // the kink of relu, step and friends
        }
        return x;
    }

    @Test
    void everyUnaryOpMatchesScalarOnEverySize() {
        for (UnaryOp op : UnaryOp.values()) {
            float a = op == UnaryOp.CLAMP || op == UnaryOp.CLAMP_MASK ? -1f : op == UnaryOp.POW ? 1.7f : 0.2f;
            float b = op == UnaryOp.CLAMP || op == UnaryOp.CLAMP_MASK ? 1.5f : 0.3f;
            for (int n : SIZES) {
                float[] x = input(op, n + 3, n);
                float[] ys = new float[n + 5];
                float[] yv = new float[n + 5];
                // offsets 3 and 5 exercise unaligned starts
                Kernels.scalar().unary(op, a, b, x, 3, ys, 5, n);
                Kernels.simd().unary(op, a, b, x, 3, yv, 5, n);
                for (int i = 0; i < n + 5; i++) {
                    close(ys[i], yv[i], op + " n=" + n + " i=" + i);
                }
            }
        }
    }

    @Test
    void everyBinaryOpMatchesScalarIncludingScalarOperands() {
        for (BinaryOp op : BinaryOp.values()) {
            for (int n : SIZES) {
                float[] a = input(UnaryOp.NEG, n + 1, 7 + n);
                float[] b = input(UnaryOp.NEG, n + 1, 9 + n);
                for (int i = 0; i < n; i += 3) {
                    b[i + 1] = a[i + 1]; // equal pairs for EQ / GE
                }
                if (op == BinaryOp.DIV) {
                    for (int i = 0; i < b.length; i++) {
                        b[i] = Math.abs(b[i]) + 0.1f;
                    }
                }
                for (int mode = 0; mode < 3; mode++) {
                    boolean as = mode == 1;
                    boolean bs = mode == 2;
                    float[] ys = new float[n];
                    float[] yv = new float[n];
                    Kernels.scalar().binary(op, a, 1, as, b, 1, bs, ys, 0, n);
                    Kernels.simd().binary(op, a, 1, as, b, 1, bs, yv, 0, n);
                    for (int i = 0; i < n; i++) {
                        close(ys[i], yv[i], op + " mode=" + mode + " n=" + n + " i=" + i);
                    }
                }
            }
        }
    }

    @Test
    void reductionsSelectAndAxpyMatchScalar() {
        for (int n : SIZES) {
            float[] x = input(UnaryOp.NEG, n + 2, 100 + n);
            float[] z = input(UnaryOp.NEG, n + 2, 200 + n);
            float s = Kernels.scalar().sum(x, 2, n);
            float v = Kernels.simd().sum(x, 2, n);
            float tol = 1e-5f * Math.max(1f, sumAbs(x, 2, n));
            assertEquals(s, v, tol, "sum n=" + n);
            assertEquals(Kernels.scalar().dot(x, 2, z, 2, n), Kernels.simd().dot(x, 2, z, 2, n), 1e-5f * Math.max(1f, n * 9f), "dot n=" + n);
            if (n > 0) {
                assertEquals(Kernels.scalar().max(x, 2, n), Kernels.simd().max(x, 2, n), "max n=" + n);
                assertEquals(Kernels.scalar().min(x, 2, n), Kernels.simd().min(x, 2, n), "min n=" + n);
            }
            float[] y1 = z.clone();
            float[] y2 = z.clone();
            Kernels.scalar().axpy(0.7f, x, 2, y1, 1, n);
            Kernels.simd().axpy(0.7f, x, 2, y2, 1, n);
            for (int i = 0; i < y1.length; i++) {
                close(y1[i], y2[i], "axpy n=" + n + " i=" + i);
            }
            float[] c = new float[n];
            for (int i = 0; i < n; i += 2) {
                c[i] = 1f;
            }
            float[] s1 = new float[n];
            float[] s2 = new float[n];
            Kernels.scalar().select(c, 0, x, 0, z, 0, s1, 0, n);
            Kernels.simd().select(c, 0, x, 0, z, 0, s2, 0, n);
            assertTrue(java.util.Arrays.equals(s1, s2), "select n=" + n);
        }
    }

    static float sumAbs(float[] x, int o, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs(x[o + i]);
        }
        return s;
    }

    @Test
    void tensorOpsOnOddShapesWithBroadcastingAgreeBetweenTwins() {
        Rng r = new Rng(5);
        int[][][] pairs = {
            {{4, 3, 5}, {3, 1}}, {{7, 1, 9}, {1, 6, 1}}, {{1}, {33, 17}}, {{2, 3, 4, 5}, {5}}, {{31, 1}, {31, 16}},
            {{3, 1, 17}, {3, 15, 1}}, {{0, 4}, {4}},
        };
        for (int[][] p : pairs) {
            Tensor a = Tensor.randn(r, p[0]);
            Tensor b = Tensor.randn(r, p[1]).abs().add(0.5f);
            Tensor[] s = new Tensor[6];
            Tensor[] v = new Tensor[6];
            Tensor.withScalarKernels(() -> fill(s, a, b));
            Tensor.withSimdKernels(() -> fill(v, a, b));
            for (int i = 0; i < s.length; i++) {
                assertEquals(s[i].shape(), v[i].shape());
                float[] x = s[i].toArray();
                float[] y = v[i].toArray();
                for (int j = 0; j < x.length; j++) {
                    close(x[j], y[j], "case " + i + " of " + java.util.Arrays.deepToString(p) + " at " + j);
                }
            }
        }
    }

    private static void fill(Tensor[] out, Tensor a, Tensor b) {
        out[0] = a.add(b);
        out[1] = a.div(b);
        out[2] = a.mul(b).tanh();
        out[3] = a.sub(b).leakyRelu(0.2f).sum(true, 0);
        out[4] = a.maximum(b).sum(false, -1);
        out[5] = a.sigmoid().softplus().mean(true);
    }

    @Test
    void sumOfSquaresAndFinitenessMatchScalar() {
        for (int n : SIZES) {
            float[] x = input(UnaryOp.NEG, n + 4, 40 + n); // one element past the range
            double ss = Kernels.scalar().sumOfSquares(x, 3, n);
            double sv = Kernels.simd().sumOfSquares(x, 3, n);
            // both square in double; only the order of the additions differs
            assertEquals(ss, sv, 1e-12 * Math.max(1, ss), "sumOfSquares n=" + n);
            assertTrue(Kernels.simd().allFinite(x, 3, n), "finite n=" + n);
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                for (int at = 0; at < n; at += Math.max(1, n / 5)) {
                    float[] y = x.clone();
                    y[3 + at] = bad;
                    assertTrue(!Kernels.simd().allFinite(y, 3, n) && !Kernels.scalar().allFinite(y, 3, n),
                            bad + " at " + at + " of " + n);
                    double s = Kernels.simd().sumOfSquares(y, 3, n);
                    assertTrue(Float.isNaN(bad) ? Double.isNaN(s) : s == Double.POSITIVE_INFINITY, bad + " squared sum " + s);
                }
                // a bad value just outside the range is not looked at
                float[] y = x.clone();
                y[3 + n] = bad;
                assertTrue(Kernels.simd().allFinite(y, 3, n), "outside the range, n=" + n);
            }
        }
        // large finite values: the float square would overflow, the double one does not
        float[] big = new float[40];
        java.util.Arrays.fill(big, 3e30f);
        assertEquals(40 * 9e60, Kernels.simd().sumOfSquares(big, 0, 40), 40 * 9e60 * 1e-6);
    }
}
