package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.ConvPass;

/**
 * The convolution as callers see it: each call runs the algorithm {@link ConvPlanner} chooses for its
 * geometry and pass. The bias gradient is not a convolution and has one implementation per kernel
 * family (the shared GEMM convolution's SIMD sum, or the scalar loops).
 */
final class PlannedConv implements Conv {
    private final boolean simd;

    /** @param simd plan for the SIMD kernels (false: the scalar reference, which takes every call) */
    PlannedConv(boolean simd) {
        this.simd = simd;
    }

    /** @return the kernels that run this call */
    Conv kernels(ConvGeometry g, ConvPass pass) {
        return ConvPlanner.choose(g, pass, simd).kernels();
    }

    @Override
    public void forward(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff,
                        float[] y, int yOff) {
        kernels(g, ConvPass.FORWARD).forward(g, x, xOff, w, wOff, bias, bOff, y, yOff);
    }

    @Override
    public void inputGrad(ConvGeometry g, float[] gy, int gyOff, float[] w, int wOff, float[] dx, int dxOff) {
        kernels(g, ConvPass.INPUT_GRAD).inputGrad(g, gy, gyOff, w, wOff, dx, dxOff);
    }

    @Override
    public void transposed(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff,
                           float[] y, int yOff) {
        kernels(g, ConvPass.TRANSPOSED).transposed(g, x, xOff, w, wOff, bias, bOff, y, yOff);
    }

    @Override
    public void weightGrad(ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] dw, int dwOff) {
        kernels(g, ConvPass.WEIGHT_GRAD).weightGrad(g, x, xOff, gy, gyOff, dw, dwOff);
    }

    @Override
    public void biasGrad(int n, int channels, int pixels, float[] gy, int gyOff, float[] db, int dbOff) {
        (simd ? Convs.gemm() : DirectConv.INSTANCE).biasGrad(n, channels, pixels, gy, gyOff, db, dbOff);
    }

    /** @return "planned-simd" or "planned-scalar": the algorithm is per call, see {@link ConvPlanner#algorithm} */
    @Override
    public String name() {
        return simd ? "planned-simd" : "planned-scalar";
    }
}
