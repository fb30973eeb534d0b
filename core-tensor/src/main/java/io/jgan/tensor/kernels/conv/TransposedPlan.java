package io.jgan.tensor.kernels.conv;

/**
 * The layout {@link FewChannelConv} uses for the input gradient, which is a convolution with few
 * output channels. Split by output phase {@code (py, px)} ({@code dx} rows {@code a sh + py - ph},
 * columns {@code b sw + px - pw}), it is a stride-1 correlation of the upstream gradient with the
 * phase's sub-kernel {@code w[co][ci][py + sh j][px + sw i]} turned by 180 degrees. Every
 * {@code (ci, phase)} becomes one "virtual output channel" of the forward kernels, with taps
 * {@code (co, j', i')} over a zero-padded copy of {@code gy} ({@code J - 1} rows and {@code I - 1}
 * columns of zeros before it, {@code J = ceil(kh / sh)}, {@code I = ceil(kw / sw)}); phases with
 * fewer taps get zero weights.
 *
 * <p>The forward kernels share one input vector among 4 channels, so their 4 channels compute the
 * same phase rows and columns: virtual channels are grouped into classes of phases, each computed
 * over the union of its phases' rows and columns, and each class into blocks of 4 (the last
 * repeating its last channel). Classes are either the phases with equal ranges or all phases,
 * whichever makes fewer kernel calls. For {@code 5x5} stride 2 pad 2 on 28x28 all 4 phases have
 * equal ranges; for {@code 4x4} stride 2 pad 1 on 32x32 with 3 channels each phase is its own class
 * (together they would need 17 rows of 2 vectors), with 1 channel on 28x28 all phases go together.
 */
final class TransposedPlan {
    static final int L = PolyphasePlan.L;

    final ConvGeometry g;
    /** Sub-kernel rows and columns (taps per phase and dimension, at most). */
    final int kj, ki;
    /** Rows, row stride, channel size and image size of the padded upstream gradient. */
    final int rows, rowStride, channelSize, imageSize;
    /** Per tap {@code (co, j', i')}: offset in the padded gradient. */
    final int[] taps;
    /** Blocks of {@code width} virtual channels. */
    final int blocks;
    /** Channels per block: 4, or 3 (slot 3 of each block unused). */
    final int width;
    /** Per block: first and end vector (in groups of 4) of its class. */
    final int[] blockFrom, blockTo;
    /** Per block slot: the virtual channel's {@code ci}, {@code py} and {@code px}. */
    final int[] slotCi, slotPy, slotPx;
    /** Per block slot: offset in one image of dx of the channel and phase origin (row a=0, column b=0). */
    final int[] slotOut;
    /** Per block slot: the phase's rows {@code [a0, a1)} and columns {@code [b0, b1)} that are dx pixels. */
    final int[] slotRows, slotCols;
    /**
     * Per vector: offset of its inputs in the padded gradient, of its outputs in dx (from a slot's
     * origin), its phase row a, first phase column b, and lanes.
     */
    final int[] vecIn, vecOut, vecRow, vecCol, vecLanes;

    private TransposedPlan(ConvGeometry g) {
        this.g = g;
        int sh = g.sh(), sw = g.sw(), phases = sh * sw;
        kj = (g.kh() + sh - 1) / sh;
        ki = (g.kw() + sw - 1) / sw;
        // each phase's rows a in [aLo, aLo + na) and columns b in [bLo, bLo + nb) that hold dx pixels
        int[] aLo = new int[phases], na = new int[phases], bLo = new int[phases], nb = new int[phases];
        for (int py = 0; py < sh; py++) {
            for (int px = 0; px < sw; px++) {
                int f = py * sw + px;
                aLo[f] = Math.max(0, Math.floorDiv(g.ph() - py + sh - 1, sh));
                na[f] = Math.floorDiv(g.ph() + g.h() - 1 - py, sh) - aLo[f] + 1;
                bLo[f] = Math.max(0, Math.floorDiv(g.pw() - px + sw - 1, sw));
                nb[f] = Math.floorDiv(g.pw() + g.w() - 1 - px, sw) - bLo[f] + 1;
            }
        }
        // classes: either phases with equal ranges, or all phases over the union of their ranges
        // (rows and columns outside a phase's own range are computed and dropped), whichever makes
        // fewer kernel calls: 4x4 stride 2 pad 1 on 28x28 has 4 phases of 14 rows offset by one,
        // alone each fills a 4-channel block with 1 channel, together 1 block over 15 rows
        int[] exact = new int[phases], merged = new int[phases];
        int exactClasses = 0;
        for (int f = 0; f < phases; f++) {
            exact[f] = -1;
            merged[f] = na[f] > 0 && nb[f] > 0 ? 0 : -1;
            for (int e = 0; e < f && exact[f] < 0 && merged[f] == 0; e++) {
                if (exact[e] >= 0 && aLo[e] == aLo[f] && na[e] == na[f] && bLo[e] == bLo[f] && nb[e] == nb[f]) {
                    exact[f] = exact[e];
                }
            }
            if (exact[f] < 0 && merged[f] == 0) {
                exact[f] = exactClasses++;
            }
        }
        int[] cls = calls(exact, exactClasses, aLo, na, bLo, nb) <= calls(merged, 1, aLo, na, bLo, nb) ? exact : merged;
        int classes = cls == exact ? exactClasses : Math.min(1, exactClasses);
        int[][] range = new int[classes][];
        int maxRow = 0, maxCol = 0, nBlocks = 0, nVec = 0, w3 = 3;
        for (int c = 0; c < classes; c++) {
            range[c] = union(cls, c, aLo, na, bLo, nb);
            int members = range[c][4] * g.cin();
            w3 = members % 3 == 0 && members % 4 != 0 ? w3 : 4;
        }
        // 3-channel blocks when every class has a multiple of 3 channels (3 input channels, one phase
        // per class): 4-channel blocks would repeat a channel in each, a quarter of the work wasted
        width = w3;
        for (int c = 0; c < classes; c++) {
            int perRow = (range[c][3] + L - 1) / L;
            maxRow = Math.max(maxRow, range[c][0] + range[c][1]);
            maxCol = Math.max(maxCol, range[c][2] + perRow * L);
            nBlocks += (range[c][4] * g.cin() + width - 1) / width;
            nVec += (range[c][1] * perRow + 3) / 4 * 4;
        }
        rows = maxRow + kj - 1;
        rowStride = maxCol + ki - 1;
        channelSize = rows * rowStride;
        imageSize = PolyphasePlan.unalias(g.cout() * channelSize);
        taps = new int[g.cout() * kj * ki];
        for (int co = 0, t = 0; co < g.cout(); co++) {
            for (int j = 0; j < kj; j++) {
                for (int i = 0; i < ki; i++, t++) {
                    taps[t] = co * channelSize + j * rowStride + i;
                }
            }
        }
        blocks = nBlocks;
        blockFrom = new int[nBlocks];
        blockTo = new int[nBlocks];
        slotCi = new int[4 * nBlocks];
        slotPy = new int[4 * nBlocks];
        slotPx = new int[4 * nBlocks];
        slotOut = new int[4 * nBlocks];
        slotRows = new int[8 * nBlocks];
        slotCols = new int[8 * nBlocks];
        vecIn = new int[nVec];
        vecOut = new int[nVec];
        vecRow = new int[nVec];
        vecCol = new int[nVec];
        vecLanes = new int[nVec];
        int b = 0, v = 0;
        for (int c = 0; c < classes; c++) {
            int a0 = range[c][0], b0 = range[c][2], perRow = (range[c][3] + L - 1) / L;
            int count = range[c][1] * perRow, from = v;
            for (int i = 0; i < (count + 3) / 4 * 4; i++, v++) {
                int u = Math.min(i, count - 1), a = a0 + u / perRow, col = b0 + (u % perRow) * L;
                vecIn[v] = a * rowStride + col;
                vecOut[v] = a * sh * g.w() + col * sw;
                vecRow[v] = a;
                vecCol[v] = col;
                vecLanes[v] = Math.min(L, b0 + range[c][3] - col);
            }
            int k = 0;
            for (int f = 0; f < phases; f++) {
                for (int ci = 0; ci < g.cin() && cls[f] == c; ci++, k++) {
                    setSlot(slot(b, k), ci, f, aLo[f], na[f], bLo[f], nb[f]);
                }
            }
            for (; k % width != 0; k++) { // repeat the last channel to fill the block
                int last = slot(b, k - 1), f = slotPy[last] * sw + slotPx[last];
                setSlot(slot(b, k), slotCi[last], f, aLo[f], na[f], bLo[f], nb[f]);
            }
            for (int i = 0; i < k / width; i++, b++) {
                blockFrom[b] = from;
                blockTo[b] = v;
            }
        }
    }

    /** @return the slot array index of a class's k-th channel, its class's blocks starting at b */
    private int slot(int b, int k) {
        return 4 * (b + k / width) + k % width;
    }

    /** Kernel calls per image for a partition of the phases into classes (each over its union of ranges). */
    private int calls(int[] cls, int classes, int[] aLo, int[] na, int[] bLo, int[] nb) {
        int n = 0;
        for (int c = 0; c < classes; c++) {
            int[] r = union(cls, c, aLo, na, bLo, nb);
            n += (r[4] * g.cin() + 3) / 4 * ((r[1] * ((r[3] + L - 1) / L) + 3) / 4);
        }
        return n;
    }

    /** @return first row, rows, first column, columns of the union of class c's ranges, and its phases */
    private static int[] union(int[] cls, int c, int[] aLo, int[] na, int[] bLo, int[] nb) {
        int a0 = Integer.MAX_VALUE, a1 = 0, b0 = Integer.MAX_VALUE, b1 = 0, members = 0;
        for (int f = 0; f < cls.length; f++) {
            if (cls[f] == c) {
                a0 = Math.min(a0, aLo[f]);
                a1 = Math.max(a1, aLo[f] + na[f]);
                b0 = Math.min(b0, bLo[f]);
                b1 = Math.max(b1, bLo[f] + nb[f]);
                members++;
            }
        }
        return new int[] {a0, a1 - a0, b0, b1 - b0, members};
    }

    private void setSlot(int slot, int ci, int f, int aLo, int na, int bLo, int nb) {
        int py = f / g.sw(), px = f % g.sw();
        slotCi[slot] = ci;
        slotPy[slot] = py;
        slotPx[slot] = px;
        slotRows[2 * slot] = aLo;
        slotRows[2 * slot + 1] = aLo + na;
        slotCols[2 * slot] = bLo;
        slotCols[2 * slot + 1] = bLo + nb;
        slotOut[slot] = ci * g.h() * g.w() + (py - g.ph()) * g.w() + (px - g.pw());
    }

    private static volatile TransposedPlan last;

    /** @return the plan for {@code g} (the last one is cached) */
    static TransposedPlan of(ConvGeometry g) {
        TransposedPlan p = last;
        if (p == null || !p.g.equals(g)) {
            p = new TransposedPlan(g);
            last = p;
        }
        return p;
    }

    /**
     * Packs the sub-kernels as {@code [block][tap (co, j', i')][4]}: slot {@code (ci, py, px)} at tap
     * {@code (co, j', i')} is {@code w[co][ci][py + sh (kj-1-j')][px + sw (ki-1-i')]}, zero past the kernel.
     */
    void packWeights(float[] w, int wOff, float[] wp) {
        int t0 = taps.length, cin = g.cin(), kh = g.kh(), kw = g.kw();
        for (int s = 0; s < 4 * blocks; s++) {
            int b = s / 4, k = s % 4, ci = slotCi[s], py = slotPy[s], px = slotPx[s];
            if (k >= width) {
                continue; // unused slot of a 3-channel block
            }
            for (int co = 0, t = 0; co < g.cout(); co++) {
                for (int j = 0; j < kj; j++) {
                    int ky = py + g.sh() * (kj - 1 - j);
                    for (int i = 0; i < ki; i++, t++) {
                        int kx = px + g.sw() * (ki - 1 - i);
                        wp[(b * t0 + t) * 4 + k] = ky < kh && kx < kw ? w[wOff + ((co * cin + ci) * kh + ky) * kw + kx] : 0f;
                    }
                }
            }
        }
    }

    /**
     * Copies one image of {@code gy} into the padded layout; the margins stay zero from the
     * caller's one-time fill of the buffer.
     */
    void scatter(float[] gy, int gyOff, float[] dst, int dOff) {
        int ho = g.ho(), wo = g.wo(), len = Math.min(wo, rowStride - (ki - 1));
        for (int co = 0; co < g.cout(); co++) {
            for (int oy = 0; oy < ho && oy + kj - 1 < rows; oy++) {
                // rows of 14-16 floats: a vector copy, System.arraycopy's call costs more than the copy
                FewChannelKernels.copy(gy, gyOff + (co * ho + oy) * wo, dst,
                        dOff + co * channelSize + (oy + kj - 1) * rowStride + ki - 1, len);
            }
        }
    }
}
