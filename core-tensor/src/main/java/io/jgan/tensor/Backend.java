package io.jgan.tensor;

import io.jgan.tensor.kernels.Kernels;
import io.jgan.tensor.kernels.Species;

/** What the numeric core runs on: SIMD or scalar kernels, the vector species and lanes, the thread count. */
public final class Backend {
    private Backend() {}

    /** @return true unless {@code -Djgan.simd=false} forced the scalar twins */
    public static boolean simd() {
        return Kernels.SIMD_ENABLED;
    }

    /** @return the float vector species in use, e.g. "Species[float, 16, S_512_BIT]" */
    public static String species() {
        return Species.FLOAT.toString();
    }

    /** @return floats per vector */
    public static int lanes() {
        return Species.FLOAT.length();
    }

    /**
     * @return the detected hardware the kernels are shaped by and the shapes chosen, one line each with
     *     the reason (for {@code jgan info})
     */
    public static java.util.List<String> kernelShapes() {
        var lines = new java.util.ArrayList<>(Hardware.describe());
        lines.addAll(io.jgan.tensor.kernels.gemm.GemmShape.describe());
        lines.addAll(io.jgan.tensor.kernels.conv.ConvShapes.describe());
        return lines;
    }

    /** @return threads used by parallel kernels (the caller included) */
    public static int threads() {
        return Parallel.threads();
    }
}
