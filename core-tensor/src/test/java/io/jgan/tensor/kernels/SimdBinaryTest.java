package io.jgan.tensor.kernels;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The SIMD binary loops equal the scalar twin bit for bit (every op is one IEEE operation or a
 * comparison), in every operand layout (array or repeated scalar on either side, or both), on
 * sizes around the vector width, including ±0, infinities, subnormals and NaN.
 */
class SimdBinaryTest {
    private static final int[] SIZES = {0, 1, 15, 16, 17, 31, 33, 1000};
    private static final float[] SPECIAL = {0f, -0f, 1f, -1f, Float.MIN_VALUE, -3e-39f, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE, 2f, 0.5f};

    private static float[] input(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] x = new float[n + 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) r.nextGaussian() * 3f;
        }
        return x;
    }

    @Test
    void everyOpAndLayoutEqualsTheScalarTwinBitForBit() {
        for (BinaryOp op : BinaryOp.values()) {
            for (int n : SIZES) {
                float[] a = input(n, n);
                float[] b = input(n, 100 + n);
                for (int i = 0; i < n; i += 5) {
                    b[i + 3] = a[i + 2]; // equal pairs for EQ and GE
                }
                for (int mode = 0; mode < 4; mode++) {
                    boolean as = (mode & 1) != 0;
                    boolean bs = (mode & 2) != 0;
                    float[] ys = new float[n + 3];
                    float[] yv = new float[n + 3];
                    Kernels.scalar().binary(op, a, 2, as, b, 3, bs, ys, 1, n);
                    Kernels.simd().binary(op, a, 2, as, b, 3, bs, yv, 1, n);
                    for (int i = 0; i < ys.length; i++) {
                        if (Float.isNaN(ys[i]) && Float.isNaN(yv[i])) {
                            continue;
                        }
                        assertEquals(Float.floatToRawIntBits(ys[i]), Float.floatToRawIntBits(yv[i]),
                                op + " mode=" + mode + " n=" + n + " at " + i + ": " + ys[i] + " vs " + yv[i]);
                    }
                }
            }
        }
    }
}
