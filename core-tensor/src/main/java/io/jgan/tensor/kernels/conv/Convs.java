package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.kernels.gemm.Gemms;

/**
 * Chooses a convolution implementation: {@link #direct()} (the scalar reference loops) or
 * {@link #gemm()} (im2col + SIMD GEMM). {@link #active()} is the GEMM one unless
 * {@code -Djgan.simd=false}, read once.
 */
public final class Convs {
    private static final Conv GEMM = new GemmConv(Gemms.simd());
    private static final Conv ACTIVE =
            Boolean.parseBoolean(System.getProperty("jgan.simd", "true")) ? GEMM : DirectConv.INSTANCE;

    private Convs() {}

    /** @return the direct scalar loops */
    public static Conv direct() {
        return DirectConv.INSTANCE;
    }

    /** @return im2col + SIMD GEMM */
    public static Conv gemm() {
        return GEMM;
    }

    /** @return the implementation selected by {@code -Djgan.simd} */
    public static Conv active() {
        return ACTIVE;
    }
}
