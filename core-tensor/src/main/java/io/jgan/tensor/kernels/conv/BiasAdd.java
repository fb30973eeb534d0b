package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.Parallel;
import io.jgan.tensor.kernels.Species;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Adds a bias per channel to NCHW planes in place, in parallel over the planes. */
final class BiasAdd {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    /** Least floats per parallel chunk: below this a second thread costs more than it saves. */
    private static final int GRAIN = 1 << 15;

    private BiasAdd() {}

    /**
     * {@code y[i, c, p] += bias[c]} for {@code n} images of {@code channels} planes of {@code pixels}.
     * Each element gets one addition, so the result does not depend on the thread count.
     */
    static void planes(int n, int channels, int pixels, float[] bias, int bOff, float[] y, int yOff) {
        int planes = n * channels;
        Parallel.forRange(planes, Math.max(1, GRAIN / Math.max(1, pixels)), (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                plane(bias[bOff + p % channels], y, yOff + p * pixels, pixels);
            }
        });
    }

    private static void plane(float b, float[] y, int from, int pixels) {
        int i = 0;
        for (int bound = S.loopBound(pixels); i < bound; i += S.length()) {
            FloatVector.fromArray(S, y, from + i).add(b).intoArray(y, from + i);
        }
        for (; i < pixels; i++) {
            y[from + i] += b;
        }
    }
}
