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

    /**
     * @param f the algorithm
     * @param g a stride-1, square-padded geometry with {@code f}'s kernel size
     */
    WinogradTiles(WinogradAlgorithm f, ConvGeometry g) {
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
        int base = img * imageStride + extra;
        for (int i = 0; i < t; i++) {
            int iy = y0 + i;
            for (int j = 0; j < t; j++) {
                int ix = x0 + j;
                map.set(i * t + j, lane, base + iy * w + ix, iy >= 0 && iy < h && ix >= 0 && ix < w);
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
        int base = img * imageStride + extra;
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                map.set(i * M + j, lane, base + (y0 + i) * wo + x0 + j, y0 + i < ho && x0 + j < wo);
            }
        }
    }
}
