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
 * <p>The forward kernels share one input vector among 4 channels, so their 4 channels must read the
 * same rows and columns: virtual channels are grouped into classes of phases whose first row and
 * column (and counts) agree, and each class into blocks of 4 (the last repeating its last channel).
 * For {@code 5x5} stride 2 pad 2 on 28x28 all 4 phases form one class; for {@code 4x4} stride 2 pad
 * 1 each phase is its own class.
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
    /** Blocks of 4 virtual channels. */
    final int blocks;
    /** Per block: first and end vector (in groups of 4) of its class. */
    final int[] blockFrom, blockTo;
    /** Per block slot: the virtual channel's {@code ci}, {@code py} and {@code px}. */
    final int[] slotCi, slotPy, slotPx;
    /** Per block slot: offset in one image of dx of the channel and phase origin (row a=0, column b=0). */
    final int[] slotOut;
    /** Per vector: offset of its inputs in the padded gradient, of its outputs in dx (from a slot's origin), lanes. */
    final int[] vecIn, vecOut, vecLanes;

    private TransposedPlan(ConvGeometry g) {
        this.g = g;
        int sh = g.sh(), sw = g.sw(), phases = sh * sw;
        kj = (g.kh() + sh - 1) / sh;
        ki = (g.kw() + sw - 1) / sw;
        // each phase's rows a in [aLo, aLo + na) and columns b in [bLo, bLo + nb) that hold dx pixels
        int[] aLo = new int[phases], na = new int[phases], bLo = new int[phases], nb = new int[phases];
        int maxRow = 0, maxCol = 0;
        for (int py = 0; py < sh; py++) {
            for (int px = 0; px < sw; px++) {
                int f = py * sw + px;
                aLo[f] = Math.max(0, Math.floorDiv(g.ph() - py + sh - 1, sh));
                na[f] = Math.floorDiv(g.ph() + g.h() - 1 - py, sh) - aLo[f] + 1;
                bLo[f] = Math.max(0, Math.floorDiv(g.pw() - px + sw - 1, sw));
                nb[f] = Math.floorDiv(g.pw() + g.w() - 1 - px, sw) - bLo[f] + 1;
                if (na[f] > 0 && nb[f] > 0) {
                    maxRow = Math.max(maxRow, aLo[f] + na[f]);
                    maxCol = Math.max(maxCol, bLo[f] + (nb[f] + L - 1) / L * L);
                }
            }
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
        // classes: phases with equal ranges, in phase order
        int[] cls = new int[phases];
        int classes = 0;
        int[] rep = new int[phases];
        for (int f = 0; f < phases; f++) {
            cls[f] = -1;
            if (na[f] <= 0 || nb[f] <= 0) {
                continue;
            }
            for (int c = 0; c < classes && cls[f] < 0; c++) {
                int r = rep[c];
                if (aLo[r] == aLo[f] && na[r] == na[f] && bLo[r] == bLo[f] && nb[r] == nb[f]) {
                    cls[f] = c;
                }
            }
            if (cls[f] < 0) {
                rep[classes] = f;
                cls[f] = classes++;
            }
        }
        int nBlocks = 0, nVec = 0;
        for (int c = 0; c < classes; c++) {
            int members = 0;
            for (int f = 0; f < phases; f++) {
                members += cls[f] == c ? g.cin() : 0;
            }
            int r = rep[c], perRow = (nb[r] + L - 1) / L;
            nBlocks += (members + 3) / 4;
            nVec += (na[r] * perRow + 3) / 4 * 4;
        }
        blocks = nBlocks;
        blockFrom = new int[nBlocks];
        blockTo = new int[nBlocks];
        slotCi = new int[4 * nBlocks];
        slotPy = new int[4 * nBlocks];
        slotPx = new int[4 * nBlocks];
        slotOut = new int[4 * nBlocks];
        vecIn = new int[nVec];
        vecOut = new int[nVec];
        vecLanes = new int[nVec];
        int b = 0, v = 0;
        for (int c = 0; c < classes; c++) {
            int r = rep[c], perRow = (nb[r] + L - 1) / L, count = na[r] * perRow, from = v;
            for (int i = 0; i < (count + 3) / 4 * 4; i++, v++) {
                int u = Math.min(i, count - 1), a = aLo[r] + u / perRow, b0 = bLo[r] + (u % perRow) * L;
                vecIn[v] = a * rowStride + b0;
                vecOut[v] = a * sh * g.w() + b0 * sw;
                vecLanes[v] = Math.min(L, bLo[r] + nb[r] - b0);
            }
            int k = 0, firstSlot = 4 * b;
            for (int f = 0; f < phases; f++) {
                for (int ci = 0; ci < g.cin() && cls[f] == c; ci++, k++) {
                    setSlot(firstSlot + k, ci, f / sw, f % sw);
                }
            }
            for (; k % 4 != 0; k++) { // repeat the last channel to fill the block
                int last = firstSlot + k - 1;
                setSlot(firstSlot + k, slotCi[last], slotPy[last], slotPx[last]);
            }
            for (int i = 0; i < k / 4; i++, b++) {
                blockFrom[b] = from;
                blockTo[b] = v;
            }
        }
    }

    private void setSlot(int slot, int ci, int py, int px) {
        slotCi[slot] = ci;
        slotPy[slot] = py;
        slotPx[slot] = px;
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
                System.arraycopy(gy, gyOff + (co * ho + oy) * wo, dst,
                        dOff + co * channelSize + (oy + kj - 1) * rowStride + ki - 1, len);
            }
        }
    }
}
