package io.jgan.tensor.kernels.conv;

import static io.jgan.tensor.kernels.conv.WinogradMatrices.M;

/**
 * How a stride-1 convolution's output is cut into 4x4 tiles, and where each tile's input and output
 * blocks lie in the images ({@link TileMap}s, for the copies to and from the lane-interleaved scratch
 * that {@link TileTransform} works on: entry {@code k} of lane {@code l} at {@code k * L + l}).
 *
 * <p>Tiles are numbered over the whole batch, image by image, row by row, so one GEMM can cover
 * tiles of several images (a 7x7 map has only 4). Tile {@code (ty, tx)} produces output rows
 * {@code 4 ty .. 4 ty + 3} and reads input rows {@code 4 ty - pad .. 4 ty - pad + t - 1} ({@code t} the
 * algorithm's input block side); whatever falls
 * outside the image (the padding, and the ragged last row and column of tiles) reads as zero, and
 * outputs past the edge are dropped.
 */
final class WinogradTiles {
    /** Input block side. */
    final int t;
    final int h;
    final int w;
    final int pad;
    final int ho;
    final int wo;
    /** Tiles per column of an image. */
    final int tilesH;
    /** Tiles per row of an image. */
    final int tilesW;
    /** Tiles per image. */
    final int perImage;
    /** Tiles in the batch. */
    final int count;
    /** Channels per phase of a phase-stacked input ({@link #inputChannel}), 0 for a plain one. */
    private final int inPhases;
    /** Channels per phase of a phase-stacked output ({@link #outputChannel}), 0 for a plain one. */
    private final int outPhases;

    /**
     * @param f the algorithm
     * @param g a stride-1, square-padded geometry with {@code f}'s kernel size
     */
    WinogradTiles(WinogradAlgorithm f, ConvGeometry g) {
        this(f, g, false, false);
    }

    /**
     * Tiles whose input or output arrays may be phase-stacked ({@link PolyphaseConv}): {@code g}'s
     * {@code 4c} channels of {@code h x w} are then the four pixel phases of {@code c} channels of
     * a {@code 2h x 2w} array, pixel {@code (i, j)} of phase {@code (qy, qx)} of channel {@code k}
     * (stacked channel {@code 4 k + 2 qy + qx}) lying at {@code (2 i + qy, 2 j + qx)}. Reading and
     * writing through this addressing spares the copies that would split and merge the phases; the
     * four phases of a channel are consecutive so the gathers of one reuse the cache lines of another.
     *
     * @param phasedIn whether the input array is phase-stacked
     * @param phasedOut whether the output array is phase-stacked
     */
    WinogradTiles(WinogradAlgorithm f, ConvGeometry g, boolean phasedIn, boolean phasedOut) {
        inPhases = phasedIn ? g.cin() / 4 : 0;
        outPhases = phasedOut ? g.cout() / 4 : 0;
        t = f.t;
        h = g.h();
        w = g.w();
        pad = g.ph();
        ho = g.ho();
        wo = g.wo();
        tilesH = (ho + M - 1) / M;
        tilesW = (wo + M - 1) / M;
        perImage = tilesH * tilesW;
        count = g.n() * perImage;
    }

    /** @return offset of input channel {@code c}'s first pixel from the image's */
    int inputChannel(int c) {
        return channel(c, inPhases, h, w);
    }

    /** @return offset of output channel {@code c}'s first pixel from the image's */
    int outputChannel(int c) {
        return channel(c, outPhases, ho, wo);
    }

    private static int channel(int c, int phases, int rows, int cols) {
        if (phases == 0) {
            return c * rows * cols;
        }
        int q = c & 3;
        return (c >> 2) * 4 * rows * cols + (q >> 1) * 2 * cols + (q & 1);
    }

    /** @return tiles in the batch of {@code g} */
    static int count(ConvGeometry g) {
        return g.n() * ((g.ho() + M - 1) / M) * ((g.wo() + M - 1) / M);
    }

    /**
     * Maps lane {@code lane} of {@code map} to the input block of tile {@code tile} (absent where it
     * falls outside the image, all absent past the batch). Indices are relative to the first
     * channel of the batch plus {@code extra}.
     *
     * @param imageStride floats per image of the array (channels x h x w)
     */
    void mapInput(int tile, int imageStride, int extra, TileMap map, int lane) {
        if (tile >= count) {
            map.off(lane, t * t);
            return;
        }
        int img = tile / perImage, r = tile % perImage;
        int y0 = (r / tilesW) * M - pad, x0 = (r % tilesW) * M - pad;
        int base = img * imageStride + extra, step = inPhases == 0 ? 1 : 2;
        for (int i = 0; i < t; i++) {
            int iy = y0 + i;
            for (int j = 0; j < t; j++) {
                int ix = x0 + j;
                map.set(i * t + j, lane, base + (iy * step * w + ix) * step, iy >= 0 && iy < h && ix >= 0 && ix < w);
            }
        }
    }

    /**
     * Maps lane {@code lane} of {@code map} to the 4x4 output block of tile {@code tile} (absent past
     * the edge or the batch), relative to the first channel of the batch plus {@code extra}.
     *
     * @param imageStride floats per image of the array (channels x ho x wo)
     */
    void mapOutput(int tile, int imageStride, int extra, TileMap map, int lane) {
        if (tile >= count) {
            map.off(lane, M * M);
            return;
        }
        int img = tile / perImage, r = tile % perImage;
        int y0 = (r / tilesW) * M, x0 = (r % tilesW) * M;
        int base = img * imageStride + extra, step = outPhases == 0 ? 1 : 2;
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                map.set(i * M + j, lane, base + ((y0 + i) * step * wo + x0 + j) * step, y0 + i < ho && x0 + j < wo);
            }
        }
    }
}
