package io.jgan.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fused Adam update: the vector form gives the scalar loop's bits, in every branch and size. */
class AdamKernelTest {
    @Test
    void updateMatchesTheScalarLoopBitForBit() {
        Random rnd = new Random(7);
        int[] sizes = {0, 1, 15, 16, 17, 33, 1000, 70_001, 3 * AdamKernel.GRAIN + 5}; // the last ones split into parallel chunks
        float[][] settings = {{0.1f, 0f}, {0.1f, 0.01f}, {0.6f, 0f}, {0.6f, 0.01f}}; // lerp branches x decay
        for (int n : sizes) {
            for (float[] s : settings) {
                float[] p = random(rnd, n + 3), g = random(rnd, n + 2), m = random(rnd, n), v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Math.abs(rnd.nextFloat()) * 1e-3f;
                }
                float[] p2 = p.clone(), m2 = m.clone(), v2 = v.clone();
                AdamKernel.update(p, 3, g, 2, m, v, n, s[0], 0.999f, 0.001f, -2e-4f, 0.0316f, 1e-8f, s[1]);
                AdamKernel.scalar(p2, 3, g, 2, m2, v2, 0, n, s[0], 0.999f, 0.001f, -2e-4f, 0.0316f, 1e-8f, s[1]);
                assertArrayEquals(p2, p, "params n=" + n);
                assertArrayEquals(m2, m, "exp_avg n=" + n);
                assertArrayEquals(v2, v, "exp_avg_sq n=" + n);
            }
        }
    }

    @Test
    void rejectsArraysThatAreTooShort() {
        float[] a = new float[4];
        assertThrows(IllegalArgumentException.class,
                () -> AdamKernel.update(a, 1, a, 0, a, a, 4, 0.1f, 0.999f, 0.001f, -1e-3f, 1f, 1e-8f, 0f));
    }

    private static float[] random(Random rnd, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) rnd.nextGaussian();
        }
        return f;
    }
}
