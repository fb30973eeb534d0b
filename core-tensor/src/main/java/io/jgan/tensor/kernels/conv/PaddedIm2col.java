package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.kernels.Species;
import io.jgan.tensor.kernels.gemm.SimdGemm;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The packed patch matrices of {@link Im2col}, built from a zero-padded copy of the images with vector
 * gathers.
 *
 * <p>Padding the images once (a copy the size of the input, against a patch matrix {@code kh*kw/(sh*sw)}
 * times larger) removes every bounds test from the inner loops: each packed row of
 * {@link SimdGemm#PANEL_COLS} floats is then a pair of unmasked gathers with a precomputed index map
 * and one contiguous store. The straightforward loops wrote those rows one float at a time, with a
 * stride of a whole panel in the transposed case, and took a fifth of a DCGAN step.
 *
 * <p>The padded image has {@code hp = (ho-1)*sh + kh} rows and {@code wp = (wo-1)*sw + kw} columns with
 * input row {@code y} at row {@code y + ph}: exactly the rows and columns some output pixel reads.
 */
final class PaddedIm2col {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = S.length();

    private PaddedIm2col() {}

    static int hp(ConvGeometry g) {
        return (g.ho() - 1) * g.sh() + g.kh();
    }

    static int wp(ConvGeometry g) {
        return (g.wo() - 1) * g.sw() + g.kw();
    }

    /** @return floats of the padded copy of {@code cnt} images */
    static int paddedSize(ConvGeometry g, int cnt) {
        return cnt * g.cin() * hp(g) * wp(g);
    }

    /** Writes the zero-padded copy of {@code cnt} images starting at {@code x[xOff]} into {@code xp}. */
    static void pad(ConvGeometry g, float[] x, int xOff, int cnt, float[] xp) {
        int h = g.h(), w = g.w(), hp = hp(g), wp = wp(g), ph = g.ph(), pw = g.pw();
        int rows = Math.max(0, Math.min(h, hp - ph)), cols = Math.max(0, Math.min(w, wp - pw));
        int planes = cnt * g.cin();
        // one fill for the borders, then the rows: small rows with one masked vector copy each (an
        // arraycopy per 14-float row cost more than the patch matrix built from it)
        java.util.Arrays.fill(xp, 0, planes * hp * wp, 0f);
        for (int pl = 0; pl < planes; pl++) {
            int src = xOff + pl * h * w, dst = pl * hp * wp + ph * wp + pw;
            if (cols <= L) {
                copyRows(x, src, w, xp, dst, wp, rows, cols);
            } else {
                for (int y = 0; y < rows; y++) {
                    System.arraycopy(x, src + y * w, xp, dst + y * wp, cols);
                }
            }
        }
    }

    // the mask is made here, in a small method, so that it stays in a register: made in pad() and
    // passed in, it was allocated (with a boolean[]) on every call
    private static void copyRows(float[] x, int src, int w, float[] xp, int dst, int wp, int rows, int cols) {
        VectorMask<Float> m = S.indexInRange(0, cols);
        for (int y = 0; y < rows; y++) {
            FloatVector.fromArray(S, x, src + y * w, m).intoArray(xp, dst + y * wp, m);
        }
    }

    /** Offset in the padded images of tap {@code r = (ci*kh + ky)*kw + kx} relative to its pixel's corner. */
    private static int tapOffset(ConvGeometry g, int r) {
        int kk = g.kh() * g.kw(), ci = r / kk, ky = r % kk / g.kw(), kx = r % g.kw();
        return (ci * hp(g) + ky) * wp(g) + kx;
    }

    /** Offset in the padded images of the corner (tap 0, 0, 0) of pixel column {@code j} (image-major). */
    private static int pixelOffset(ConvGeometry g, int j) {
        int pix = g.outPixels(), i = j / pix, q = j % pix;
        return i * g.cin() * hp(g) * wp(g) + (q / g.wo()) * g.sh() * wp(g) + (q % g.wo()) * g.sw();
    }

    /**
     * The patch matrices of {@code cnt} padded images side by side ({@code k = patch}, {@code n = cnt *
     * pixels}) in the packed-B layout of {@link SimdGemm#packB}; padding columns are zero.
     *
     * @param idx scratch of at least {@link SimdGemm#PANEL_COLS} + patch ints
     */
    static void im2colPacked(ConvGeometry g, float[] xp, int cnt, float[] dst, int[] idx) {
        final int nr = SimdGemm.PANEL_COLS, kc = SimdGemm.DEPTH_BLOCK;
        int n = cnt * g.outPixels(), np = (n + nr - 1) / nr * nr, k = g.patch();
        for (int r = 0; r < k; r++) {
            idx[nr + r] = tapOffset(g, r);
        }
        for (int s = 0; s < np / nr; s++) {
            int j0 = s * nr, valid = Math.min(nr, n - j0);
            for (int l = 0; l < nr; l++) {
                idx[l] = l < valid ? pixelOffset(g, j0 + l) : 0;
            }
            for (int pc = 0; pc < k; pc += kc) {
                int kl = Math.min(kc, k - pc), d = pc * np + s * nr * kl;
                for (int r = pc; r < pc + kl; r++, d += nr) {
                    int off = idx[nr + r];
                    for (int v = 0; v < nr; v += L) {
                        FloatVector.fromArray(S, xp, off, idx, v).intoArray(dst, d + v);
                    }
                }
            }
            if (valid < nr) {
                // the gathers read image 0 for the padding columns: clear them
                for (int pc = 0; pc < k; pc += kc) {
                    int kl = Math.min(kc, k - pc), d = pc * np + s * nr * kl;
                    for (int pp = 0; pp < kl; pp++) {
                        java.util.Arrays.fill(dst, d + pp * nr + valid, d + pp * nr + nr, 0f);
                    }
                }
            }
        }
    }

    /**
     * The transposed patch matrices of {@code cnt} padded images ({@code k = cnt * pixels}, image-major,
     * {@code n = patch}) in the packed-B layout: the B operand of the weight gradient
     * {@code dW = gy * col^T}. Padding columns (taps beyond the patch) are zero.
     *
     * @param idx scratch of at least {@code patch} rounded up to {@link SimdGemm#PANEL_COLS} ints
     */
    static void im2colTransposedPacked(ConvGeometry g, float[] xp, int cnt, float[] dst, int[] idx) {
        final int nr = SimdGemm.PANEL_COLS, kc = SimdGemm.DEPTH_BLOCK;
        int k = cnt * g.outPixels(), patch = g.patch(), np = (patch + nr - 1) / nr * nr;
        for (int r = 0; r < np; r++) {
            idx[r] = tapOffset(g, r < patch ? r : 0);
        }
        int wo = g.wo(), sh = g.sh(), sw = g.sw(), rowStep = sh * wp(g), image = g.cin() * hp(g) * wp(g);
        for (int s = 0; s < np / nr; s++) {
            int valid = Math.min(nr, patch - s * nr);
            // lanes to clear: none for whole strips (masked gathers are slow, a blend is one instruction)
            VectorMask<Float> lo = S.indexInRange(0, valid).not(), hi = S.indexInRange(L, valid).not();
            for (int pc = 0; pc < k; pc += kc) {
                int kl = Math.min(kc, k - pc), d = pc * np + s * nr * kl;
                int j = pc, i = j / g.outPixels(), q = j % g.outPixels(), oy = q / wo, ox = q % wo;
                int rowBase = i * image + oy * rowStep;
                for (int pp = 0; pp < kl; pp++, d += nr) {
                    int off = rowBase + ox * sw;
                    for (int v = 0; v < nr; v += L) {
                        // taps beyond the patch gather tap 0 (see the index map) and are blended to zero
                        FloatVector t = FloatVector.fromArray(S, xp, off, idx, s * nr + v);
                        (v == 0 ? t.blend(0f, lo) : v == L ? t.blend(0f, hi) : t).intoArray(dst, d + v);
                    }
                    if (++ox == wo) {
                        ox = 0;
                        if (++oy == g.ho()) {
                            oy = 0;
                            i++;
                        }
                        rowBase = i * image + oy * rowStep;
                    }
                }
            }
        }
    }

    /**
     * Adds the patch matrix ({@code patch x pixels}, row stride {@code ld}) of one image into its padded
     * gradient {@code dxp} (which the caller has cleared); {@link #crop} then yields the gradient.
     * {@code scratch} holds at least {@link #scratchSize} floats.
     */
    static void col2imAdd(ConvGeometry g, float[] col, int colOff, int ld, float[] dxp, float[] scratch) {
        if (g.wo() + (g.kw() - 1) / g.sw() <= L) {
            col2imRows(g, col, colOff, ld, dxp, scratch);
            return;
        }
        int ho = g.ho(), wo = g.wo(), sh = g.sh(), sw = g.sw(), wp = wp(g);
        int k = g.patch();
        for (int r = 0; r < k; r++) {
            int tap = tapOffset(g, r), row = colOff + r * ld;
            for (int oy = 0; oy < ho; oy++) {
                int src = row + oy * wo, dst = tap + oy * sh * wp;
                for (int ox = 0; ox < wo; ox++) {
                    dxp[dst + ox * sw] += col[src + ox];
                }
            }
        }
    }

    /**
     * Rows that fit one vector per phase: each padded row is summed in an L1 scratch row over its taps
     * and stored once, instead of a masked read-modify-write of the image per tap (whose overlapping
     * stores stall the loads behind them) or a scalar scatter (stride 2).
     *
     * <p>Column {@code xx = ox*sw + kx} of a padded row belongs to phase {@code xx % sw}; within a
     * phase, tap {@code kx} adds its row of {@code col} shifted by {@code kx / sw} lanes. Taps are
     * visited in increasing order, so every element gets exactly the sums of the scatter loop. The
     * lane mask of a tap is made once per tap, outside the row loop (a mask fetched from an array
     * inside it cost ten times the arithmetic).
     */
    private static void col2imRows(ConvGeometry g, float[] col, int colOff, int ld, float[] dxp, float[] scratch) {
        int ho = g.ho(), wo = g.wo(), kh = g.kh(), kw = g.kw(), sh = g.sh(), sw = g.sw(), hp = hp(g), wp = wp(g);
        int phases = Math.min(sw, kw);
        for (int ci = 0; ci < g.cin(); ci++) {
            java.util.Arrays.fill(scratch, 0, phases * hp * L, 0f);
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    int shift = kx / sw;
                    addTap(col, colOff + ((ci * kh + ky) * kw + kx) * ld - shift, wo, ho, shift, scratch,
                            (kx % sw * hp + ky) * L, sh * L);
                }
            }
            for (int ph = 0; ph < phases; ph++) {
                storeRows(scratch, ph * hp * L, hp, (wp - ph + sw - 1) / sw, dxp, ci * hp * wp + ph, wp, sw,
                        phases * hp * L);
            }
        }
    }

    /**
     * {@code scratch[t0 + oy * step + lane] += col[src + oy * wo + lane]} for lanes
     * {@code shift .. shift + wo - 1} and {@code oy < ho}. Kept small so C2 inlines every vector
     * operation (a large caller left them as calls on boxed vectors, 40x slower).
     */
    private static void addTap(float[] col, int src, int wo, int ho, int shift, float[] scratch, int t0, int step) {
        VectorMask<Float> m = S.indexInRange(0, shift + wo).andNot(S.indexInRange(0, shift));
        for (int oy = 0; oy < ho; oy++) {
            int t = t0 + oy * step;
            FloatVector.fromArray(S, scratch, t).add(FloatVector.fromArray(S, col, src + oy * wo, m)).intoArray(scratch, t);
        }
    }

    /** Stores {@code rows} scratch rows of {@code count} lanes at {@code dst}, {@code dst + wp}, ... with lane stride {@code sw}. */
    private static void storeRows(float[] scratch, int s0, int rows, int count, float[] dxp, int dst, int wp, int sw, int tmp) {
        VectorMask<Float> store = S.indexInRange(0, count);
        for (int yy = 0; yy < rows; yy++) {
            FloatVector acc = FloatVector.fromArray(S, scratch, s0 + yy * L);
            int d = dst + yy * wp;
            if (sw == 1) {
                acc.intoArray(dxp, d, store);
            } else {
                acc.intoArray(scratch, tmp);
                for (int t = 0; t < count; t++) {
                    dxp[d + t * sw] = scratch[tmp + t];
                }
            }
        }
    }

    /** @return floats of scratch {@link #col2imAdd} needs */
    static int scratchSize(ConvGeometry g) {
        return (Math.min(g.sw(), g.kw()) * hp(g) + 1) * L;
    }

    /** Copies the interior of one padded image gradient into {@code dx[dxOff]} (overwriting it). */
    static void crop(ConvGeometry g, float[] dxp, float[] dx, int dxOff) {
        int h = g.h(), w = g.w(), hp = hp(g), wp = wp(g), ph = g.ph(), pw = g.pw();
        int rows = Math.max(0, Math.min(h, hp - ph)), cols = Math.max(0, Math.min(w, wp - pw));
        for (int ci = 0; ci < g.cin(); ci++) {
            int dst = dxOff + ci * h * w, src = ci * hp * wp;
            for (int y = 0; y < rows; y++) {
                System.arraycopy(dxp, src + (y + ph) * wp + pw, dx, dst + y * w, cols);
                java.util.Arrays.fill(dx, dst + y * w + cols, dst + (y + 1) * w, 0f);
            }
            java.util.Arrays.fill(dx, dst + rows * w, dst + h * w, 0f);
        }
    }
}
