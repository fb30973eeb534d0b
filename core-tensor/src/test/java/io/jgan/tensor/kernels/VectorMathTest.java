package io.jgan.tensor.kernels;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vector transcendentals against java.lang.Math, across their whole range and at the special values. */
class VectorMathTest {
    private static float[] lanes(float... v) {
        float[] a = new float[Species.FLOAT.length()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v[i % v.length];
        }
        return a;
    }

    private static void check(String name, java.util.function.UnaryOperator<FloatVector> f, java.util.function.DoubleUnaryOperator ref,
                              float... xs) {
        float[] in = lanes(xs);
        float[] out = f.apply(FloatVector.fromArray(Species.FLOAT, in, 0)).toArray();
        for (int i = 0; i < in.length; i++) {
            float want = (float) ref.applyAsDouble(in[i]);
            if (Float.isNaN(want)) {
                assertTrue(Float.isNaN(out[i]), name + "(" + in[i] + ") = " + out[i] + ", want NaN");
            } else if (Float.isInfinite(want) || want == 0f) {
                assertEquals(want, out[i], 1e-37f, name + "(" + in[i] + ")");
            } else {
                float ulp2 = 2 * Math.ulp(want);
                assertEquals(want, out[i], Math.max(ulp2, 2e-7f * Math.abs(want)), name + "(" + in[i] + ")");
            }
        }
    }

    @Test
    void expMatchesMathEverywhere() {
        check("exp", VectorMath::exp, Math::exp, 0f, 1f, -1f, 0.5f, 10f, -10f, 88f, -87f, 88.5f, -88f, -100f, 100f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e-8f, -1e-8f, 3.3f);
        for (float x = -87f; x < 88f; x += 0.37f) {
            check("exp", VectorMath::exp, Math::exp, x, x + 0.1f, x + 0.2f, x + 0.3f);
        }
    }

    @Test
    void logMatchesMathEverywhere() {
        check("log", VectorMath::log, Math::log, 1f, 2f, 0.5f, 1e-30f, 1e30f, Float.MIN_VALUE, 1e-40f, Float.MIN_NORMAL,
                0f, -1f, Float.POSITIVE_INFINITY, Float.NaN, 0.70710677f, 0.70710683f, 1.0000001f, 0.9999999f);
        for (float x = 1e-6f; x < 1e6f; x *= 1.37f) {
            check("log", VectorMath::log, Math::log, x, x * 1.1f, x * 1.2f, x * 1.3f);
        }
    }

    @Test
    void tanhAndLog1pMatchMath() {
        check("tanh", VectorMath::tanh, Math::tanh, 0f, 1e-6f, -1e-6f, 0.3f, 0.624f, 0.626f, -0.7f, 2f, -5f, 9f, 20f, -50f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN);
        for (float x = -9f; x < 9f; x += 0.013f) {
            check("tanh", VectorMath::tanh, Math::tanh, x, x + 0.003f, x + 0.006f, x + 0.009f);
        }
        check("log1p", VectorMath::log1p, Math::log1p, 0f, 1e-10f, 1e-7f, 1e-4f, 0.1f, 0.5f, 1f, 3f, 1e5f);
    }

    @Test
    void laneSumIsInLaneOrder() {
        float[] in = lanes(1e8f, 1f, -1e8f, 1f);
        float expected = 0f;
        for (float v : in) {
            expected += v;
        }
        assertEquals(expected, VectorMath.sum(FloatVector.fromArray(Species.FLOAT, in, 0)), 0f);
    }
}
