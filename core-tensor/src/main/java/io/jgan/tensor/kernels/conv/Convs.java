package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.kernels.gemm.Gemms;

/**
 * Chooses a convolution implementation: {@link #direct()} (the scalar reference loops),
 * {@link #gemm()} (im2col + SIMD GEMM for every geometry, the one instance every fallback shares),
 * {@link #simd()} (per call, the algorithm {@link ConvPlanner} chooses for the geometry and pass) and
 * {@link #scalar()} (the same planner asked for the scalar kernels, so the direct loops). {@link #active()}
 * is {@link #simd()} unless {@code -Djgan.simd=false}, read once.
 */
public final class Convs {
    private static final Conv GEMM = new GemmConv(Gemms.simd());
    private static final Conv SIMD = new PlannedConv(true);
    private static final Conv SCALAR = new PlannedConv(false);
    private static final Conv ACTIVE =
            io.jgan.tensor.JganProperties.SIMD ? SIMD : SCALAR;

    private Convs() {}

    /** @return the direct scalar loops */
    public static Conv direct() {
        return DirectConv.INSTANCE;
    }

    /** @return im2col + SIMD GEMM, for every geometry (the shared instance) */
    public static Conv gemm() {
        return GEMM;
    }

    /** @return the SIMD kernels, each call running the algorithm {@link ConvPlanner} chooses for it */
    public static Conv simd() {
        return SIMD;
    }

    /** @return the scalar kernels through the planner: the direct loops for every call */
    public static Conv scalar() {
        return SCALAR;
    }

    /** @return the implementation selected by {@code -Djgan.simd} */
    public static Conv active() {
        return ACTIVE;
    }
}
