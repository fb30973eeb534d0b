package io.jgan.tensor.kernels.gemm;

/**
 * The reference GEMM: plain loops, no blocking, single-threaded. The loop order keeps the innermost
 * loop on contiguous memory where the layout allows it (i-k-j for {@code B} not transposed, a dot
 * product over k otherwise), so it is slow but not pathologically so.
 */
public final class ScalarGemm implements Gemm {
    /** The shared instance (stateless). */
    public static final ScalarGemm INSTANCE = new ScalarGemm();

    private ScalarGemm() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        Gemm.checkArgs(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] = beta == 0f ? 0f : beta * c[ci + j];
            }
            if (alpha == 0f) {
                continue;
            }
            if (!transB) {
                for (int p = 0; p < k; p++) {
                    float aip = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            } else {
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        s += (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]) * b[bj + p];
                    }
                    c[ci + j] += alpha * s;
                }
            }
        }
    }
}
