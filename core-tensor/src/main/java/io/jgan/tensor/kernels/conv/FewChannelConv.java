package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.Parallel;

/**
 * Direct SIMD convolution for layers with few input channels (the first layer of a discriminator:
 * 1 or 3 channels in, 64 out), where im2col + GEMM multiplies by a GEMM depth of only
 * {@code cin * kh * kw} = 25 or 48 and spends most of its time building and packing patches.
 *
 * <p>Forward: every input image is laid out in column phases ({@link PolyphasePlan}), so that at
 * stride 2 the inputs of consecutive output pixels of a row are consecutive floats. A register block
 * of 4 output channels by 4 output-row vectors then loads one input vector per row and one weight
 * per channel for each tap, and does 16 fused multiply-adds ({@link FewChannelKernels#block}).
 * Each output element is computed whole by one thread in tap order, so the result does not depend
 * on the thread count; images are split into chunks whose size depends only on the geometry.
 *
 * <p>The input gradient is in {@link FewChannelInputGrad}, the weight gradient in
 * {@link FewChannelWeightGrad} (im2col + GEMM where that measured faster, see
 * {@link FewChannelWeightGrad#pays}). Measured against im2col + GEMM in one JVM (1 thread, batch 64):
 * the forward pass 2-3 times faster, the input gradient 1.4-3 times, the weight gradient 1.3-2.7
 * times on 14x14 and 16x16 outputs.
 */
public final class FewChannelConv implements Conv {
    /** The shared instance (stateless; workspaces are per thread). */
    public static final FewChannelConv INSTANCE = new FewChannelConv();

    /** Most input channels this is meant for: more make a deep enough GEMM. */
    static final int MAX_CIN = 4;
    /** Chunks per batch to aim for, so the threads have work to share. */
    static final int CHUNKS = 16;

    private FewChannelConv() {}

    /**
     * @param g a geometry
     * @return whether {@link ConvPlanner} should send it here: at most {@value #MAX_CIN} input
     *     channels (and a non-empty batch)
     */
    public static boolean pays(ConvGeometry g) {
        return g.cin() <= MAX_CIN && g.n() > 0;
    }

    @Override
    public String name() {
        return "fewch";
    }

    @Override
    public void forward(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff,
                        float[] y, int yOff) {
        if (g.n() == 0) {
            return;
        }
        PolyphasePlan p = PolyphasePlan.of(g);
        boolean wide = wide(g, p);
        int bw = wide ? 8 : 4, nv = wide || FewChannelKernels.NARROW ? 2 : 4, taps = g.patch(), blocks = (g.cout() + bw - 1) / bw;
        FewChannelWorkspace ws = FewChannelWorkspace.get();
        float[] wp = ws.weights(blocks * bw * taps);
        float[] bp = ws.bias(blocks * bw);
        int[] ch = ws.channels(blocks * bw);
        packForward(g, w, wOff, bias, bOff, bw, wp, bp, ch);
        int vecEnd = (p.vectors + nv - 1) / nv * nv;
        int per = Math.max(1, g.n() / CHUNKS), chunks = (g.n() + per - 1) / per;
        Parallel.forChunks(chunks, c -> {
            FewChannelWorkspace local = FewChannelWorkspace.get();
            float[] pl = local.planes(p.imageSize), tile = local.scratch(16 * PolyphasePlan.L);
            java.util.Arrays.fill(pl, 0, p.imageSize, 0f); // the padding; scatter writes only pixels
            for (int i = c * per, end = Math.min(g.n(), i + per); i < end; i++) {
                p.scatter(x, xOff + i * g.inImage(), pl, 0, local.row(p.rowScratch()));
                int yBase = yOff + i * g.outImage();
                for (int b = 0; b < blocks; b++) {
                    for (int v = 0; v < vecEnd; v += nv) {
                        if (wide && direct(p, v + nv)) {
                            FewChannelKernels.block8x2(pl, 0, p.vecIn, v, p.taps, wp, b * 8 * taps, bp, b * 8,
                                    y, yBase + p.vecOut[v], yBase + p.vecOut[v + 1], ch, b * 8);
                            continue;
                        }
                        if (wide) {
                            FewChannelKernels.block8x2(pl, 0, p.vecIn, v, p.taps, wp, b * 8 * taps, bp, b * 8,
                                    tile, 0, 8 * PolyphasePlan.L, FewChannelKernels.TILE8, 0);
                        } else if (FewChannelKernels.NARROW) {
                            FewChannelKernels.block4x2(pl, 0, p.vecIn, v, p.taps, wp, b * 4 * taps, bp, b * 4, tile);
                        } else {
                            FewChannelKernels.block(pl, 0, p.vecIn, v, p.taps, wp, b * 4 * taps, bp, b * 4, tile);
                        }
                        FewChannelKernels.emit(tile, p.vecOut, p.vecLanes, v, nv, y, yBase, ch, b * bw, bw);
                    }
                }
            }
        });
    }

    /**
     * Whether the vectors before {@code end} may be stored whole, straight into the output: when
     * rows are whole vectors, or when a row is one vector and later vectors (written afterwards, in
     * row order) cover the lanes that spill into the next rows. The last row of a channel would spill
     * into the next channel's first row, written earlier, so it goes through the tile.
     */
    private static boolean direct(PolyphasePlan p, int end) {
        int wo = p.g.wo();
        // a row-oy vector spills up to row oy + (L - 1) / wo
        return wo % PolyphasePlan.L == 0 || (wo < PolyphasePlan.L && end - 1 + (PolyphasePlan.L - 1) / wo < p.vectors);
    }

    /** Test hook (tests and A/B runs only): 0 = choose by {@link #wide}, 4 = always 4x4, 8 = always 8x2. */
    static int forceKernel = 0;

    /**
     * The 8-channel by 2-vector block unless it wastes more multiply-adds than 4 by 4: the 4x4 block
     * repeats vectors to fill its last group of 4, the 8x2 block repeats channels to fill a block of 8.
     */
    static boolean wide(ConvGeometry g, PolyphasePlan p) {
        if (forceKernel != 0) {
            return forceKernel == 8;
        }
        if (FewChannelKernels.NARROW) {
            return false; // 16 registers: the 4x2 block (block8x2's 16 accumulators spill)
        }
        long narrow = (long) (g.cout() + 3) / 4 * 4 * ((p.vectors + 3) / 4 * 4);
        long wide = (long) (g.cout() + 7) / 8 * 8 * ((p.vectors + 1) / 2 * 2);
        return wide <= narrow; // on a tie 8x2 (measured 5-10% more multiply-adds per second than 4x4)
    }

    /**
     * Packs the weights as {@code [channel block][tap][bw]} (a block's weights of one tap are
     * adjacent), the biases per block and the output channel offsets. A last block with fewer than
     * {@code bw} channels repeats its last channel: the repeat computes and stores the same values again.
     */
    private static void packForward(ConvGeometry g, float[] w, int wOff, float[] bias, int bOff, int bw,
                                    float[] wp, float[] bp, int[] ch) {
        int taps = g.patch(), blocks = (g.cout() + bw - 1) / bw;
        for (int k = 0; k < blocks * bw; k++) {
            int co = Math.min(k, g.cout() - 1), b = k / bw, lane = k % bw;
            for (int t = 0; t < taps; t++) {
                wp[(b * taps + t) * bw + lane] = w[wOff + co * taps + t];
            }
            bp[k] = bias == null ? 0f : bias[bOff + co];
            ch[k] = co * g.outPixels();
        }
    }

    @Override
    public void inputGrad(ConvGeometry g, float[] gy, int gyOff, float[] w, int wOff, float[] dx, int dxOff) {
        FewChannelInputGrad.compute(g, gy, gyOff, w, wOff, dx, dxOff);
    }

    @Override
    public void weightGrad(ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] dw, int dwOff) {
        FewChannelWeightGrad.compute(g, x, xOff, gy, gyOff, dw, dwOff);
    }

    @Override
    public void biasGrad(int n, int channels, int pixels, float[] gy, int gyOff, float[] db, int dbOff) {
        Convs.gemm().biasGrad(n, channels, pixels, gy, gyOff, db, dbOff); // not a convolution: the shared sum
    }
}
