package io.jgan.tensor.kernels.conv;

import static io.jgan.tensor.kernels.conv.TileTransform.L;
import static io.jgan.tensor.kernels.conv.WinogradMatrices.M;

import io.jgan.tensor.Parallel;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * The weight gradient of {@link WinogradConv}, the adjoint of its forward pass: per tile the forward
 * computes {@code Y = A^T [sum_ci U[co, ci] . V[ci]] A}, so with {@code dM = A dY A^T} (the upstream
 * gradient's 4x4 block, zero past the edge) the gradient of {@code U} is
 * {@code dU[co, ci] = sum over tiles of dM[co] . V[ci]}: one GEMM per point
 * {@code dU_p (cout x cin) = dM_p (cout x tiles) V_p^T (tiles x cin)} whose depth is the batch's
 * tiles, and then {@code dg = G^T dU G}. Exact, not an approximation: the output tiles do not
 * overlap.
 *
 * <p>The sum over tiles is the GEMMs' depth, never split between threads: the tiles are processed
 * in super-chunks of a size fixed by the geometry, in order, each adding into {@code dU}; inside a
 * super-chunk the transforms run in parallel over groups of tiles and the 64 GEMMs in parallel over
 * the points. So the result is bit-identical for any thread count, without partial sums.
 */
final class WinogradWeightGrad {
    /**
     * Most floats of one super-chunk's transformed tiles (both operands; 24 MiB): the whole batch of
     * the DCGAN layer (256 tiles, 128 + 256 channels) fits, so each point's gradient matrix gets all
     * its depth blocks while it is in L2. Measured against half of this (two super-chunks): 8% faster.
     */
    static final int SUPER_BUDGET = 6 << 20;
    /** Tiles per parallel transform unit (even: the upstream gradient is packed in pairs of tiles). */
    static final int UNIT_TILES = 16;

    private WinogradWeightGrad() {}

    /** @return tiles per super-chunk */
    static int superTiles(WinogradAlgorithm f, ConvGeometry g, int count) {
        // whole blocks of the GEMM depth: a short block costs a C update for little work
        int byBudget = SUPER_BUDGET / (f.points * (g.cin() + g.cout())) / Panels.DEPTH * Panels.DEPTH;
        return Math.max(Panels.DEPTH, Math.min(byBudget, count));
    }

    /**
     * The weight gradient of {@code g} by algorithm {@code f}.
     *
     * @param channelsLast whether {@code x} is laid out {@code [n, h, w, cin]} instead of NCHW: then a
     *     tile entry's channels are contiguous and are read with vector loads, not gathered (the
     *     layout {@link PolyphaseConv} writes its phase images in)
     */
    static void compute(WinogradAlgorithm f, ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] dw,
                        int dwOff, boolean channelsLast) {
        final int cin = g.cin(), cout = g.cout(), points = f.points;
        final WinogradTiles tiles = new WinogradTiles(f, g);
        WinogradWorkspace ws = WinogradWorkspace.get();
        // dU_p (cout x cin): element (co, ci) at co * rs + p * ld + ci, one channel's 64 matrices together
        final int ld = Panels.roundUp(cin, L), rs = Panels.spread(points * ld);
        final float[] du = ws.weights(cout * rs);
        if (tiles.count == 0) {
            java.util.Arrays.fill(dw, dwOff, dwOff + g.weightSize(), 0f);
            return;
        }
        final int size = superTiles(f, g, tiles.count);
        for (int t0 = 0; t0 < tiles.count; t0 += size) {
            final int start = t0, cnt = Math.min(size, tiles.count - t0);
            final int aStride = Panels.leftStride(cout, cnt), vStride = Panels.rightStride(cnt, cin);
            final float[] a = ws.left(points * aStride);
            final float[] v = ws.right(points * vStride);
            Parallel.forChunks((cnt + UNIT_TILES - 1) / UNIT_TILES, unit -> {
                int j1 = Math.min(cnt, (unit + 1) * UNIT_TILES);
                touchImages(tiles, x, xOff, cin * tiles.h * tiles.w, gy, gyOff, cout * tiles.ho * tiles.wo,
                        start + unit * UNIT_TILES, start + j1);
                for (int j = unit * UNIT_TILES; j < j1; j++) {
                    if (channelsLast) {
                        transformInputChannelsLast(f, tiles, x, xOff, cin, start + j, j, cnt, v, vStride);
                    } else {
                        transformInput(f, tiles, x, xOff, cin, start + j, j, cnt, v, vStride);
                    }
                }
                for (int j = unit * UNIT_TILES; j < j1; j += WinogradWeights.COLS) {
                    transformGradient(f, tiles, gy, gyOff, cout, start, j, cnt, a, aStride);
                }
            });
            final float beta = t0 == 0 ? 0f : 1f;
            Parallel.forChunks(points, p -> Panels.multiply(cout, cin, cnt, a, p * aStride, v, p * vStride, beta,
                    du, p * ld, rs));
        }
        WinogradWeights.backTransform(f, du, ld, rs, cout, cin, dw, dwOff);
    }

    /** The images of tiles {@code [t0, t1)}, input and gradient, into the caches ahead of the gathers ({@link Touch}). */
    private static void touchImages(WinogradTiles tiles, float[] x, int xOff, int inImage, float[] gy, int gyOff,
                                    int outImage, int t0, int t1) {
        int first = t0 / tiles.perImage, last = (t1 - 1) / tiles.perImage;
        float[] sink = WinogradWorkspace.get().sink;
        Touch.range(x, xOff + first * inImage, xOff + (last + 1) * inImage, sink);
        Touch.range(gy, gyOff + first * outImage, gyOff + (last + 1) * outImage, sink);
    }

    /** {@code V^T} of tile {@code t}: row {@code j} of the packed right operands, channels in the lanes. */
    private static void transformInput(WinogradAlgorithm f, WinogradTiles tiles, float[] x, int xOff, int cin, int t, int j, int cnt,
                                       float[] v, int vStride) {
        WinogradWorkspace ws = WinogradWorkspace.get();
        final int hw = tiles.h * tiles.w;
        // one map serves every group of channels but a ragged last one; double-buffered as in
        // WinogradConv.transformInputs: group c0 + L is gathered before group c0 is transformed
        final int np = Panels.roundUp(cin, Panels.NR);
        int built = mapChannels(f, tiles, t, cin, hw, 0, -1, ws.map);
        float[] cur = ws.tile, next = ws.tile2;
        ws.map.gather(x, xOff, f.points, cur);
        for (int c0 = 0; c0 < np; c0 += L) {
            if (c0 + L < np) {
                built = mapChannels(f, tiles, t, cin, hw, c0 + L, built, ws.map);
                ws.map.gather(x, xOff + (c0 + L) * hw, f.points, next);
            }
            TileTransform.input(f, cur, 0, f.t * L, L, ws.tmp, v, Panels.right(cnt, cin, j, c0), f.t * vStride,
                    vStride);
            float[] swap = cur;
            cur = next;
            next = swap;
        }
    }

    /** As {@link #transformInput}, from a channels-last {@code x}: one vector load per entry and group of channels. */
    private static void transformInputChannelsLast(WinogradAlgorithm f, WinogradTiles tiles, float[] x, int xOff,
                                                   int cin, int t, int j, int cnt, float[] v, int vStride) {
        WinogradWorkspace ws = WinogradWorkspace.get();
        int img = t / tiles.perImage, r = t % tiles.perImage;
        int y0 = (r / tiles.tilesW) * M - tiles.pad, x0 = (r % tiles.tilesW) * M - tiles.pad;
        for (int c0 = 0, np = Panels.roundUp(cin, Panels.NR); c0 < np; c0 += L) {
            int lanes = Math.max(0, Math.min(L, cin - c0));
            for (int i = 0; i < f.t; i++) {
                int iy = y0 + i;
                int row = iy >= 0 && iy < tiles.h ? xOff + ((img * tiles.h + iy) * tiles.w) * cin + c0 : -1;
                loadRow(x, row, cin, x0, tiles.w, f.t, lanes, ws.tile, i * f.t * L);
            }
            TileTransform.input(f, ws.tile, 0, f.t * L, L, ws.tmp, v, Panels.right(cnt, cin, j, c0), f.t * vStride,
                    vStride);
        }
    }

    /**
     * Entries {@code 0 .. t-1} of one tile row into {@code dst[d + k L ..]}: the {@code lanes}
     * channels at pixel {@code x0 + k} of the image row starting at {@code row} (-1: outside the
     * image), zero outside the image and past the lanes. Small on purpose (C2 keeps its vectors in
     * registers only in small methods). Each branch stores its own vector: a vector merged from
     * several branches (a phi) is one C2 may fail to unbox, and then every load allocates.
     */
    private static void loadRow(float[] x, int row, int cin, int x0, int w, int t, int lanes, float[] dst, int d) {
        for (int k = 0; k < t; k++) {
            int ix = x0 + k;
            int at = d + k * L;
            if (row < 0 || ix < 0 || ix >= w || lanes == 0) {
                Arrays.fill(dst, at, at + L, 0f);
            } else if (lanes == L) {
                FloatVector.fromArray(TileTransform.S, x, row + ix * cin).intoArray(dst, at);
            } else {
                FloatVector.fromArray(TileTransform.S, x, row + ix * cin, TileTransform.S.indexInRange(0, lanes))
                        .intoArray(dst, at);
            }
        }
    }

    /**
     * Points {@code map}'s lanes at channels {@code c0 ..} of tile {@code t} unless it already holds
     * a group of as many channels ({@code built}).
     *
     * @return the lanes now mapped
     */
    private static int mapChannels(WinogradAlgorithm f, WinogradTiles tiles, int t, int cin, int hw, int c0, int built,
                                   TileMap map) {
        int lanes = Math.max(0, Math.min(L, cin - c0));
        if (lanes != built) {
            for (int l = 0; l < L; l++) {
                if (l < lanes) {
                    tiles.mapInput(t, cin * hw, l * hw, map, l);
                } else {
                    map.off(l, f.points); // panel padding must be zero
                }
            }
        }
        return lanes;
    }

    /** {@code dM = A dY A^T} for the lane group at column {@code j}, every strip of output channels. */
    private static void transformGradient(WinogradAlgorithm f, WinogradTiles tiles, float[] gy, int gyOff, int cout, int start, int j,
                                          int cnt, float[] a, int aStride) {
        WinogradWorkspace ws = WinogradWorkspace.get();
        final int pixels = tiles.ho * tiles.wo;
        for (int r0 = 0, built = -1; r0 < cout; r0 += Panels.MR) {
            int rows = Math.min(Panels.MR, cout - r0);
            if (rows != built) {
                for (int l = 0; l < L; l++) {
                    int row = WinogradWeights.rowOf(l), jj = j + WinogradWeights.colOf(l);
                    if (row < rows && jj < cnt) {
                        tiles.mapOutput(start + jj, cout * pixels, row * pixels, ws.map, l);
                    } else {
                        ws.map.off(l, M * M);
                    }
                }
                built = rows;
            }
            ws.map.gather(gy, gyOff + r0 * pixels, M * M, ws.tile);
            WinogradWeights.storeLeft(f, WinogradWeights.GRADIENT, ws.tile, M * L, ws, a, aStride, cout, cnt, r0, j);
        }
    }
}
