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
    /** k steps per block of a transposing copy: NR x 64 floats = 8 KiB of destination, L1-resident. */
    static final int TRANSPOSE_BLOCK = 64;

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
                    // blocked over k like the transposed B below, for the same reason
                    for (int p0 = 0; p0 < kl; p0 += TRANSPOSE_BLOCK) {
                        int p1 = Math.min(kl, p0 + TRANSPOSE_BLOCK);
                        for (int r = 0; r < rows; r++) {
                            int src = aOff + (i0 + r) * lda + pc;
                            for (int p = p0; p < p1; p++) {
                                dst[d + p * MR + r] = a[src + p];
                            }
                        }
                        for (int r = rows; r < MR; r++) {
                            for (int p = p0; p < p1; p++) {
                                dst[d + p * MR + r] = 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs rows {@code [p0, p1)} of an untransposed B ({@code k x n}, row-major) into every strip.
     * Row by row the source is read sequentially; strip by strip, as {@link #packB} does, each k step
     * is a new row a whole leading dimension away (a new page for a wide matrix), which the hardware
     * prefetchers do not follow: measured 5 GB/s against this order's (see {@code SimdGemm}).
     */
    static void packBRows(float[] b, int bOff, int ldb, int n, int np, int k, int p0, int p1, float[] dst) {
        int full = n / NR;
        for (int p = p0; p < p1; p++) {
            int pc = p - p % KC;
            int kl = Math.min(KC, k - pc);
            int src = bOff + p * ldb;
            int d = pc * np + (p - pc) * NR;
            copyRow(b, src, dst, d, full, NR * kl);
            if (full * NR < n) {
                int j0 = full * NR;
                int dp = d + full * NR * kl;
                System.arraycopy(b, src + j0, dst, dp, n - j0);
                java.util.Arrays.fill(dst, dp + n - j0, dp + NR, 0f);
            }
        }
    }

    /** Copies {@code strips} runs of NR floats from one source row, a destination strip apart. */
    private static void copyRow(float[] b, int src, float[] dst, int d, int strips, int strideD) {
        for (int s = 0; s < strips; s++) {
            FloatVector.fromArray(S, b, src + s * NR).intoArray(dst, d + s * strideD);
            FloatVector.fromArray(S, b, src + s * NR + L).intoArray(dst, d + s * strideD + L);
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
                    // B stored n x k: each column of op(B) is a contiguous row. Transposed in blocks of
                    // TRANSPOSE_BLOCK k steps, so the destination rows being filled (8 KiB) stay in L1
                    // while all NR columns pass over them; column by column over the whole depth, every
                    // store went to L2 (a fifth of an MLP step).
                    int done = 0;
                    if (cols == NR && BlockTranspose.AVAILABLE) {
                        // whole N x N blocks in registers; the ragged end of k falls through below
                        int src = bOff + j0 * ldb + pc;
                        for (; done + BlockTranspose.N <= kl; done += BlockTranspose.N) {
                            for (int jh = 0; jh < NR; jh += BlockTranspose.N) {
                                BlockTranspose.transpose(b, src + jh * ldb + done, ldb, dst, d + done * NR + jh, NR);
                            }
                        }
                    }
                    for (int p0 = done; p0 < kl; p0 += TRANSPOSE_BLOCK) {
                        int p1 = Math.min(kl, p0 + TRANSPOSE_BLOCK);
                        for (int j = 0; j < cols; j++) {
                            int src = bOff + (j0 + j) * ldb + pc;
                            for (int p = p0; p < p1; p++) {
                                dst[d + p * NR + j] = b[src + p];
                            }
                        }
                        for (int j = cols; j < NR; j++) {
                            for (int p = p0; p < p1; p++) {
                                dst[d + p * NR + j] = 0f;
                            }
                        }
                    }
                }
            }
        }
    }
}
