package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.Parallel;
import io.jgan.tensor.kernels.Species;
import io.jgan.tensor.kernels.gemm.Gemm;
import io.jgan.tensor.kernels.gemm.SimdGemm;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Convolution as im2col + GEMM, parallel over groups of images.
 *
 * <p>A group holds as many images as keep its patch matrix under {@value #COL_BUDGET} floats and at
 * most an eighth of the batch (so there are chunks to share). The group
 * size depends only on the geometry, never on the thread count. Each chunk lays its images' patch
 * matrices side by side ({@code patch x (group * pixels)}) so a single GEMM with a wide N covers them:
 * small feature maps (7x7 pixels) would otherwise waste most of the micro-kernel's columns.
 *
 * <p>The weight gradient sums over the batch: a fixed number of chunks ({@value #WEIGHT_CHUNKS} at
 * most) each accumulate their images into their own partial with one GEMM whose depth is all the
 * chunk's pixels, and the partials are added in chunk
 * order, so the result does not depend on which thread ran which chunk. Workspaces are per thread and
 * reused.
 */
public final class GemmConv implements Conv {
    /**
     * Most floats in one group's patch matrix (8 MiB). Generous on purpose: the GEMM blocks for the
     * caches itself, and a wide group (N = images x pixels) wastes fewer micro-kernel columns on the
     * ragged right edge than a group that fits L2 (measured: 7x7 maps in groups of 1 padded 49 columns
     * to 64, and the partial tiles cost a tenth of a DCGAN step).
     */
    static final int COL_BUDGET = 1 << 21;
    /**
     * The input gradient's patch matrix is written by the GEMM and read back by col2im, so there the
     * L2-sized group (1 MiB) measured a little faster (A/B in one JVM, 1 thread: 0.9-1.0x the time).
     */
    static final int DGRAD_BUDGET = 1 << 18;
    /** Groups per batch to aim for (a group is at most batch / this many images). */
    static final int MIN_GROUPS = 8;
    /** Most partial sums in the weight gradient. */
    static final int WEIGHT_CHUNKS = 4;

    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private final Gemm gemm;
    /** Whether to use the SIMD GEMM's packed-panel entry points (pre-packed weights, packed im2col). */
    private final boolean packed;

    /** @param gemm the matrix multiply to build on; with the SIMD GEMM the packed-panel path is used */
    public GemmConv(Gemm gemm) {
        this.gemm = gemm;
        this.packed = gemm == SimdGemm.INSTANCE;
    }

    @Override
    public String name() {
        return "gemm-" + gemm.name();
    }

    /** @return images per group for this geometry */
    static int groupSize(ConvGeometry g) {
        return groupSize(g, COL_BUDGET);
    }

    static int groupSize(ConvGeometry g, int budget) {
        long perImage = (long) g.patch() * g.outPixels();
        int byMemory = (int) Math.max(1, budget / perImage);
        return Math.max(1, Math.min(byMemory, g.n() / MIN_GROUPS));
    }

    @Override
    public void forward(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff,
                        float[] y, int yOff) {
        final int gs = groupSize(g);
        final int groups = (g.n() + gs - 1) / gs;
        final int pix = g.outPixels(), patch = g.patch(), cout = g.cout();
        // the packed path packs the weights once for all chunks and writes im2col straight into panels
        final float[] pw = packed ? WORKSPACE.get().packedWeights(SimdGemm.packedASize(cout, patch)) : null;
        if (packed) {
            SimdGemm.packA(false, w, wOff, patch, cout, patch, pw);
        }
        Parallel.forChunks(groups, grp -> {
            int n0 = grp * gs, cnt = Math.min(gs, g.n() - n0), ld = cnt * pix;
            Workspace ws = WORKSPACE.get();
            float[] col;
            if (packed) {
                col = ws.col(SimdGemm.packedBSize(patch, ld));
                float[] xp = ws.pad(PaddedIm2col.paddedSize(g, cnt));
                PaddedIm2col.pad(g, x, xOff + n0 * g.inImage(), cnt, xp);
                PaddedIm2col.im2colPacked(g, xp, cnt, col, ws.idx(SimdGemm.PANEL_COLS + patch));
            } else {
                col = ws.col(patch * ld);
                for (int i = 0; i < cnt; i++) {
                    Im2col.im2col(g, x, xOff + (n0 + i) * g.inImage(), col, i * pix, ld);
                }
            }
            if (cnt == 1) {
                int yi = yOff + n0 * g.outImage();
                if (packed) {
                    SimdGemm.multiplyPacked(cout, pix, patch, 1f, pw, col, 0f, y, yi, pix);
                } else {
                    gemm.gemm(false, false, cout, pix, patch, 1f, w, wOff, patch, col, 0, pix, 0f, y, yi, pix);
                }
                if (bias != null) {
                    for (int co = 0; co < cout; co++) {
                        addConstant(y, yi + co * pix, pix, bias[bOff + co]);
                    }
                }
                return;
            }
            float[] out = ws.aux(cout * ld);
            if (packed) {
                SimdGemm.multiplyPacked(cout, ld, patch, 1f, pw, col, 0f, out, 0, ld);
            } else {
                gemm.gemm(false, false, cout, ld, patch, 1f, w, wOff, patch, col, 0, ld, 0f, out, 0, ld);
            }
            for (int i = 0; i < cnt; i++) {
                for (int co = 0; co < cout; co++) {
                    int dst = yOff + (n0 + i) * g.outImage() + co * pix;
                    System.arraycopy(out, co * ld + i * pix, y, dst, pix);
                    if (bias != null) {
                        addConstant(y, dst, pix, bias[bOff + co]);
                    }
                }
            }
        });
    }

    private static void addConstant(float[] y, int from, int len, float b) {
        for (int i = from; i < from + len; i++) {
            y[i] += b;
        }
    }

    /** Copies the upstream gradients of {@code cnt} images into {@code [cout, cnt * pixels]}. */
    private static void gatherImages(ConvGeometry g, float[] gy, int gyOff, int n0, int cnt, float[] dst) {
        int pix = g.outPixels(), ld = cnt * pix;
        for (int i = 0; i < cnt; i++) {
            for (int co = 0; co < g.cout(); co++) {
                System.arraycopy(gy, gyOff + (n0 + i) * g.outImage() + co * pix, dst, co * ld + i * pix, pix);
            }
        }
    }

    @Override
    public void inputGrad(ConvGeometry g, float[] gy, int gyOff, float[] w, int wOff, float[] dx, int dxOff) {
        final int gs = groupSize(g, DGRAD_BUDGET);
        final int groups = (g.n() + gs - 1) / gs;
        final int pix = g.outPixels(), patch = g.patch(), cout = g.cout();
        // col = W^T * gy, W stored cout x patch; the packed path packs W^T once for all chunks
        final float[] pw = packed ? WORKSPACE.get().packedWeights(SimdGemm.packedASize(patch, cout)) : null;
        if (packed) {
            SimdGemm.packA(true, w, wOff, patch, patch, cout, pw);
        }
        Parallel.forChunks(groups, grp -> {
            int n0 = grp * gs, cnt = Math.min(gs, g.n() - n0), ld = cnt * pix;
            Workspace ws = WORKSPACE.get();
            float[] col = ws.col(patch * ld);
            if (packed) {
                float[] pg = ws.aux(SimdGemm.packedBSize(cout, ld));
                Im2col.packImageRows(gy, gyOff + n0 * g.outImage(), g.outImage(), cnt, cout, pix, pg);
                SimdGemm.multiplyPacked(patch, ld, cout, 1f, pw, pg, 0f, col, 0, ld);
            } else {
                float[] src = gy;
                int srcOff = gyOff + n0 * g.outImage();
                if (cnt > 1) {
                    src = ws.aux(cout * ld);
                    srcOff = 0;
                    gatherImages(g, gy, gyOff, n0, cnt, src);
                }
                gemm.gemm(true, false, patch, ld, cout, 1f, w, wOff, patch, src, srcOff, ld, 0f, col, 0, ld);
            }
            for (int i = 0; i < cnt; i++) {
                int di = dxOff + (n0 + i) * g.inImage();
                if (packed) {
                    // into a zero-padded image: no bounds tests, vector adds for stride 1
                    float[] dxp = ws.pad(PaddedIm2col.paddedSize(g, 1));
                    java.util.Arrays.fill(dxp, 0, PaddedIm2col.paddedSize(g, 1), 0f);
                    PaddedIm2col.col2imAdd(g, col, i * pix, ld, dxp, ws.rows(PaddedIm2col.scratchSize(g)));
                    PaddedIm2col.crop(g, dxp, dx, di);
                } else {
                    java.util.Arrays.fill(dx, di, di + g.inImage(), 0f);
                    Im2col.col2imAdd(g, col, i * pix, ld, dx, di);
                }
            }
        });
    }

    @Override
    public void weightGrad(ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] dw, int dwOff) {
        final int gs = groupSize(g);
        final int pix = g.outPixels(), patch = g.patch(), cout = g.cout(), size = g.weightSize();
        if (g.n() == 0) {
            java.util.Arrays.fill(dw, dwOff, dwOff + size, 0f);
            return;
        }
        final int chunks = Math.min(g.n(), WEIGHT_CHUNKS);
        // chunk 0 accumulates straight into dw; the others into partials added afterwards in order
        final float[] partials = WORKSPACE.get().partials((chunks - 1) * size);
        Parallel.forChunks(chunks, ch -> {
            float[] acc = ch == 0 ? dw : partials;
            int accOff = ch == 0 ? dwOff : (ch - 1) * size;
            int n0 = (int) ((long) ch * g.n() / chunks), n1 = (int) ((long) (ch + 1) * g.n() / chunks);
            Workspace ws = WORKSPACE.get();
            if (packed) {
                // one GEMM over all the chunk's images (k = images x pixels): the micro-kernel keeps its
                // sums in registers across images instead of a C round trip per group
                int cnt = n1 - n0, ld = cnt * pix;
                float[] pa = ws.aux(SimdGemm.packedASize(cout, ld));
                Im2col.packImageRowsA(gy, gyOff + n0 * g.outImage(), g.outImage(), cnt, cout, pix, pa);
                float[] pb = ws.col(SimdGemm.packedBSize(ld, patch));
                float[] xp = ws.pad(PaddedIm2col.paddedSize(g, cnt));
                PaddedIm2col.pad(g, x, xOff + n0 * g.inImage(), cnt, xp);
                PaddedIm2col.im2colTransposedPacked(g, xp, cnt, pb, ws.idx(SimdGemm.packedBSize(1, patch)));
                SimdGemm.multiplyPacked(cout, patch, ld, 1f, pa, pb, 0f, acc, accOff, patch);
                return;
            }
            for (int i0 = n0; i0 < n1; i0 += gs) {
                int cnt = Math.min(gs, n1 - i0), ld = cnt * pix;
                float beta = i0 == n0 ? 0f : 1f;
                float[] col = ws.col(patch * ld);
                for (int i = 0; i < cnt; i++) {
                    Im2col.im2col(g, x, xOff + (i0 + i) * g.inImage(), col, i * pix, ld);
                }
                float[] src = gy;
                int srcOff = gyOff + i0 * g.outImage();
                if (cnt > 1) {
                    src = ws.aux(cout * ld);
                    srcOff = 0;
                    gatherImages(g, gy, gyOff, i0, cnt, src);
                }
                // dW (cout x patch) += gy (cout x ld) * col^T (col is patch x ld)
                gemm.gemm(false, true, cout, patch, ld, 1f, src, srcOff, ld, col, 0, ld, beta, acc, accOff, patch);
            }
        });
        for (int ch = 1; ch < chunks; ch++) {
            int p = (ch - 1) * size;
            for (int i = 0; i < size; i++) {
                dw[dwOff + i] += partials[p + i];
            }
        }
    }

    @Override
    public void biasGrad(int n, int channels, int pixels, float[] gy, int gyOff, float[] db, int dbOff) {
        // one chunk per block of channels: each sum is computed whole by one thread, in a fixed order
        Parallel.forRange(channels, Math.max(1, (1 << 16) / Math.max(1, n * pixels)), (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                float s = 0f;
                for (int i = 0; i < n; i++) {
                    s += sum(gy, gyOff + (i * channels + c) * pixels, pixels);
                }
                db[dbOff + c] = s;
            }
        });
    }

    private static float sum(float[] a, int from, int len) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += S.length()) {
            acc = acc.add(FloatVector.fromArray(S, a, from + i));
        }
        float s = io.jgan.tensor.kernels.VectorMath.sum(acc); // fixed lane order: bit-stable across JIT modes
        for (; i < len; i++) {
            s += a[from + i];
        }
        return s;
    }

    /** Per-thread buffers, grown on demand and kept for the next call. */
    private static final class Workspace {
        private float[] col = new float[0];
        private float[] aux = new float[0];
        private float[] partials = new float[0];
        private float[] packedWeights = new float[0];
        private float[] pad = new float[0];
        private int[] idx = new int[0];
        private float[] rows = new float[0];

        float[] pad(int size) {
            if (pad.length < size) {
                pad = new float[size];
            }
            return pad;
        }

        float[] rows(int size) {
            if (rows.length < size) {
                rows = new float[size];
            }
            return rows;
        }

        int[] idx(int size) {
            if (idx.length < size) {
                idx = new int[size];
            }
            return idx;
        }

        float[] packedWeights(int size) {
            if (packedWeights.length < size) {
                packedWeights = new float[size];
            }
            return packedWeights;
        }

        float[] col(int size) {
            if (col.length < size) {
                col = new float[size];
            }
            return col;
        }

        float[] aux(int size) {
            if (aux.length < size) {
                aux = new float[size];
            }
            return aux;
        }

        float[] partials(int size) {
            if (partials.length < size) {
                partials = new float[size];
            }
            return partials;
        }
    }
}
