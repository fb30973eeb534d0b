package io.jgan.tensor.kernels;

/**
 * The element-wise and reduction kernel family. Every method works on contiguous runs of
 * {@code n} floats starting at the given offsets; input and output may be the same array
 * region (in-place). Implementations: {@link ScalarKernels} (the reference) and
 * {@link SimdKernels} (the Vector API).
 */
public interface Kernels {
    /** Selected once: {@code -Djgan.simd=false} forces the scalar twins. */
    boolean SIMD_ENABLED = io.jgan.tensor.JganProperties.SIMD;

    /** @return the implementation in use (SIMD unless {@code -Djgan.simd=false}) */
    static Kernels active() {
        return SIMD_ENABLED ? SimdKernels.INSTANCE : ScalarKernels.INSTANCE;
    }

    /** @return the scalar reference */
    static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /** @return the Vector API implementation */
    static Kernels simd() {
        return SimdKernels.INSTANCE;
    }

    /**
     * y[i] = op(x[i]; a, b).
     *
     * @param op the function
     * @param a first parameter (see {@link UnaryOp})
     * @param b second parameter
     * @param x input
     * @param xo input offset
     * @param y output
     * @param yo output offset
     * @param n element count
     */
    void unary(UnaryOp op, float a, float b, float[] x, int xo, float[] y, int yo, int n);

    /**
     * y[i] = op(a[i or 0], b[i or 0]): a scalar flag makes that operand one value repeated.
     *
     * @param op the function
     * @param a first operand
     * @param ao its offset
     * @param aScalar whether a is one repeated value
     * @param b second operand
     * @param bo its offset
     * @param bScalar whether b is one repeated value
     * @param y output
     * @param yo output offset
     * @param n element count
     */
    void binary(BinaryOp op, float[] a, int ao, boolean aScalar, float[] b, int bo, boolean bScalar,
                float[] y, int yo, int n);

    /**
     * y[i] = c[i] != 0 ? a[i] : b[i].
     *
     * @param c condition
     * @param co its offset
     * @param a value where true
     * @param ao its offset
     * @param b value where false
     * @param bo its offset
     * @param y output
     * @param yo output offset
     * @param n element count
     */
    void select(float[] c, int co, float[] a, int ao, float[] b, int bo, float[] y, int yo, int n);

    /**
     * y[i] += alpha * x[i].
     *
     * @param alpha scale
     * @param x input
     * @param xo its offset
     * @param y accumulator
     * @param yo its offset
     * @param n element count
     */
    void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n);

    /**
     * @param x input
     * @param xo offset
     * @param n count
     * @return the sum of the run (0 when empty)
     */
    float sum(float[] x, int xo, int n);

    /**
     * @param x input
     * @param xo offset
     * @param n count, positive
     * @return the largest value (NaN if any is NaN)
     */
    float max(float[] x, int xo, int n);

    /**
     * @param x input
     * @param xo offset
     * @param n count, positive
     * @return the smallest value (NaN if any is NaN)
     */
    float min(float[] x, int xo, int n);

    /**
     * @param a first input
     * @param ao offset
     * @param b second input
     * @param bo offset
     * @param n count
     * @return sum of a[i] * b[i]
     */
    float dot(float[] a, int ao, float[] b, int bo, int n);

    /**
     * The sum of squares in double precision (a gradient norm squared): finite for any finite input,
     * NaN or infinite iff an element is.
     *
     * @param x the array
     * @param xo offset
     * @param n element count
     * @return {@code sum x[i]^2}, each square and the sum in double
     */
    double sumOfSquares(float[] x, int xo, int n);

    /**
     * @param x the array
     * @param xo offset
     * @param n element count
     * @return true iff no element is NaN or infinite
     */
    boolean allFinite(float[] x, int xo, int n);
}
