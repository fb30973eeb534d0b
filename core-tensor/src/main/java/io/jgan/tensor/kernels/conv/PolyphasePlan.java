package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.kernels.Species;

/**
 * The layout {@link FewChannelConv} uses for its forward pass and weight gradient: each input image
 * is copied, zero-padded, into {@code s} column phases per channel ({@code plane[ci][px][row][c] =
 * xpad[row][s c + px]}), so that for every kernel tap {@code (ci, ky, kx)} the inputs of
 * {@code L} (the vector length) consecutive output pixels of one output row are consecutive floats: a
 * stride-2 convolution becomes unit-stride vector loads.
 *
 * <p>Output pixels are covered by "vectors": one output row cut into pieces of at most
 * {@code L} lanes. They are listed in groups of four (the kernels' register block); the last group
 * repeats its last vector so every group is full (a repeat recomputes and rewrites the same values).
 */
final class PolyphasePlan {
    static final int L = Species.FLOAT.length();

    final ConvGeometry g;
    /** Padded rows and the row stride of one phase plane. */
    final int rows, rowStride;
    /** Floats of one phase plane, of one channel's phases, of one image's planes. */
    final int phaseSize, channelSize, imageSize;
    /** Per vector, in groups of four: offset of its first input in the planes (tap 0, phase 0). */
    final int[] vecIn;
    /** Per vector: offset of its first output pixel within one output channel. */
    final int[] vecOut;
    /** Per vector: its valid lanes. */
    final int[] vecLanes;
    /** Vector groups of four. */
    final int groups;
    /** Distinct vectors (the first {@code vectors} entries; the rest of the last group are repeats). */
    final int vectors;
    /** Per tap {@code (ci, ky, kx)} in OIHW order: its offset in the planes. */
    final int[] taps;

    private PolyphasePlan(ConvGeometry g) {
        this.g = g;
        int s = g.sw(), wo = g.wo(), ho = g.ho();
        int perRow = (wo + L - 1) / L;
        rows = g.h() + 2 * g.ph();
        rowStride = perRow * L + (g.kw() - 1) / s;
        phaseSize = rows * rowStride;
        channelSize = s * phaseSize;
        imageSize = unalias(g.cin() * channelSize);
        int count = ho * perRow;
        vectors = count;
        groups = (count + 3) / 4;
        vecIn = new int[groups * 4];
        vecOut = new int[groups * 4];
        vecLanes = new int[groups * 4];
        for (int i = 0; i < groups * 4; i++) {
            int v = Math.min(i, count - 1), oy = v / perRow, ox = (v % perRow) * L;
            vecIn[i] = oy * g.sh() * rowStride + ox;
            vecOut[i] = oy * wo + ox;
            vecLanes[i] = Math.min(L, wo - ox);
        }
        taps = new int[g.patch()];
        for (int ci = 0, t = 0; ci < g.cin(); ci++) {
            for (int ky = 0; ky < g.kh(); ky++) {
                for (int kx = 0; kx < g.kw(); kx++, t++) {
                    taps[t] = ci * channelSize + (kx % s) * phaseSize + ky * rowStride + kx / s;
                }
            }
        }
    }

    /** Pads a per-image stride that is a multiple of 4 KiB, which would alias in the caches. */
    static int unalias(int floats) {
        return floats % 1024 == 0 ? floats + L : floats;
    }

    private static volatile PolyphasePlan last;

    /** @return the plan for {@code g} (the last one is cached: layers call with the same geometry) */
    static PolyphasePlan of(ConvGeometry g) {
        PolyphasePlan p = last;
        if (p == null || !p.g.equals(g)) {
            p = new PolyphasePlan(g);
            last = p;
        }
        return p;
    }

    /**
     * Writes one image into its planes. Only the cells that hold input pixels are written, so the
     * padding stays zero from the caller's one-time fill of the buffer.
     *
     * @param x input
     * @param xOff offset of the image
     * @param dst planes buffer
     * @param dOff offset of the image's planes
     * @param row scratch of at least {@link #rowScratch()} floats
     */
    void scatter(float[] x, int xOff, float[] dst, int dOff, float[] row) {
        if (g.sw() == 2) {
            scatter2(x, xOff, dst, dOff, row);
            return;
        }
        int s = g.sw(), h = g.h(), w = g.w();
        for (int ci = 0; ci < g.cin(); ci++) {
            for (int iy = 0; iy < h; iy++) {
                int src = xOff + (ci * h + iy) * w;
                int dRow = dOff + ci * channelSize + (iy + g.ph()) * rowStride;
                for (int px = 0; px < s; px++) {
                    // padded column v = ix + pw lands in phase v % s, column v / s
                    int ix0 = Math.floorMod(px - g.pw(), s);
                    int c0 = (ix0 + g.pw()) / s, d = dRow + px * phaseSize + c0;
                    int lim = Math.min(w, ix0 + (rowStride - c0) * s); // columns past the row are never read
                    for (int ix = ix0; ix < lim; ix += s, d++) {
                        dst[d] = x[src + ix];
                    }
                }
            }
        }
    }

    /** @return floats of the row scratch {@link #scatter} needs */
    int rowScratch() {
        return 2 * ((rowStride + L - 1) / L) * L;
    }

    /**
     * Stride 2, vectorised (scalar strided copies measured a quarter of the forward pass on 32x32x3):
     * each input row is zero-padded into {@code row}, then every 2 vectors of it are split into their
     * even and odd lanes ({@code selectFrom} over the two) and stored as whole phase-row vectors,
     * the padding columns with them.
     */
    private void scatter2(float[] x, int xOff, float[] dst, int dOff, float[] row) {
        int h = g.h(), w = g.w(), pw = g.pw(), span = rowScratch(), len = Math.min(w, span - pw);
        java.util.Arrays.fill(row, 0, Math.min(pw, span), 0f);
        java.util.Arrays.fill(row, pw + len, span, 0f);
        for (int ci = 0; ci < g.cin(); ci++) {
            for (int iy = 0; iy < h; iy++) {
                System.arraycopy(x, xOff + (ci * h + iy) * w, row, pw, len);
                int d = dOff + ci * channelSize + (iy + g.ph()) * rowStride;
                FewChannelKernels.deinterleave(row, rowStride, dst, d, d + phaseSize);
            }
        }
    }
}
