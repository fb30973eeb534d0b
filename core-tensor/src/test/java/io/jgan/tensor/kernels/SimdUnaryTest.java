package io.jgan.tensor.kernels;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The SIMD unary loops beyond closeness to the scalar twin: tanh within 1 ulp of Math.tanh on a
 * sweep of the whole float range, the special values bit for bit, leaky ReLU exactly equal to its
 * twin, and every op independent (to the bit) of where a run starts and ends.
 */
class SimdUnaryTest {
    private static final int[] SIZES = {0, 1, 15, 16, 17, 31, 33, 1000};

    /** Distance in representable floats (the sign-magnitude bits mapped to a monotone line). */
    private static long ulps(float a, float b) {
        long ia = Float.floatToRawIntBits(a);
        long ib = Float.floatToRawIntBits(b);
        ia = ia < 0 ? 0x80000000L - ia : ia;
        ib = ib < 0 ? 0x80000000L - ib : ib;
        return Math.abs(ia - ib);
    }

    private static float[] simd(UnaryOp op, float a, float[] x) {
        float[] y = new float[x.length];
        Kernels.simd().unary(op, a, 0f, x, 0, y, 0, x.length);
        return y;
    }

    @Test
    void tanhIsWithinOneUlpOfMathTanhAcrossTheRange() {
        // every 211th float of [0, 10] and of [-10, 0]: subnormals, tiny, the 0.625 switch, saturation
        int hi = Float.floatToRawIntBits(10f);
        int per = 1 << 16;
        float[] x = new float[per];
        long worst = 0;
        float worstX = 0;
        for (int sign = 0; sign < 2; sign++) {
            for (long bits = 0; bits <= hi; ) {
                int m = 0;
                for (; m < per && bits <= hi; m++, bits += 211) {
                    x[m] = Float.intBitsToFloat((int) bits | (sign << 31));
                }
                float[] y = new float[m];
                Kernels.simd().unary(UnaryOp.TANH, 0f, 0f, x, 0, y, 0, m);
                for (int i = 0; i < m; i++) {
                    long u = ulps((float) Math.tanh(x[i]), y[i]);
                    if (u > worst) {
                        worst = u;
                        worstX = x[i];
                    }
                }
            }
        }
        assertTrue(worst <= 1, "tanh is " + worst + " ulp off at x = " + worstX);
    }

    @Test
    void tanhSpecialValuesAreExact() {
        float[] x = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -3e-39f, Float.MIN_NORMAL, 1e-20f, -1e-10f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE, 9.01f, 9.02f, 9.5f, 20f, -88f,
            0.625f, Math.nextUp(0.625f), Math.nextDown(0.625f), -0.625f, 0.5493061f};
        float[] y = simd(UnaryOp.TANH, 0f, x);
        for (int i = 0; i < x.length; i++) {
            float want = (float) Math.tanh(x[i]);
            if (Math.abs(x[i]) < 1e-3f || Float.isInfinite(x[i]) || Math.abs(x[i]) > 9.5f) {
                // tiny (sign of zero included) and saturated values must be exact, not merely close
                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(y[i]), "tanh(" + x[i] + ") = " + y[i]);
            } else {
                assertTrue(ulps(want, y[i]) <= 1, "tanh(" + x[i] + ") = " + y[i] + ", want " + want);
            }
        }
        float[] nan = simd(UnaryOp.TANH, 0f, new float[] {Float.NaN, Float.intBitsToFloat(0xffc00001)});
        assertTrue(Float.isNaN(nan[0]) && Float.isNaN(nan[1]), "tanh(NaN) must be NaN");
    }

    @Test
    void leakyReluAndItsStepEqualTheScalarTwinBitForBit() {
        float[] special = {0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE, 3e-39f, -3e-39f};
        for (int n : SIZES) {
            float[] x = new float[n + 7];
            java.util.Random r = new java.util.Random(n);
            for (int i = 0; i < x.length; i++) {
                x[i] = i < special.length ? special[i] : (float) r.nextGaussian() * 4f;
            }
            for (UnaryOp op : new UnaryOp[] {UnaryOp.LEAKY_RELU, UnaryOp.LEAKY_STEP, UnaryOp.RELU, UnaryOp.STEP}) {
                for (float slope : new float[] {0.2f, 0.01f, 0f, 1.5f}) {
                    float[] ys = new float[n + 9];
                    float[] yv = new float[n + 9];
                    java.util.Arrays.fill(ys, 42f);
                    java.util.Arrays.fill(yv, 42f);
                    Kernels.scalar().unary(op, slope, 0f, x, 7, ys, 9, n);
                    Kernels.simd().unary(op, slope, 0f, x, 7, yv, 9, n);
                    for (int i = 0; i < ys.length; i++) {
                        assertEquals(Float.floatToRawIntBits(ys[i]), Float.floatToRawIntBits(yv[i]),
                                op + " slope " + slope + " n=" + n + " at " + i + ": " + ys[i] + " vs " + yv[i]);
                    }
                }
            }
        }
        float[] nan = simd(UnaryOp.LEAKY_RELU, 0.2f, new float[] {Float.NaN});
        assertTrue(Float.isNaN(nan[0]));
    }

    @Test
    void everyOpGivesTheSameBitsWhereverARunIsSplit() {
        // The loops stop at a whole vector and a masked tail finishes; a value must not care which
        // of the two computed it, or chunking (and so the thread count) would change results.
        java.util.Random r = new java.util.Random(3);
        int n = 2500; // several 1024-float scratch blocks of the two-pass ops
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian() * 6f;
        }
        x[5] = 0f;
        x[6] = -0f;
        x[7] = Float.NaN;
        x[8] = Float.POSITIVE_INFINITY;
        x[9] = Float.MIN_VALUE;
        for (UnaryOp op : UnaryOp.values()) {
            float a = op == UnaryOp.CLAMP || op == UnaryOp.CLAMP_MASK ? -1f : op == UnaryOp.POW ? 1.7f : 0.2f;
            float b = op == UnaryOp.CLAMP || op == UnaryOp.CLAMP_MASK ? 1.5f : 0.3f;
            float[] whole = new float[n];
            Kernels.simd().unary(op, a, b, x, 0, whole, 0, n);
            for (int i = 0; i < n; i += 7) {
                // one element alone goes through the masked tail, the rest through the loops
                float[] one = new float[1];
                Kernels.simd().unary(op, a, b, x, i, one, 0, 1);
                if (Float.floatToRawIntBits(whole[i]) != Float.floatToRawIntBits(one[0]) && !(Float.isNaN(whole[i]) && Float.isNaN(one[0]))) {
                    fail(op + " element " + i + " (x=" + x[i] + "): loop " + whole[i] + " vs tail " + one[0]);
                }
            }
            for (int split : new int[] {1, 15, 16, 17, 31, 33, 500, 999, 1024, 2049}) {
                float[] parts = new float[n];
                Kernels.simd().unary(op, a, b, x, 0, parts, 0, split);
                Kernels.simd().unary(op, a, b, x, split, parts, split, n - split);
                for (int i = 0; i < n; i++) {
                    if (Float.floatToRawIntBits(whole[i]) != Float.floatToRawIntBits(parts[i])
                            && !(Float.isNaN(whole[i]) && Float.isNaN(parts[i]))) {
                        fail(op + " split at " + split + ", element " + i + " (x=" + x[i] + "): " + whole[i] + " vs " + parts[i]);
                    }
                }
            }
        }
    }

    @Test
    void tanhTailsMatchTheScalarTwinOnEverySize() {
        for (int n : SIZES) {
            float[] x = new float[n + 3];
            java.util.Random r = new java.util.Random(11 + n);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian() * 3f;
            }
            float[] ys = new float[n + 5];
            float[] yv = new float[n + 5];
            Kernels.scalar().unary(UnaryOp.TANH, 0f, 0f, x, 3, ys, 5, n);
            Kernels.simd().unary(UnaryOp.TANH, 0f, 0f, x, 3, yv, 5, n);
            for (int i = 0; i < ys.length; i++) {
                assertTrue(ulps(ys[i], yv[i]) <= 1, "tanh n=" + n + " at " + i + ": " + ys[i] + " vs " + yv[i]);
            }
        }
    }
}
