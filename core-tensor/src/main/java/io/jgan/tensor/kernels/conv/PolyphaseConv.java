package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.Parallel;

/**
 * Stride-2 convolutions as stride-1 3x3 Winograd convolutions over the input's four pixel phases.
 *
 * <p>With stride 2, output {@code o} reads input {@code 2 o + k - p} through tap {@code k}. Writing
 * {@code k - p = 2 d + q} ({@code q} = 0 or 1), tap {@code k} reads pixel {@code o + d} of the phase
 * image {@code x_q[i] = x[2 i + q]}: in two dimensions the convolution is the sum over the four
 * phases {@code (qy, qx)} of stride-1 convolutions of half-size images, each with the taps of its
 * phase. For a 5x5 kernel with padding 2 (and 4x4 with padding 1, 3x3 with 1, 6x6 with 2) every
 * phase's taps fall at offsets {@code d = -1, 0, 1}, so stacking the phases as channels gives one
 * stride-1 3x3 convolution with padding 1 and {@code 4 cin} input channels (the taps a phase lacks are
 * zero), which {@link WinogradConv} computes with F(4x4, 3x3). Its GEMMs do 36 multiply-adds per
 * 4x4 tile and stacked channel: on the DCGAN's 7x7 maps (4 tiles for 49 outputs) that is 11.8 per
 * output and input channel against im2col's 25; {@link #pays} takes the geometries where the saving
 * outweighs the transforms.
 *
 * <p>Forward: rearrange the weights and convolve, the tile gathers reading each phase of {@code x}
 * in place. Input gradient: the stacked convolution's input gradient, its tile scatters writing each
 * phase into {@code dx} in place (the phases partition the pixels, so every pixel is written once).
 * Weight gradient: the stacked one's from a channels-last copy of the phases (so a tile entry's
 * channels are one vector load), read back at the real taps. The copies are parallel over images
 * with nothing summed, so results are bit-identical for any thread count as Winograd's are.
 */
final class PolyphaseConv implements Conv {
    /** The shared instance (stateless; buffers are per thread). */
    static final PolyphaseConv INSTANCE = new PolyphaseConv();
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    /** Side of the stacked kernel. */
    private static final int K3 = 3;
    /**
     * Least {@link #saving} to take this path. Measured per pass against im2col + GEMM (1 and 2
     * threads): the DCGAN's 5x5 layer on 14x14 (saving 2.1) 1.1-1.7 times faster, a 4x4 layer on
     * 32x32 (1.8) 1.05-1.4 times, a 4x4 layer on 14x14 (1.4, its 7x7 maps waste a third of the tiles)
     * 0.7-1.05 times.
     */
    static final double MIN_SAVING = 1.7;
    /** Output channels per parallel chunk of the weight rearrangements. */
    private static final int ROWS_PER_CHUNK = 16;

    private PolyphaseConv() {}

    /**
     * @param g a geometry
     * @return whether this implementation can compute it: stride 2, even input sizes, a square
     *     kernel of side {@code 2p + 1} or {@code 2p + 2} with equal padding {@code p} of 1 or 2
     *     (so each phase's taps fit 3x3 and the output is half the input)
     */
    static boolean supports(ConvGeometry g) {
        int k = g.kh(), p = g.ph();
        return g.sh() == 2 && g.sw() == 2 && g.kw() == k && g.pw() == p && (p == 1 || p == 2)
                && (k == 2 * p + 1 || k == 2 * p + 2) && g.h() % 2 == 0 && g.w() % 2 == 0
                && WinogradConv.supports(phased(g));
    }

    /**
     * @param g a geometry
     * @return whether this implementation should compute it: it {@linkplain #supports supports} it,
     *     the stacked convolution has Winograd's minimum channels and tiles, and it does at most
     *     1 / {@value #MIN_SAVING} of im2col's multiply-adds
     */
    static boolean pays(ConvGeometry g) {
        if (!supports(g)) {
            return false;
        }
        ConvGeometry s = phased(g);
        return s.cin() >= WinogradConv.MIN_CHANNELS && s.cout() >= WinogradConv.MIN_CHANNELS
                && WinogradTiles.count(s) >= WinogradConv.MIN_TILES && saving(g) >= MIN_SAVING;
    }

    /**
     * @return im2col's multiply-adds over the stacked Winograd GEMMs': {@code k^2 ho wo} per channel
     *     pair against 36 per tile and stacked channel, 4 stacked channels per input channel
     */
    static double saving(ConvGeometry g) {
        ConvGeometry s = phased(g);
        double tiles = (double) WinogradTiles.count(s) / g.n();
        return (double) g.kh() * g.kw() * g.ho() * g.wo() / (4.0 * 36 * tiles);
    }

    /** @return the stacked stride-1 3x3 geometry of {@code g}: 4 cin channels of half-size phase images */
    static ConvGeometry phased(ConvGeometry g) {
        return new ConvGeometry(g.n(), 4 * g.cin(), g.h() / 2, g.w() / 2, g.cout(), K3, K3, 1, 1, 1, 1);
    }

    @Override
    public String name() {
        return "polyphase-winograd";
    }

    @Override
    public void forward(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff,
                        float[] y, int yOff) {
        require(g);
        ConvGeometry s = phased(g);
        Buffers b = BUFFERS.get();
        float[] ws = b.weights(s.weightSize());
        stackWeights(g, w, wOff, ws);
        WinogradConv.INSTANCE.forward(s, x, xOff, ws, 0, bias, bOff, y, yOff, true); // reads x's phases in place
    }

    @Override
    public void inputGrad(ConvGeometry g, float[] gy, int gyOff, float[] w, int wOff, float[] dx, int dxOff) {
        transposed(g, gy, gyOff, w, wOff, null, 0, dx, dxOff);
    }

    /** The input gradient plus the bias, added as the output tiles are written (no second pass). */
    @Override
    public void transposed(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff,
                           float[] y, int yOff) {
        require(g);
        ConvGeometry s = phased(g);
        Buffers b = BUFFERS.get();
        float[] ws = b.weights(s.weightSize());
        stackWeights(g, w, wOff, ws);
        float[] stacked = null;
        if (bias != null) { // stacked channel 4c + q is phase q of channel c
            stacked = b.bias(s.cin());
            for (int c = 0; c < s.cin(); c++) {
                stacked[c] = bias[bOff + c / 4];
            }
        }
        // writes y's phases in place
        WinogradConv.INSTANCE.inputGrad(s, x, xOff, ws, 0, stacked, 0, y, yOff, true);
    }

    @Override
    public void weightGrad(ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] dw, int dwOff) {
        require(g);
        ConvGeometry s = phased(g);
        Buffers b = BUFFERS.get();
        float[] xs = b.images(g.n() * g.inImage());
        splitChannelsLast(g, x, xOff, xs); // the weight gradient reads a tile entry's channels as vectors
        float[] dws = b.weights(s.weightSize());
        WinogradWeightGrad.compute(WinogradAlgorithm.F4X4_3X3, s, xs, 0, gy, gyOff, dws, 0, true);
        unstackWeights(g, dws, dw, dwOff);
    }

    @Override
    public void biasGrad(int n, int channels, int pixels, float[] gy, int gyOff, float[] db, int dbOff) {
        Convs.gemm().biasGrad(n, channels, pixels, gy, gyOff, db, dbOff); // not a convolution: the shared sum
    }

    private static void require(ConvGeometry g) {
        if (!supports(g)) {
            throw new IllegalArgumentException("polyphase: unsupported geometry " + g);
        }
    }

    /** @return phase (0 or 1) of tap {@code k} under padding {@code p} */
    private static int phase(int k, int p) {
        return Math.floorMod(k - p, 2);
    }

    /** @return index (0..2) in the stacked 3x3 kernel of tap {@code k} under padding {@code p} */
    private static int stackedTap(int k, int p) {
        return Math.floorDiv(k - p, 2) + 1;
    }

    /**
     * Where each pixel of the phase planes comes from: entry {@code q * plane + i * w/2 + j} is the
     * index in the full-size plane of pixel {@code (i, j)} of phase {@code q}. One table lookup per
     * copied float instead of the index arithmetic of four nested loops.
     */
    private static int[] phaseTable(ConvGeometry g, Buffers b) {
        final int w = g.w(), h2 = g.h() / 2, w2 = w / 2, plane = h2 * w2;
        int[] perm = b.table(4 * plane);
        for (int q = 0; q < 4; q++) {
            for (int i = 0; i < h2; i++) {
                for (int j = 0; j < w2; j++) {
                    perm[q * plane + i * w2 + j] = (2 * i + (q >> 1)) * w + 2 * j + (q & 1);
                }
            }
        }
        return perm;
    }

    /**
     * The phase images, channels last: {@code xs[n][i][j][4 c + 2 qy + qx] = x[n][c][2 i + qy][2 j + qx]},
     * images in parallel.
     */
    static void splitChannelsLast(ConvGeometry g, float[] x, int xOff, float[] xs) {
        final int cin = g.cin(), hw = g.h() * g.w(), plane = hw / 4, stacked = 4 * cin;
        final int[] perm = phaseTable(g, BUFFERS.get());
        // channels innermost: the stores run on, and the loads walk the image's channel planes (L1-sized)
        Parallel.forChunks(g.n(), img -> {
            int src = xOff + img * cin * hw;
            for (int k = 0; k < plane; k++) {
                int dst = (img * plane + k) * stacked;
                int p0 = src + perm[k], p1 = src + perm[plane + k], p2 = src + perm[2 * plane + k];
                int p3 = src + perm[3 * plane + k];
                for (int c = 0; c < cin; c++) {
                    int d = dst + 4 * c, o = c * hw;
                    xs[d] = x[p0 + o];
                    xs[d + 1] = x[p1 + o];
                    xs[d + 2] = x[p2 + o];
                    xs[d + 3] = x[p3 + o];
                }
            }
        });
    }

    /**
     * Where each tap goes in the stacked weights: entry {@code ky * k + kx} is its offset from
     * stacked channel {@code 4 c} of the same output channel, {@code 9 q + 3 ty + tx}.
     */
    private static int[] tapTable(ConvGeometry g, Buffers b) {
        final int k = g.kh(), p = g.ph(), cin = g.cin();
        int[] rel = b.table(k * k);
        for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
                int q = 2 * phase(ky, p) + phase(kx, p);
                rel[ky * k + kx] = q * K3 * K3 + stackedTap(ky, p) * K3 + stackedTap(kx, p);
            }
        }
        return rel;
    }

    /**
     * The stacked 3x3 weights {@code [cout, 4 cin, 3, 3]} (input channel {@code c}'s phase {@code q}
     * at stacked channel {@code 4 c + q}): each tap at its phase and offset, zero elsewhere.
     */
    static void stackWeights(ConvGeometry g, float[] w, int wOff, float[] ws) {
        final int cin = g.cin(), taps = g.kh() * g.kw(), stacked = 4 * cin * K3 * K3;
        final int[] rel = tapTable(g, BUFFERS.get());
        Parallel.forChunks((g.cout() + ROWS_PER_CHUNK - 1) / ROWS_PER_CHUNK, ch -> {
            int co1 = Math.min(g.cout(), (ch + 1) * ROWS_PER_CHUNK);
            java.util.Arrays.fill(ws, ch * ROWS_PER_CHUNK * stacked, co1 * stacked, 0f);
            for (int co = ch * ROWS_PER_CHUNK; co < co1; co++) {
                for (int c = 0; c < cin; c++) {
                    int src = wOff + (co * cin + c) * taps, dst = co * stacked + 4 * c * K3 * K3;
                    for (int t = 0; t < taps; t++) {
                        ws[dst + rel[t]] = w[src + t];
                    }
                }
            }
        });
    }

    /** The inverse of {@link #stackWeights} at the real taps: the weight gradient from the stacked one. */
    static void unstackWeights(ConvGeometry g, float[] dws, float[] dw, int dwOff) {
        final int cin = g.cin(), taps = g.kh() * g.kw(), stacked = 4 * cin * K3 * K3;
        final int[] rel = tapTable(g, BUFFERS.get());
        Parallel.forChunks((g.cout() + ROWS_PER_CHUNK - 1) / ROWS_PER_CHUNK, ch -> {
            for (int co = ch * ROWS_PER_CHUNK; co < Math.min(g.cout(), (ch + 1) * ROWS_PER_CHUNK); co++) {
                for (int c = 0; c < cin; c++) {
                    int dst = dwOff + (co * cin + c) * taps, src = co * stacked + 4 * c * K3 * K3;
                    for (int t = 0; t < taps; t++) {
                        dw[dst + t] = dws[src + rel[t]];
                    }
                }
            }
        });
    }

    /** Per-thread buffers, grown on demand and kept for the next call. */
    private static final class Buffers {
        private float[] images = new float[0];
        private float[] weights = new float[0];
        private int[] table = new int[0];
        private float[] bias = new float[0];

        /** @return at least {@code size} floats for the stacked bias */
        float[] bias(int size) {
            if (bias.length < size) {
                bias = new float[size];
            }
            return bias;
        }

        /** @return at least {@code size} ints for an index table */
        int[] table(int size) {
            if (table.length < size) {
                table = new int[size];
            }
            return table;
        }

        /** @return at least {@code size} floats for the phase images or their gradient */
        float[] images(int size) {
            if (images.length < size) {
                images = new float[size];
            }
            return images;
        }

        /** @return at least {@code size} floats for the stacked weights or their gradient */
        float[] weights(int size) {
            if (weights.length < size) {
                weights = new float[size];
            }
            return weights;
        }
    }
}
