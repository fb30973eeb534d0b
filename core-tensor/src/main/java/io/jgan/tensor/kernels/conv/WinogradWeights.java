package io.jgan.tensor.kernels.conv;

import static io.jgan.tensor.kernels.conv.TileTransform.L;

import io.jgan.tensor.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The kernel side of Winograd convolution: {@code U = G g G^T} for every (output, input) channel
 * pair, written as packed GEMM left operands (one per transformed-domain point), and the way back for the weight gradient,
 * {@code dg = G^T dU G}.
 *
 * <p>A packed left operand ({@link Panels#left}) stores its rows in strips of {@code MR} (8 with 32
 * vector registers, 4 with 16) and, within a strip, the {@code MR} rows of one column together. So lane
 * {@code l} holds row {@code l % MR} of column {@code l / MR} of an aligned group of {@link #COLS}
 * columns, and one transformed vector is {@code L} consecutive floats of the packed operand: no
 * shuffles. (16 lanes and MR 8: pairs of columns; 8 lanes and MR 8: one column; 8 lanes and MR 4:
 * pairs.) The weight gradient packs its left operand, the transformed upstream gradient, the same
 * way ({@link #storeLeft}).
 */
final class WinogradWeights {
    /** Columns per lane group of a packed left operand: the lanes over the strip height. */
    static final int COLS = L / Panels.MR;
    /** {@link #storeLeft} transform: {@code G g G^T} of an {@code r x r} kernel. */
    static final int KERNEL = 0;
    /** {@link #storeLeft} transform: {@code A dY A^T} of a 4x4 output-gradient block. */
    static final int GRADIENT = 1;
    /** Output-channel strips per parallel chunk. */
    private static final int STRIPS_PER_CHUNK = 4;
    /** Output channels per parallel chunk of the gradient's back transform. */
    private static final int ROWS_PER_CHUNK = 16;

    private WinogradWeights() {}

    /** @return row of lane {@code l} within its strip */
    static int rowOf(int l) {
        return l % Panels.MR;
    }

    /** @return column of lane {@code l} after the first of its group */
    static int colOf(int l) {
        return l / Panels.MR;
    }

    /**
     * Transforms OIHW {@code r x r} weights into {@code t * t} packed {@code rows x cols} matrices in {@code dst}, matrix
     * {@code p} at {@code p * leftStride(rows, cols)}. For a convolution, rows are output channels
     * and columns input channels. {@code flipped} gives the weights of the transposed convolution
     * instead (rows are the input channels, columns the output channels, the kernel turned by 180
     * degrees), whose forward pass is this convolution's input gradient.
     *
     * @param f the algorithm, which fixes {@code r} and {@code t}
     * @param w weights {@code [cout, cin, r, r]} from {@code wOff}
     */
    static void transform(WinogradAlgorithm f, float[] w, int wOff, int cout, int cin, boolean flipped, float[] dst) {
        final int taps = f.r * f.r;
        final int rows = flipped ? cin : cout, cols = flipped ? cout : cin;
        final int strips = Panels.roundUp(rows, Panels.MR) / Panels.MR;
        final int stride = Panels.leftStride(rows, cols);
        Parallel.forChunks((strips + STRIPS_PER_CHUNK - 1) / STRIPS_PER_CHUNK, chunk -> {
            WinogradWorkspace ws = WinogradWorkspace.get();
            // lane l reads the kernel at (r0 + rowOf(l), c0 + colOf(l)): the same offsets for every group
            // but the ragged last ones, so the map is rebuilt only when the group's shape changes
            for (int s = chunk * STRIPS_PER_CHUNK, built = -1; s < Math.min(strips, (chunk + 1) * STRIPS_PER_CHUNK); s++) {
                for (int c0 = 0; c0 < cols; c0 += COLS) {
                    int r0 = s * Panels.MR;
                    int shape = Math.min(Panels.MR, rows - r0) * (COLS + 1) + Math.min(COLS, cols - c0);
                    if (shape != built) {
                        mapKernels(ws.map, rows - r0, cols - c0, cin, flipped, taps);
                        built = shape;
                    }
                    int off = wOff + (flipped ? c0 * cin + r0 : r0 * cin + c0) * taps;
                    ws.map.gather(w, off, taps, ws.tile);
                    storeLeft(f, KERNEL, ws.tile, f.r * L, ws, dst, stride, rows, cols, r0, c0);
                }
            }
        });
    }

    /** Lane l: the kernel at row {@code rowOf(l)}, column {@code colOf(l)} of the group, if inside. */
    private static void mapKernels(TileMap map, int rowsLeft, int colsLeft, int cin, boolean flipped, int taps) {
        for (int l = 0; l < L; l++) {
            int row = rowOf(l), col = colOf(l);
            if (row >= rowsLeft || col >= colsLeft) {
                map.off(l, taps);
                continue;
            }
            // flipped: weights [cout][cin] read as [col][row], the taps backwards
            int base = (flipped ? col * cin + row : row * cin + col) * taps;
            for (int k = 0; k < taps; k++) {
                map.set(k, l, flipped ? base + taps - 1 - k : base + k, true);
            }
        }
    }

    /**
     * Transforms the lane-interleaved block in {@code src} (entry {@code (r, c)} at
     * {@code r * srcRow + c * L}) with {@code kind} and stores it as the lane group at rows
     * {@code r0 ..}, columns {@code c0 ..} of the {@code t * t} packed left operands in {@code dst} (matrix
     * {@code p} at {@code p * stride}). A group whose second column lies past the last (odd
     * {@code cols}) is stored masked: the floats there belong to the next strip.
     */
    static void storeLeft(WinogradAlgorithm f, int kind, float[] src, int srcRow, WinogradWorkspace ws, float[] dst, int stride,
                          int rows, int cols, int r0, int c0) {
        int off = Panels.left(rows, cols, r0, c0);
        boolean whole = c0 + COLS <= cols;
        float[] to = whole ? dst : ws.out;
        int base = whole ? off : 0, step = whole ? stride : L;
        if (kind == KERNEL) {
            TileTransform.kernel(f, src, 0, srcRow, L, ws.tmp, to, base, f.t * step, step);
        } else {
            TileTransform.gradient(f, src, 0, srcRow, L, ws.tmp, to, base, f.t * step, step);
        }
        if (!whole) {
            VectorMask<Float> m = TileTransform.S.indexInRange(0, (cols - c0) * Panels.MR);
            for (int p = 0; p < f.points; p++) {
                FloatVector.fromArray(TileTransform.S, ws.out, p * L).intoArray(dst, off + p * stride, m);
            }
        }
    }

    /**
     * {@code dw[co, ci] = G^T dU[co, ci] G}: the weight gradient from the {@code t * t} gradient matrices
     * {@code dU} ({@code cout x cin}; element {@code (co, ci)} of matrix {@code p} at
     * {@code co * rs + p * ld + ci}, so one channel's matrices are together).
     *
     * @param dw output {@code [cout, cin, r, r]} from {@code dwOff}
     */
    static void backTransform(WinogradAlgorithm f, float[] du, int ld, int rs, int cout, int cin, float[] dw, int dwOff) {
        Parallel.forChunks((cout + ROWS_PER_CHUNK - 1) / ROWS_PER_CHUNK, chunk -> {
            WinogradWorkspace ws = WinogradWorkspace.get();
            for (int co = chunk * ROWS_PER_CHUNK; co < Math.min(cout, (chunk + 1) * ROWS_PER_CHUNK); co++) {
                for (int c0 = 0; c0 < cin; c0 += L) {
                    TileTransform.kernelGradient(f, du, co * rs + c0, f.t * ld, ld, ws.tmp, ws.out, 0, f.r * L, L);
                    // scalar copies: 25 masked scatters of 16 lanes measured slower
                    for (int l = 0, lanes = Math.min(L, cin - c0), taps = f.r * f.r; l < lanes; l++) {
                        int d = dwOff + (co * cin + c0 + l) * taps;
                        for (int k = 0; k < taps; k++) {
                            dw[d + k] = ws.out[k * L + l];
                        }
                    }
                }
            }
        });
    }
}
