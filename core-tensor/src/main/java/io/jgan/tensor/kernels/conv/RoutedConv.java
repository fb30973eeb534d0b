package io.jgan.tensor.kernels.conv;

/**
 * The SIMD convolution as callers see it: each call goes to {@link FewChannelConv} when the input
 * has at most 4 channels, to {@link WinogradConv} when it {@linkplain WinogradConv#pays pays} for
 * the geometry, to {@link PolyphaseConv} (stride 2 as Winograd over the pixel phases) when that
 * {@linkplain PolyphaseConv#pays pays}, and to im2col +
 * GEMM otherwise. Every pass
 * of one geometry (forward, input gradient, weight gradient) takes the same route, so the gradients
 * are those of the forward pass that ran. The name stays the GEMM's: reports and benchmarks call
 * this path "gemm-simd", and Winograd and the few-channel kernels are internal choices within it.
 */
final class RoutedConv implements Conv {
    private final Conv gemm;
    private final Conv winograd;
    private final Conv polyphase;

    RoutedConv(Conv gemm, Conv winograd, Conv polyphase) {
        this.gemm = gemm;
        this.winograd = winograd;
        this.polyphase = polyphase;
    }

    Conv route(ConvGeometry g) {
        if (FewChannelConv.pays(g)) {
            return FewChannelConv.INSTANCE;
        }
        return WinogradConv.pays(g) ? winograd : PolyphaseConv.pays(g) ? polyphase : gemm;
    }

    @Override
    public void forward(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff,
                        float[] y, int yOff) {
        route(g).forward(g, x, xOff, w, wOff, bias, bOff, y, yOff);
    }

    @Override
    public void inputGrad(ConvGeometry g, float[] gy, int gyOff, float[] w, int wOff, float[] dx, int dxOff) {
        route(g).inputGrad(g, gy, gyOff, w, wOff, dx, dxOff);
    }

    @Override
    public void transposed(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff,
                           float[] y, int yOff) {
        route(g).transposed(g, x, xOff, w, wOff, bias, bOff, y, yOff);
    }

    @Override
    public void weightGrad(ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] dw, int dwOff) {
        route(g).weightGrad(g, x, xOff, gy, gyOff, dw, dwOff);
    }

    @Override
    public void biasGrad(int n, int channels, int pixels, float[] gy, int gyOff, float[] db, int dbOff) {
        gemm.biasGrad(n, channels, pixels, gy, gyOff, db, dbOff);
    }

    @Override
    public String name() {
        return gemm.name();
    }
}
