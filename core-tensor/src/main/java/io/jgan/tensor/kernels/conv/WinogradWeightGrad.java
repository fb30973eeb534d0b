package io.jgan.tensor.kernels.conv;

import static io.jgan.tensor.kernels.conv.TileTransform.L;
import static io.jgan.tensor.kernels.conv.WinogradMatrices.M;
import static io.jgan.tensor.kernels.conv.WinogradMatrices.POINTS;
import static io.jgan.tensor.kernels.conv.WinogradMatrices.T;

import io.jgan.tensor.Parallel;

/**
 * The weight gradient of {@link WinogradConv}, the adjoint of its forward pass: per tile the forward
 * computes {@code Y = A^T [sum_ci U[co, ci] . V[ci]] A}, so with {@code dM = A dY A^T} (the upstream
 * gradient's 4x4 block, zero past the edge) the gradient of {@code U} is
 * {@code dU[co, ci] = sum over tiles of dM[co] . V[ci]}: 64 GEMMs
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
    static int superTiles(ConvGeometry g, int count) {
        // whole blocks of the GEMM depth: a short block costs a C update for little work
        int byBudget = SUPER_BUDGET / (POINTS * (g.cin() + g.cout())) / Panels.DEPTH * Panels.DEPTH;
        return Math.max(Panels.DEPTH, Math.min(byBudget, count));
    }

    static void compute(ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] dw, int dwOff) {
        final int cin = g.cin(), cout = g.cout();
        final WinogradTiles tiles = new WinogradTiles(g);
        WinogradWorkspace ws = WinogradWorkspace.get();
        // dU_p (cout x cin): element (co, ci) at co * rs + p * ld + ci, one channel's 64 matrices together
        final int ld = Panels.roundUp(cin, L), rs = Panels.spread(POINTS * ld);
        final float[] du = ws.weights(cout * rs);
        if (tiles.count == 0) {
            java.util.Arrays.fill(dw, dwOff, dwOff + g.weightSize(), 0f);
            return;
        }
        final int size = superTiles(g, tiles.count);
        for (int t0 = 0; t0 < tiles.count; t0 += size) {
            final int start = t0, cnt = Math.min(size, tiles.count - t0);
            final int aStride = Panels.leftStride(cout, cnt), vStride = Panels.rightStride(cnt, cin);
            final float[] a = ws.left(POINTS * aStride);
            final float[] v = ws.right(POINTS * vStride);
            Parallel.forChunks((cnt + UNIT_TILES - 1) / UNIT_TILES, unit -> {
                int j1 = Math.min(cnt, (unit + 1) * UNIT_TILES);
                for (int j = unit * UNIT_TILES; j < j1; j++) {
                    transformInput(tiles, x, xOff, cin, start + j, j, cnt, v, vStride);
                }
                for (int j = unit * UNIT_TILES; j < j1; j += WinogradWeights.COLS) {
                    transformGradient(tiles, gy, gyOff, cout, start, j, cnt, a, aStride);
                }
            });
            final float beta = t0 == 0 ? 0f : 1f;
            Parallel.forChunks(POINTS, p -> Panels.multiply(cout, cin, cnt, a, p * aStride, v, p * vStride, beta,
                    du, p * ld, rs));
        }
        WinogradWeights.backTransform(du, ld, rs, cout, cin, dw, dwOff);
    }

    /** {@code V^T} of tile {@code t}: row {@code j} of the 64 packed right operands, channels in the lanes. */
    private static void transformInput(WinogradTiles tiles, float[] x, int xOff, int cin, int t, int j, int cnt,
                                       float[] v, int vStride) {
        WinogradWorkspace ws = WinogradWorkspace.get();
        final int hw = tiles.h * tiles.w;
        // one map serves every group of channels but a ragged last one
        for (int c0 = 0, np = Panels.roundUp(cin, Panels.NR), built = -1; c0 < np; c0 += L) {
            int lanes = Math.max(0, Math.min(L, cin - c0));
            if (lanes != built) {
                for (int l = 0; l < L; l++) {
                    if (l < lanes) {
                        tiles.mapInput(t, cin * hw, l * hw, ws.map, l);
                    } else {
                        ws.map.off(l, POINTS); // panel padding must be zero
                    }
                }
                built = lanes;
            }
            ws.map.gather(x, xOff + c0 * hw, POINTS, ws.tile);
            TileTransform.input(ws.tile, 0, T * L, L, ws.tmp, v, Panels.right(cnt, cin, j, c0), T * vStride, vStride);
        }
    }

    /** {@code dM = A dY A^T} for the lane group at column {@code j}, every strip of output channels. */
    private static void transformGradient(WinogradTiles tiles, float[] gy, int gyOff, int cout, int start, int j,
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
            WinogradWeights.storeLeft(WinogradWeights.GRADIENT, ws.tile, M * L, ws, a, aStride, cout, cnt, r0, j);
        }
    }
}
