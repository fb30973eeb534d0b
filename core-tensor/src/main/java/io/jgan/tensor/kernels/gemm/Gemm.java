package io.jgan.tensor.kernels.gemm;

/**
 * A BLAS-like single-precision matrix multiply on row-major arrays:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is {@code X} or its transpose.
 *
 * <p>{@code op(A)} is {@code m x k}, {@code op(B)} is {@code k x n}, {@code C} is {@code m x n}. Element
 * {@code (i, j)} of a row-major matrix {@code X} with leading dimension {@code ldx} sits at
 * {@code x[xOff + i * ldx + j]}; when {@code transA} is set, {@code A} itself is stored {@code k x m}.
 * A {@code beta} of zero overwrites {@code C} without reading it (so NaNs in {@code C} do not leak).
 * Implementations must give bit-identical results for any {@link io.jgan.tensor.Parallel} thread
 * count.
 */
public interface Gemm {
    /**
     * Computes {@code C = alpha * op(A) * op(B) + beta * C}.
     *
     * @param transA whether {@code A} is stored transposed ({@code k x m})
     * @param transB whether {@code B} is stored transposed ({@code n x k})
     * @param m rows of {@code op(A)} and {@code C}
     * @param n columns of {@code op(B)} and {@code C}
     * @param k columns of {@code op(A)}, rows of {@code op(B)}
     * @param alpha scale of the product
     * @param a storage of {@code A}
     * @param aOff offset of {@code A(0,0)}
     * @param lda leading dimension (row stride) of {@code A} as stored
     * @param b storage of {@code B}
     * @param bOff offset of {@code B(0,0)}
     * @param ldb leading dimension of {@code B} as stored
     * @param beta scale of the previous {@code C}; zero means overwrite
     * @param c storage of {@code C}
     * @param cOff offset of {@code C(0,0)}
     * @param ldc leading dimension of {@code C}
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    /** @return a short name for reports and benchmarks ("scalar", "simd") */
    String name();

    /**
     * Checks the arguments of {@link #gemm} and throws {@link IllegalArgumentException} describing
     * the first problem found. Shared by the implementations so that they fail alike.
     */
    static void checkArgs(boolean transA, boolean transB, int m, int n, int k,
                          float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
        checkMatrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("C", c, cOff, ldc, m, n);
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        if (x == null) {
            throw new IllegalArgumentException("gemm: " + name + " is null");
        }
        if (ld < cols) {
            throw new IllegalArgumentException("gemm: leading dimension of " + name + " is " + ld
                    + " but it has " + cols + " columns");
        }
        long last = (long) off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IllegalArgumentException("gemm: " + name + " (" + rows + "x" + cols + ", offset " + off
                    + ", ld " + ld + ") does not fit in an array of " + x.length);
        }
    }
}
