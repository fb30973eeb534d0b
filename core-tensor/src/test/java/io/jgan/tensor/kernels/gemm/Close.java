package io.jgan.tensor.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

/** Test helpers shared by the GEMM and convolution tests: random inputs and a norm-aware comparison. */
public final class Close {
    private Close() {}

    /**
     * @param rnd the generator
     * @param n how many
     * @return standard normal floats
     */
    public static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    /**
     * Asserts that {@code actual} matches {@code expected} element-wise within {@code rel} of the
     * scale of the computation: {@code |e - a| <= rel * (|e| + scale)}, where {@code scale} is the RMS
     * of the expected values (so cancellation near zero does not demand impossible precision).
     */
    public static void assertClose(float[] expected, float[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double ss = 0;
        for (float e : expected) {
            ss += (double) e * e;
        }
        double scale = expected.length == 0 ? 0 : Math.sqrt(ss / expected.length);
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs((double) expected[i] - actual[i]);
            if (!(err <= rel * (Math.abs(expected[i]) + scale) + 1e-30)) {
                throw new AssertionError(what + ": element " + i + " expected " + expected[i] + " got " + actual[i]
                        + " (rms " + scale + ")");
            }
        }
    }
}
