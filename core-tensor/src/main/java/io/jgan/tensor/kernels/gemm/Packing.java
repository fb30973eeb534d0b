package io.jgan.tensor.kernels.gemm;

import static io.jgan.tensor.kernels.gemm.MicroKernel.L;
import static io.jgan.tensor.kernels.gemm.MicroKernel.MR;
import static io.jgan.tensor.kernels.gemm.MicroKernel.NR;
import static io.jgan.tensor.kernels.gemm.MicroKernel.S;
import static io.jgan.tensor.kernels.gemm.SimdGemm.KC;

import jdk.incubator.vector.FloatVector;

/**
 * Copies {@code op(A)} and {@code op(B)} into the panel layout {@link MicroKernel} reads.
 *
 * <p>Layout of packed A ({@code mp} = rows rounded up to MR): k block {@code pc} starts at
 * {@code pc * mp}; inside it, strip {@code s} (rows {@code s*MR ..}) starts at {@code s * MR * kl}
 * and holds element {@code (s*MR + r, pc + p)} at {@code p * MR + r}. Packed B is the same with
 * columns, NR and {@code np}. Rows and columns beyond the matrix are zero.
 */
final class Packing {
    private Packing() {}

    static void packA(boolean transA, float[] a, int aOff, int lda, int m, int k, int mp,
                      int s0, int s1, float[] dst) {
        for (int pc = 0; pc < k; pc += KC) {
            int kl = Math.min(KC, k - pc);
            for (int s = s0; s < s1; s++) {
                int i0 = s * MR;
                int rows = Math.min(MR, m - i0);
                int d = pc * mp + s * MR * kl;
                if (transA) {
                    // A stored k x m: the MR values of one k step are contiguous
                    for (int p = 0; p < kl; p++) {
                        int src = aOff + (pc + p) * lda + i0;
                        int dp = d + p * MR;
                        for (int r = 0; r < rows; r++) {
                            dst[dp + r] = a[src + r];
                        }
                        for (int r = rows; r < MR; r++) {
                            dst[dp + r] = 0f;
                        }
                    }
                } else {
                    for (int r = 0; r < rows; r++) {
                        int src = aOff + (i0 + r) * lda + pc;
                        for (int p = 0; p < kl; p++) {
                            dst[d + p * MR + r] = a[src + p];
                        }
                    }
                    for (int r = rows; r < MR; r++) {
                        for (int p = 0; p < kl; p++) {
                            dst[d + p * MR + r] = 0f;
                        }
                    }
                }
            }
        }
    }

    static void packB(boolean transB, float[] b, int bOff, int ldb, int n, int k, int np,
                      int s0, int s1, float[] dst) {
        for (int pc = 0; pc < k; pc += KC) {
            int kl = Math.min(KC, k - pc);
            for (int s = s0; s < s1; s++) {
                int j0 = s * NR;
                int cols = Math.min(NR, n - j0);
                int d = pc * np + s * NR * kl;
                if (!transB) {
                    for (int p = 0; p < kl; p++) {
                        int src = bOff + (pc + p) * ldb + j0;
                        int dp = d + p * NR;
                        if (cols == NR) {
                            FloatVector.fromArray(S, b, src).intoArray(dst, dp);
                            FloatVector.fromArray(S, b, src + L).intoArray(dst, dp + L);
                        } else {
                            System.arraycopy(b, src, dst, dp, cols);
                            java.util.Arrays.fill(dst, dp + cols, dp + NR, 0f);
                        }
                    }
                } else {
                    // B stored n x k: each column of op(B) is a contiguous row
                    for (int j = 0; j < cols; j++) {
                        int src = bOff + (j0 + j) * ldb + pc;
                        for (int p = 0; p < kl; p++) {
                            dst[d + p * NR + j] = b[src + p];
                        }
                    }
                    for (int j = cols; j < NR; j++) {
                        for (int p = 0; p < kl; p++) {
                            dst[d + p * NR + j] = 0f;
                        }
                    }
                }
            }
        }
    }
}
