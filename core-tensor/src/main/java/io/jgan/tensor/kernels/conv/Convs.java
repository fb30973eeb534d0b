package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.kernels.gemm.Gemms;

/**
 * Chooses a convolution implementation: {@link #direct()} (the scalar reference loops),
 * {@link #gemm()} (im2col + SIMD GEMM for every geometry) or {@link #simd()} (the same, except that
 * the geometries where {@link WinogradConv} pays go to Winograd F(4x4, 5x5), and the stride-2 ones
 * where {@link PolyphaseConv} pays to Winograd F(4x4, 3x3) over the four pixel phases). {@link #active()} is
 * {@link #simd()} unless {@code -Djgan.simd=false}, read once.
 */
public final class Convs {
    private static final Conv GEMM = new GemmConv(Gemms.simd());
    private static final Conv SIMD = new RoutedConv(GEMM, WinogradConv.INSTANCE, PolyphaseConv.INSTANCE);
    private static final Conv ACTIVE =
            io.jgan.tensor.JganProperties.SIMD ? SIMD : DirectConv.INSTANCE;

    private Convs() {}

    /** @return the direct scalar loops */
    public static Conv direct() {
        return DirectConv.INSTANCE;
    }

    /** @return im2col + SIMD GEMM, for every geometry */
    public static Conv gemm() {
        return GEMM;
    }

    /** @return the fastest SIMD path per geometry: Winograd (direct or polyphase) where it pays, else im2col + GEMM */
    public static Conv simd() {
        return SIMD;
    }

    /** @return the implementation selected by {@code -Djgan.simd} */
    public static Conv active() {
        return ACTIVE;
    }
}
