package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.Parallel;

/**
 * The weight gradient of {@link FewChannelConv}: {@code dw[co][t] = sum over images and output
 * pixels of gy * input at tap t}, from the same column-phase planes as the forward pass, in register
 * blocks of 4 channels by 4 taps whose 16 sums stay in vector registers over all of a chunk's images
 * ({@link FewChannelKernels#weightBlock}).
 *
 * <p>The batch is cut into a fixed number of chunks ({@value #CHUNKS} at most, never depending on the
 * thread count); chunk 0 writes its sums into {@code dw}, the others into partials that are added
 * afterwards in chunk order. Lanes are summed in a fixed order, so results are bit-identical for any
 * thread count.
 */
final class FewChannelWeightGrad {
    /** Most partial sums over the batch. */
    static final int CHUNKS = 4;
    /** Images per kernel call. */
    static final int SUB = 4;

    private FewChannelWeightGrad() {}

    /**
     * @param g a geometry with few input channels
     * @return whether this beats im2col + GEMM: output rows of at most one vector. On wider maps
     *     (32x32 outputs) it measured 0.6-0.7 times the GEMM's speed: a block's upstream gradient
     *     rows then span more than the caches hold across its channel and tap blocks.
     */
    static boolean pays(ConvGeometry g) {
        return g.wo() <= PolyphasePlan.L;
    }

    static void compute(ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] dw, int dwOff) {
        int size = g.weightSize();
        if (g.n() == 0) {
            java.util.Arrays.fill(dw, dwOff, dwOff + size, 0f);
            return;
        }
        PolyphasePlan p = PolyphasePlan.of(g);
        int taps = g.patch(), chBlocks = (g.cout() + 3) / 4, tapBlocks = (taps + 3) / 4;
        FewChannelWorkspace caller = FewChannelWorkspace.get();
        // per block slot: a channel's offset in gy and a tap's offset in the planes (repeats fill the last block)
        int[] idx = caller.channels(4 * (chBlocks + tapBlocks));
        for (int k = 0; k < 4 * chBlocks; k++) {
            idx[k] = Math.min(k, g.cout() - 1) * g.outPixels();
        }
        int tapBase = 4 * chBlocks;
        for (int j = 0; j < 4 * tapBlocks; j++) {
            idx[tapBase + j] = p.taps[Math.min(j, taps - 1)];
        }
        int chunks = Math.min(g.n(), CHUNKS);
        float[] partials = caller.partials((chunks - 1) * size);
        Parallel.forChunks(chunks, c -> {
            int n0 = (int) ((long) c * g.n() / chunks), n1 = (int) ((long) (c + 1) * g.n() / chunks), cnt = n1 - n0;
            float[] acc = c == 0 ? dw : partials;
            int accOff = c == 0 ? dwOff : (c - 1) * size;
            FewChannelWorkspace ws = FewChannelWorkspace.get();
            float[] pl = ws.planes(cnt * p.imageSize);
            java.util.Arrays.fill(pl, 0, cnt * p.imageSize, 0f);
            for (int i = 0; i < cnt; i++) {
                p.scatter(x, xOff + (n0 + i) * g.inImage(), pl, i * p.imageSize, ws.row(p.rowScratch()));
            }
            // lane sums of every block and column of vectors, added up over groups of SUB images so a
            // call's gy rows and planes stay in L1 (a call over all of a chunk's images is L2-bound)
            int cols = (g.wo() + PolyphasePlan.L - 1) / PolyphasePlan.L, vec = 16 * PolyphasePlan.L;
            float[] red = ws.partialLanes(cols * chBlocks * tapBlocks * vec), tmp = ws.scratch(vec);
            java.util.Arrays.fill(red, 0, cols * chBlocks * tapBlocks * vec, 0f);
            for (int i0 = 0; i0 < cnt; i0 += SUB) {
                int sub = Math.min(SUB, cnt - i0), gyBase = gyOff + (n0 + i0) * g.outImage();
                for (int cb = 0; cb < chBlocks; cb++) {
                    for (int tb = 0; tb < tapBlocks; tb++) {
                        for (int col = 0, ox = 0; col < cols; col++, ox += PolyphasePlan.L) {
                            if (FewChannelKernels.NARROW) { // the same 16 sums, 8 at a time
                                for (int j = 0; j < 4; j += 2) {
                                    FewChannelKernels.weightBlock4x2(pl, i0 * p.imageSize + ox, p.imageSize, gy,
                                            gyBase + ox, g.outImage(), sub, g.ho(), g.sh() * p.rowStride, g.wo(),
                                            Math.min(PolyphasePlan.L, g.wo() - ox), idx, 4 * cb, idx, tapBase + 4 * tb,
                                            j, tmp, 0);
                                }
                            } else {
                                FewChannelKernels.weightBlock(pl, i0 * p.imageSize + ox, p.imageSize, gy, gyBase + ox,
                                        g.outImage(), sub, g.ho(), g.sh() * p.rowStride, g.wo(),
                                        Math.min(PolyphasePlan.L, g.wo() - ox), idx, 4 * cb, idx, tapBase + 4 * tb, tmp, 0);
                            }
                            FewChannelKernels.addLanes(tmp, red, ((col * chBlocks + cb) * tapBlocks + tb) * vec);
                        }
                    }
                }
            }
            for (int cb = 0; cb < chBlocks; cb++) {
                for (int tb = 0; tb < tapBlocks; tb++) {
                    // columns of vectors added in column order
                    for (int col = 0; col < cols; col++) {
                        store(red, ((col * chBlocks + cb) * tapBlocks + tb) * vec, g, cb, tb, col > 0, acc, accOff);
                    }
                }
            }
        });
        for (int c = 1; c < chunks; c++) {
            int q = (c - 1) * size;
            for (int i = 0; i < size; i++) {
                dw[dwOff + i] += partials[q + i];
            }
        }
    }

    /**
     * Sums each of the 16 vectors' lanes in lane order into its (channel, tap), or adds the sum to it
     * for the second and later columns of vectors.
     */
    private static void store(float[] red, int redOff, ConvGeometry g, int cb, int tb, boolean add, float[] acc, int accOff) {
        int taps = g.patch(), l = PolyphasePlan.L;
        for (int k = 0; k < 4 && 4 * cb + k < g.cout(); k++) { // repeats of the last channel or tap: skipped
            int co = 4 * cb + k;
            for (int j = 0; j < 4 && 4 * tb + j < taps; j++) {
                int t = 4 * tb + j, r = redOff + (4 * k + j) * l;
                float s = 0f;
                for (int i = 0; i < l; i++) {
                    s += red[r + i];
                }
                acc[accOff + co * taps + t] = add ? acc[accOff + co * taps + t] + s : s;
            }
        }
    }
}
