package io.jgan.tensor.kernels.gemm;

import static io.jgan.tensor.kernels.gemm.MicroKernel.MR;
import static io.jgan.tensor.kernels.gemm.MicroKernel.NR;

import io.jgan.tensor.Parallel;

/**
 * The fast GEMM: both operands are packed into zero-padded panels, then C is computed tile by tile
 * with the {@link MicroKernel} in the BLIS loop order.
 *
 * <p>Packing lays {@code op(A)} out as strips of {@link MicroKernel#MR} rows and {@code op(B)} as
 * strips of {@link MicroKernel#NR} columns, each strip k-major within a k block of {@link #KC}, so
 * the micro-kernel reads both with unit stride and never masks; the transposes are absorbed here.
 * The k blocks are deep ({@link #KC}, sized to L2 by {@link GemmShape}): the micro-kernel then updates C rarely (each update costs a
 * round trip of the accumulators), while both strips stream from L2 at a rate it absorbs easily
 * (160 bytes per 16 FMAs). A tile's A block (at most {@link #TILE_M_STRIPS} strips, half of L2) and
 * one B strip (a sixteenth of L2) fit L2. Measured (CPU time, 1 thread): 10-20% faster than 128-deep
 * blocks that keep the B strip in L1.
 *
 * <p>Parallelism: packing is split into fixed units and C into tiles whose count depends only on the
 * problem shape, never on the thread count, and K is never split, so every element of C is
 * computed by the same sequence of operations whatever the number of threads. Small problems run on
 * the calling thread. Packing buffers are per calling thread and reused across calls.
 */
public final class SimdGemm implements Gemm {
    /** The shared instance (stateless; buffers are per thread). */
    public static final SimdGemm INSTANCE = new SimdGemm();

    /** Columns of a packed B panel (the micro-kernel width), for callers that pack B themselves. */
    public static final int PANEL_COLS = NR;
    /** Rows of a packed A panel (the micro-kernel height), for callers that pack A themselves. */
    public static final int PANEL_ROWS = MR;
    /** Depth of a packed k block, for callers that pack B themselves. */
    public static final int DEPTH_BLOCK = GemmShape.KC;

    /** Depth of a k block (see the class comment for why it is deep). */
    static final int KC = DEPTH_BLOCK;
    /** Most A strips in one tile: at most half of L2 of packed A (256 rows x KC floats = 1 MiB with a 2 MiB L2). */
    static final int TILE_M_STRIPS = GemmShape.TILE_M_STRIPS;
    /** Most B strips in one tile: 512 columns. */
    static final int TILE_N_STRIPS = GemmShape.TILE_N_STRIPS;
    /** Fewest tiles to aim for when the problem is worth running in parallel. */
    static final int MIN_TILES = 4;
    /** Below this many flops a problem runs on the calling thread (the fork costs ~20 us). */
    static final long PARALLEL_FLOPS = 3L << 20;
    /** A strips per packing unit. */
    private static final int PACK_A_STRIPS = 8;
    /** B strips per packing unit. */
    private static final int PACK_B_STRIPS = 2;
    /** Rows of an untransposed B per packing unit. */
    private static final int PACK_B_ROWS = 64;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private SimdGemm() {}

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        Gemm.checkArgs(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        if (SkinnyGemm.applies(m, n, k)) {
            // a batch of rows against a large weight matrix: read B in place instead of packing it
            SkinnyGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    2L * m * n * k >= PARALLEL_FLOPS);
            return;
        }
        final int mStrips = (m + MR - 1) / MR;
        final int nStrips = (n + NR - 1) / NR;
        final int mp = mStrips * MR;
        final int np = nStrips * NR;
        Workspace ws = WORKSPACE.get();
        final float[] pa = ws.packA(mp * k);
        final float[] pb = ws.packB(k * np);
        final boolean parallel = 2L * m * n * k >= PARALLEL_FLOPS;

        int aUnits = (mStrips + PACK_A_STRIPS - 1) / PACK_A_STRIPS;
        // an untransposed B is packed by rows (sequential reads), a transposed one by strips
        int bUnits = transB ? (nStrips + PACK_B_STRIPS - 1) / PACK_B_STRIPS : (k + PACK_B_ROWS - 1) / PACK_B_ROWS;
        Parallel.ChunkBody pack = u -> {
            if (u < aUnits) {
                int s0 = u * PACK_A_STRIPS;
                Packing.packA(transA, a, aOff, lda, m, k, mp, s0, Math.min(mStrips, s0 + PACK_A_STRIPS), pa);
            } else if (transB) {
                int s0 = (u - aUnits) * PACK_B_STRIPS;
                Packing.packB(true, b, bOff, ldb, n, k, np, s0, Math.min(nStrips, s0 + PACK_B_STRIPS), pb);
            } else {
                int p0 = (u - aUnits) * PACK_B_ROWS;
                Packing.packBRows(b, bOff, ldb, n, np, k, p0, Math.min(k, p0 + PACK_B_ROWS), pb);
            }
        };
        run(parallel, aUnits + bUnits, pack);

        multiplyPacked(m, n, k, alpha, pa, 0, pb, 0, beta, c, cOff, ldc, parallel);
    }

    /** @return floats of packed {@code op(A)} ({@code m x k}): rows rounded up to the micro-kernel height */
    public static int packedASize(int m, int k) {
        return (m + MR - 1) / MR * MR * k;
    }

    /** @return floats of packed {@code op(B)} ({@code k x n}): columns rounded up to {@link #PANEL_COLS} */
    public static int packedBSize(int k, int n) {
        return k * ((n + NR - 1) / NR * NR);
    }

    /**
     * Packs all of {@code op(A)} ({@code m x k}) into {@code dst}, for {@link #multiplyPacked}. Layout,
     * for callers that write it directly: element {@code (i, p)} sits at
     * {@code pc * mp + (i / PANEL_ROWS) * PANEL_ROWS * kl + (p - pc) * PANEL_ROWS + i % PANEL_ROWS} with
     * {@code pc}, {@code kl} as for {@link #packB} and {@code mp} = m rounded up to {@code PANEL_ROWS};
     * padding rows must be zero. A
     * caller multiplying the same A by many B (convolution weights) packs it once.
     *
     * @param transA whether A is stored {@code k x m}
     * @param a storage
     * @param aOff offset
     * @param lda leading dimension
     * @param m rows of op(A)
     * @param k columns of op(A)
     * @param dst at least {@link #packedASize} floats
     */
    public static void packA(boolean transA, float[] a, int aOff, int lda, int m, int k, float[] dst) {
        int mStrips = (m + MR - 1) / MR;
        Packing.packA(transA, a, aOff, lda, m, k, mStrips * MR, 0, mStrips, dst);
    }

    /**
     * Packs all of {@code op(B)} ({@code k x n}) into {@code dst}. Layout, for callers that write it
     * directly (im2col): element {@code (p, j)} sits at
     * {@code pc * np + (j / PANEL_COLS) * PANEL_COLS * kl + (p - pc) * PANEL_COLS + j % PANEL_COLS}, where
     * {@code pc = p - p % DEPTH_BLOCK}, {@code kl = min(DEPTH_BLOCK, k - pc)} and {@code np} is n rounded
     * up to {@code PANEL_COLS}; the padding columns must be zero.
     *
     * @param transB whether B is stored {@code n x k}
     * @param b storage
     * @param bOff offset
     * @param ldb leading dimension
     * @param k rows of op(B)
     * @param n columns of op(B)
     * @param dst at least {@link #packedBSize} floats
     */
    public static void packB(boolean transB, float[] b, int bOff, int ldb, int k, int n, float[] dst) {
        int nStrips = (n + NR - 1) / NR;
        if (transB) {
            Packing.packB(true, b, bOff, ldb, n, k, nStrips * NR, 0, nStrips, dst);
        } else {
            Packing.packBRows(b, bOff, ldb, n, nStrips * NR, k, 0, k, dst);
        }
    }

    /**
     * {@code C = alpha * A * B + beta * C} from packed panels ({@link #packA}, {@link #packB}), in
     * parallel tiles when the problem is large enough (and serially inside a parallel chunk).
     *
     * @param m rows of C
     * @param n columns of C
     * @param k the common dimension
     * @param alpha scale of the product
     * @param pa packed A
     * @param pb packed B
     * @param beta scale of the old C, 0 to overwrite
     * @param c storage of C
     * @param cOff offset of C
     * @param ldc leading dimension of C
     */
    public static void multiplyPacked(int m, int n, int k, float alpha, float[] pa, float[] pb, float beta,
                                      float[] c, int cOff, int ldc) {
        multiplyPacked(m, n, k, alpha, pa, 0, pb, 0, beta, c, cOff, ldc);
    }

    /**
     * As {@link #multiplyPacked(int, int, int, float, float[], float[], float, float[], int, int)}, with
     * the packed panels starting at offsets: callers that keep many packed operands in one array (the
     * 64 transformed matrices of a Winograd convolution) need no array per operand.
     *
     * @param m rows of C
     * @param n columns of C
     * @param k the common dimension
     * @param alpha scale of the product
     * @param pa packed A
     * @param paOff offset of packed A in {@code pa}
     * @param pb packed B
     * @param pbOff offset of packed B in {@code pb}
     * @param beta scale of the old C, 0 to overwrite
     * @param c storage of C
     * @param cOff offset of C
     * @param ldc leading dimension of C
     */
    public static void multiplyPacked(int m, int n, int k, float alpha, float[] pa, int paOff, float[] pb, int pbOff,
                                      float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        multiplyPacked(m, n, k, alpha, pa, paOff, pb, pbOff, beta, c, cOff, ldc, 2L * m * n * k >= PARALLEL_FLOPS);
    }

    private static void multiplyPacked(int m, int n, int k, float alpha, float[] pa, int paOff, float[] pb, int pbOff,
                                       float beta, float[] c, int cOff, int ldc, boolean parallel) {
        final int mStrips = (m + MR - 1) / MR;
        final int nStrips = (n + NR - 1) / NR;
        final int mp = mStrips * MR;
        final int np = nStrips * NR;
        int tm = (mStrips + TILE_M_STRIPS - 1) / TILE_M_STRIPS;
        int tn = (nStrips + TILE_N_STRIPS - 1) / TILE_N_STRIPS;
        if (parallel) {
            // split the longer side of the tiles until there is enough work to share
            while (tm * tn < MIN_TILES && (tm < mStrips || tn < nStrips)) {
                boolean splitM = tn >= nStrips || (tm < mStrips && mStrips * MR * tn >= nStrips * NR * tm);
                if (splitM) {
                    tm++;
                } else {
                    tn++;
                }
            }
        }
        final int tilesM = tm;
        final int tilesN = tn;
        if (!parallel) {
            // the same tiles without the lambda, which escape analysis does not remove: small problems
            // called many times (Winograd convolution: 64 per chunk) then allocate nothing
            for (int t = 0; t < tilesM * tilesN; t++) {
                int ti = t % tilesM;
                int tj = t / tilesM;
                computeTile(m, n, k, alpha, beta, c, cOff, ldc, pa, paOff, pb, pbOff, mp, np,
                        (int) ((long) ti * mStrips / tilesM), (int) ((long) (ti + 1) * mStrips / tilesM),
                        (int) ((long) tj * nStrips / tilesN), (int) ((long) (tj + 1) * nStrips / tilesN));
            }
            return;
        }
        Parallel.ChunkBody tile = t -> {
            int ti = t % tilesM;
            int tj = t / tilesM;
            computeTile(m, n, k, alpha, beta, c, cOff, ldc, pa, paOff, pb, pbOff, mp, np,
                    (int) ((long) ti * mStrips / tilesM), (int) ((long) (ti + 1) * mStrips / tilesM),
                    (int) ((long) tj * nStrips / tilesN), (int) ((long) (tj + 1) * nStrips / tilesN));
        };
        run(parallel, tilesM * tilesN, tile);
    }

    /** Runs the chunks on the pool, or in order on the caller for small problems. */
    static void run(boolean parallel, int chunks, Parallel.ChunkBody body) {
        if (parallel) {
            Parallel.forChunks(chunks, body);
        } else {
            for (int i = 0; i < chunks; i++) {
                body.run(i);
            }
        }
    }

    private static void computeTile(int m, int n, int k, float alpha, float beta,
                                    float[] c, int cOff, int ldc, float[] pa, int paOff, float[] pb, int pbOff,
                                    int mp, int np,
                                    int ms0, int ms1, int ns0, int ns1) {
        float[] t = WORKSPACE.get().tile();
        for (int pc = 0; pc < k; pc += KC) {
            int kl = Math.min(KC, k - pc);
            float betaBlock = pc == 0 ? beta : 1f;
            int aBlock = paOff + pc * mp;
            int bBlock = pbOff + pc * np;
            for (int ns = ns0; ns < ns1; ns++) {
                int j0 = ns * NR;
                int cols = Math.min(NR, n - j0);
                int bi = bBlock + ns * NR * kl;
                for (int ms = ms0; ms < ms1; ms++) {
                    int i0 = ms * MR;
                    MicroKernel.kernel(kl, pa, aBlock + ms * MR * kl, pb, bi,
                            c, cOff + i0 * ldc + j0, ldc, Math.min(MR, m - i0), cols, alpha, betaBlock, t);
                }
            }
        }
    }

    /** {@code C = beta * C}, where beta 0 clears C without reading it. */
    static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] *= beta;
                }
            }
        }
    }

    /** Per-thread packing buffers, grown on demand and kept for the next call. */
    private static final class Workspace {
        private float[] packA = new float[0];
        private float[] packB = new float[0];
        private final float[] tile = new float[MR * NR];

        float[] packA(int size) {
            if (packA.length < size) {
                packA = new float[size];
            }
            return packA;
        }

        float[] packB(int size) {
            if (packB.length < size) {
                packB = new float[size];
            }
            return packB;
        }

        float[] tile() {
            return tile;
        }
    }
}
