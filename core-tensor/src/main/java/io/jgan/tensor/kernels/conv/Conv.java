package io.jgan.tensor.kernels.conv;

/**
 * A 2-D convolution family on NCHW arrays (weights OIHW): the forward pass and its adjoints. All
 * methods overwrite their output. Implementations give bit-identical results for any
 * {@link io.jgan.tensor.Parallel} thread count.
 */
public interface Conv {
    /**
     * {@code y = conv2d(x, w) + bias}.
     *
     * @param g the geometry
     * @param x input, {@code [n, cin, h, w]} from {@code xOff}
     * @param xOff offset of x
     * @param w weights, {@code [cout, cin, kh, kw]} from {@code wOff}
     * @param wOff offset of w
     * @param bias per-output-channel bias from {@code bOff}, or null for none
     * @param bOff offset of bias
     * @param y output, {@code [n, cout, ho, wo]} from {@code yOff}
     * @param yOff offset of y
     */
    void forward(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff, float[] y, int yOff);

    /**
     * {@code dx = conv2d_x^T(gy, w)}: the gradient of {@code sum(gy * conv2d(x, w))} with respect to
     * {@code x}, which is also the transposed convolution of {@code gy}.
     *
     * @param g the geometry (of the forward convolution)
     * @param gy upstream gradient, {@code [n, cout, ho, wo]}
     * @param gyOff offset of gy
     * @param w weights, {@code [cout, cin, kh, kw]}
     * @param wOff offset of w
     * @param dx output, {@code [n, cin, h, w]}
     * @param dxOff offset of dx
     */
    void inputGrad(ConvGeometry g, float[] gy, int gyOff, float[] w, int wOff, float[] dx, int dxOff);

    /**
     * The transposed convolution {@code y = conv2d_x^T(x, w) + bias}: {@link #inputGrad} of {@code x}
     * plus a bias per channel of the result (an input channel of {@code g}). This default adds the
     * bias in a second parallel pass; implementations that write the result tile by tile add it
     * as they write.
     *
     * @param g the geometry of the forward convolution whose input gradient this is
     * @param x input, {@code [n, cout, ho, wo]} of {@code g}
     * @param xOff offset of x
     * @param w weights, {@code [cout, cin, kh, kw]} of {@code g}
     * @param wOff offset of w
     * @param bias per-channel bias ({@code cin} of {@code g}) from {@code bOff}, or null for none
     * @param bOff offset of bias
     * @param y output, {@code [n, cin, h, w]} of {@code g}
     * @param yOff offset of y
     */
    default void transposed(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff,
                            float[] y, int yOff) {
        inputGrad(g, x, xOff, w, wOff, y, yOff);
        if (bias != null) {
            BiasAdd.planes(g.n(), g.cin(), g.h() * g.w(), bias, bOff, y, yOff);
        }
    }

    /**
     * {@code dw = sum over the batch of gy (x) im2col(x)}: the gradient with respect to the weights.
     *
     * @param g the geometry
     * @param x input, {@code [n, cin, h, w]}
     * @param xOff offset of x
     * @param gy upstream gradient, {@code [n, cout, ho, wo]}
     * @param gyOff offset of gy
     * @param dw output, {@code [cout, cin, kh, kw]}
     * @param dwOff offset of dw
     */
    void weightGrad(ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] dw, int dwOff);

    /**
     * {@code db[c] = sum over n, y, x of gy[n, c, y, x]}: the gradient with respect to a per-channel
     * bias (for a transposed convolution, pass its output geometry).
     *
     * @param n batch size
     * @param channels channels of gy
     * @param pixels pixels per channel
     * @param gy upstream gradient, {@code [n, channels, pixels]}
     * @param gyOff offset of gy
     * @param db output, {@code [channels]}
     * @param dbOff offset of db
     */
    void biasGrad(int n, int channels, int pixels, float[] gy, int gyOff, float[] db, int dbOff);

    /**
     * @return the implementation's name: "direct", "gemm-simd", "fewch", "winograd", ..., or "planned-simd" for
     *     the planner's per-call choice (whose algorithm names {@link ConvPlanner#algorithm} gives)
     */
    String name();
}
