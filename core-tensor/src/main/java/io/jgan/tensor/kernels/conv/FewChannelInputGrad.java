package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.Parallel;

/**
 * The input gradient of {@link FewChannelConv} (also the forward pass of a transposed convolution
 * with few output channels, such as a generator's last layer): per output phase, a stride-1
 * correlation of the zero-padded upstream gradient with the phase's sub-kernel ({@link TransposedPlan}),
 * run by the forward register block ({@link FewChannelKernels#block}) with the {@code cin x phases}
 * "virtual channels" as its 4 channels and {@code cout x kj x ki} taps. The tile is then scattered
 * to {@code dx} with the phase's stride. Every element of {@code dx} is summed whole by one thread in
 * tap order; chunks of images depend only on the geometry.
 */
final class FewChannelInputGrad {
    private static final float[] NO_BIAS = new float[4];

    private FewChannelInputGrad() {}

    static void compute(ConvGeometry g, float[] gy, int gyOff, float[] w, int wOff, float[] dx, int dxOff) {
        if (g.n() == 0) {
            return;
        }
        TransposedPlan p = TransposedPlan.of(g);
        int taps = p.taps.length;
        float[] wp = FewChannelWorkspace.get().weights(p.blocks * 4 * taps);
        p.packWeights(w, wOff, wp);
        int per = Math.max(1, g.n() / FewChannelConv.CHUNKS), chunks = (g.n() + per - 1) / per;
        Parallel.forChunks(chunks, c -> {
            FewChannelWorkspace local = FewChannelWorkspace.get();
            float[] pl = local.planes(p.imageSize), tile = local.scratch(16 * TransposedPlan.L);
            java.util.Arrays.fill(pl, 0, p.imageSize, 0f); // the margins; scatter writes only gy
            for (int i = c * per, end = Math.min(g.n(), i + per); i < end; i++) {
                p.scatter(gy, gyOff + i * g.outImage(), pl, 0);
                int dxBase = dxOff + i * g.inImage();
                for (int b = 0; b < p.blocks; b++) {
                    if (FewChannelKernels.NARROW) { // 16 registers: 2 vectors at a time (slot 3 of a 3-wide block is computed, never emitted)
                        for (int v = p.blockFrom[b]; v < p.blockTo[b]; v += 2) {
                            FewChannelKernels.block4x2(pl, 0, p.vecIn, v, p.taps, wp, b * 4 * taps, NO_BIAS, 0, tile);
                            emit(p, tile, v, 2, b, dx, dxBase);
                        }
                        continue;
                    }
                    for (int v = p.blockFrom[b]; v < p.blockTo[b]; v += 4) {
                        if (p.width == 3) {
                            FewChannelKernels.block3x4(pl, 0, p.vecIn, v, p.taps, wp, b * 4 * taps, tile);
                        } else {
                            FewChannelKernels.block(pl, 0, p.vecIn, v, p.taps, wp, b * 4 * taps, NO_BIAS, 0, tile);
                        }
                        emit(p, tile, v, 4, b, dx, dxBase);
                    }
                }
            }
        });
    }

    /**
     * Scatters a tile's lanes to dx, {@code sw} apart (a phase's columns), keeping only each slot's
     * own phase rows and columns (a class computes the union of its phases' ranges).
     */
    private static void emit(TransposedPlan p, float[] tile, int v, int vectors, int b, float[] dx, int dxBase) {
        int sw = p.g.sw(), l = TransposedPlan.L;
        for (int r = 0; r < vectors; r++) {
            int a = p.vecRow[v + r], col = p.vecCol[v + r], o = dxBase + p.vecOut[v + r];
            for (int k = 0; k < p.width; k++) {
                int slot = 4 * b + k;
                if (a < p.slotRows[2 * slot] || a >= p.slotRows[2 * slot + 1]) {
                    continue;
                }
                int from = Math.max(0, p.slotCols[2 * slot] - col);
                int to = Math.min(p.vecLanes[v + r], p.slotCols[2 * slot + 1] - col);
                int d = o + p.slotOut[slot], src = (4 * r + k) * l;
                for (int lane = from; lane < to; lane++) {
                    dx[d + lane * sw] = tile[src + lane];
                }
            }
        }
    }
}
