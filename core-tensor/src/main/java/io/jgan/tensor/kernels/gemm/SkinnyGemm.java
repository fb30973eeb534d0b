package io.jgan.tensor.kernels.gemm;

import static io.jgan.tensor.kernels.gemm.MicroKernel.MR;
import static io.jgan.tensor.kernels.gemm.MicroKernel.NR;
import static io.jgan.tensor.kernels.gemm.SimdGemm.KC;

import io.jgan.tensor.Parallel;
import jdk.incubator.vector.FloatVector;

/**
 * {@link SimdGemm}'s path for a short, wide product: few rows of C (a batch of 64) against a large
 * B (a fully connected layer's weights, 6.4M floats in the MNIST GAN). The packed path copies all of
 * B into panels on every call and then reads every panel only {@code m / MR} times; the copy moved
 * as many bytes as the product and took as long as a third of it (profile of the MNIST-GAN step:
 * 14% of the step in weight packing). Here B is read in place and only the small operand is packed:
 *
 * <ul>
 *   <li>B stored {@code n x k} (a linear layer's forward, {@code x W^T}): computed as
 *       {@code C^T = B op(A)^T}, the rows of B feeding {@link DirectKernels#directA}; the
 *       {@code n x m} result is transposed into C chunk by chunk, while it is still in cache.
 *   <li>B stored {@code k x n} (the input gradient, {@code g W}): {@link DirectKernels#directB}
 *       loads each strip's rows of B directly; a ragged last strip is packed.
 * </ul>
 * Work is split into chunks of the large dimension whose number depends only on the shape, and K is
 * never split, so the result is the same for any thread count.
 */
final class SkinnyGemm {
    /** Most rows of C for this path: the packed path reuses a B panel over more rows than this. */
    static final int MAX_M = 64;
    /**
     * Fewest elements of B for this path (64 KiB). Measured (1 thread, medians): every GAN-sized
     * product with 64 rows ran 0-30% faster here than packed (64x256x784 134 -> 155 GFLOP/s,
     * 64x784x256 transposed 134 -> 158), the 6.4M-weight layers 1.5-2x; only tiny products, where
     * either way costs microseconds, stay on the packed path.
     */
    static final long MIN_B = 1L << 14;
    /** Row strips of B per chunk when B is stored {@code n x k} (128 rows). */
    private static final int CHUNK_ROW_STRIPS = 16;
    /** Most column strips of B per chunk when B is stored {@code k x n} (256 columns). */
    private static final int CHUNK_COL_STRIPS = 8;
    /**
     * Chunks to aim for when B is stored {@code k x n}, so that two threads share even a 256-wide B
     * (8 strips: as one chunk, 64x784x256 ran at the same 160 GFLOP/s on 2 threads as on 1).
     */
    private static final int MIN_COL_CHUNKS = 8;

    /** Row strides (in floats) that are multiples of this (1 KiB) alias in the caches. */
    private static final int CRITICAL_STRIDE = 256;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private SkinnyGemm() {}

    /** @return whether a product of this shape takes this path */
    static boolean applies(int m, int n, int k) {
        return m <= MAX_M && (long) n * k >= MIN_B;
    }

    /** {@code C = alpha op(A) op(B) + beta C}; arguments as for {@link Gemm#gemm}, already checked. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc, boolean parallel) {
        if (transB) {
            rowsOfB(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, parallel);
        } else {
            columnsOfB(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, parallel);
        }
    }

    private static void rowsOfB(boolean transA, int m, int n, int k, float alpha,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc, boolean parallel) {
        final int np = (m + NR - 1) / NR * NR;
        final int panels = np / NR;
        Workspace ws = WORKSPACE.get();
        // op(A)^T (k x m) is the right operand of C^T = B op(A)^T
        final float[] pb = ws.small(k * np);
        if (transA) {
            Packing.packBRows(a, aOff, lda, m, np, k, 0, k, pb);
        } else {
            Packing.packB(true, a, aOff, lda, m, k, np, 0, panels, pb);
        }
        final float[] ct = ws.out(n * np);
        final int strips = (n + MR - 1) / MR;
        Parallel.ChunkBody body = ch -> {
            int s0 = ch * CHUNK_ROW_STRIPS;
            int s1 = Math.min(strips, s0 + CHUNK_ROW_STRIPS);
            float[] t = WORKSPACE.get().tile;
            for (int pc = 0; pc < k; pc += KC) {
                int kl = Math.min(KC, k - pc);
                float betaBlock = pc == 0 ? 0f : 1f;
                for (int s = s0; s < s1; s++) {
                    int i0 = s * MR;
                    int rows = Math.min(MR, n - i0);
                    for (int q = 0; q < panels; q++) {
                        DirectKernels.directA(kl, b, bOff + i0 * ldb + pc, ldb, rows, pb, pc * np + q * NR * kl,
                                ct, i0 * np + q * NR, np, Math.min(NR, m - q * NR), alpha, betaBlock, t);
                    }
                }
            }
            transposeInto(ct, np, m, s0 * MR, Math.min(n, s1 * MR), beta, c, cOff, ldc);
        };
        SimdGemm.run(parallel, (strips + CHUNK_ROW_STRIPS - 1) / CHUNK_ROW_STRIPS, body);
    }

    private static void columnsOfB(boolean transA, int m, int n, int k, float alpha,
                                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                   float beta, float[] c, int cOff, int ldc, boolean parallel) {
        final int mp = (m + MR - 1) / MR * MR;
        final int mStrips = mp / MR;
        Workspace ws = WORKSPACE.get();
        final int full = n / NR;
        final int strips = (n + NR - 1) / NR;
        // rows a multiple of 1 KiB apart fall into a few cache sets: the strip's rows then evict each
        // other before the next row strip of A reuses them (measured 10% slower than packing all of B
        // for a 1024-wide B), so each chunk copies its block of B into a contiguous buffer first
        final boolean criticalStride = ldb % CRITICAL_STRIDE == 0;
        // with B packed per chunk, an untransposed A is read in place (DirectKernels.directA, same
        // sums): packing it was serial work before the threads start, 46 of 134 us on 2 threads for
        // 64x784x256 (A streams from L3 after the previous call's B evicted it)
        final boolean aInPlace = criticalStride && !transA;
        final float[] pa;
        if (aInPlace) {
            pa = null;
        } else {
            pa = ws.small(mp * k);
            Packing.packA(transA, a, aOff, lda, m, k, mp, 0, mStrips, pa);
        }
        final float[] edge;
        if (full < strips && !criticalStride) {
            edge = ws.out(k * NR);
            Packing.packB(false, b, bOff + full * NR, ldb, n - full * NR, k, NR, 0, 1, edge);
        } else {
            edge = null;
        }
        // strips per chunk from the shape alone (never the thread count), so the sums do not change
        final int per = Math.max(1, Math.min(CHUNK_COL_STRIPS, (strips + MIN_COL_CHUNKS - 1) / MIN_COL_CHUNKS));
        Parallel.ChunkBody body = ch -> {
            int s0 = ch * per;
            int s1 = Math.min(strips, s0 + per);
            Workspace own = WORKSPACE.get();
            float[] t = own.tile;
            float[] local = criticalStride ? own.local(Math.min(KC, k) * per * NR) : null;
            for (int pc = 0; pc < k; pc += KC) {
                int kl = Math.min(KC, k - pc);
                float betaBlock = pc == 0 ? beta : 1f;
                if (local != null) {
                    packLocal(b, bOff + pc * ldb, ldb, n, kl, s0, s1, local);
                }
                for (int s = s0; s < s1; s++) {
                    int j0 = s * NR;
                    for (int ms = 0; ms < mStrips; ms++) {
                        int i0 = ms * MR;
                        int rows = Math.min(MR, m - i0);
                        int ai = pc * mp + ms * MR * kl;
                        if (pa == null) {
                            DirectKernels.directA(kl, a, aOff + i0 * lda + pc, lda, rows, local, (s - s0) * NR * kl,
                                    c, cOff + i0 * ldc + j0, ldc, Math.min(NR, n - j0), alpha, betaBlock, t);
                        } else if (local != null) {
                            MicroKernel.kernel(kl, pa, ai, local, (s - s0) * NR * kl,
                                    c, cOff + i0 * ldc + j0, ldc, rows, Math.min(NR, n - j0), alpha, betaBlock, t);
                        } else if (s < full) {
                            DirectKernels.directB(kl, pa, ai, b, bOff + pc * ldb + j0, ldb,
                                    c, cOff + i0 * ldc + j0, ldc, rows, alpha, betaBlock, t);
                        } else {
                            MicroKernel.kernel(kl, pa, ai, edge, pc * NR,
                                    c, cOff + i0 * ldc + j0, ldc, rows, n - j0, alpha, betaBlock, t);
                        }
                    }
                }
            }
        };
        SimdGemm.run(parallel, (strips + per - 1) / per, body);
    }

    /**
     * Packs rows {@code [0, kl)} of the column strips {@code [s0, s1)} of B (row-major from
     * {@code from}) into {@code dst}, strip after strip, zero-padding a ragged last strip.
     */
    private static void packLocal(float[] b, int from, int ldb, int n, int kl, int s0, int s1, float[] dst) {
        int full = Math.min(s1, n / NR);
        for (int p = 0; p < kl; p++) {
            int src = from + p * ldb;
            for (int s = s0; s < full; s++) {
                copyStrip(b, src + s * NR, dst, (s - s0) * NR * kl + p * NR);
            }
            for (int s = Math.max(s0, full); s < s1; s++) {
                int j0 = s * NR;
                int d = (s - s0) * NR * kl + p * NR;
                int cols = n - j0;
                System.arraycopy(b, src + j0, dst, d, cols);
                java.util.Arrays.fill(dst, d + cols, d + NR, 0f);
            }
        }
    }

    private static void copyStrip(float[] b, int src, float[] dst, int d) {
        FloatVector.fromArray(MicroKernel.S, b, src).intoArray(dst, d);
        FloatVector.fromArray(MicroKernel.S, b, src + MicroKernel.L).intoArray(dst, d + MicroKernel.L);
    }

    /** {@code C[i, j] = ct[j * ldt + i] + beta C[i, j]} for {@code i < m}, {@code j0 <= j < j1}. */
    private static void transposeInto(float[] ct, int ldt, int m, int j0, int j1, float beta,
                                      float[] c, int cOff, int ldc) {
        int blockedI = 0;
        int blockedJ = j0;
        if (beta == 0f && BlockTranspose.AVAILABLE) {
            int n16 = BlockTranspose.N;
            blockedI = m - m % n16;
            blockedJ = j0 + (j1 - j0) - (j1 - j0) % n16;
            for (int i = 0; i < blockedI; i += n16) {
                for (int j = j0; j < blockedJ; j += n16) {
                    BlockTranspose.transpose(ct, j * ldt + i, ldt, c, cOff + i * ldc + j, ldc);
                }
            }
        }
        // whatever the blocks did not cover: the ragged rows, then the ragged columns of the rest
        for (int i = 0; i < m; i++) {
            int from = i < blockedI ? blockedJ : j0;
            int ci = cOff + i * ldc;
            for (int j = from; j < j1; j++) {
                float v = ct[j * ldt + i];
                c[ci + j] = beta == 0f ? v : v + beta * c[ci + j];
            }
        }
    }

    /** Per-thread buffers, grown on demand and kept for the next call. */
    private static final class Workspace {
        private float[] small = new float[0];
        private float[] out = new float[0];
        private float[] local = new float[0];
        final float[] tile = new float[MR * NR];

        float[] local(int size) {
            if (local.length < size) {
                local = new float[size];
            }
            return local;
        }

        float[] small(int size) {
            if (small.length < size) {
                small = new float[size];
            }
            return small;
        }

        float[] out(int size) {
            if (out.length < size) {
                out = new float[size];
            }
            return out;
        }
    }
}
