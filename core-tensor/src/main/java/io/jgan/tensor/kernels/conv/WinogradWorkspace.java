package io.jgan.tensor.kernels.conv;

import static io.jgan.tensor.kernels.conv.TileTransform.L;
import static io.jgan.tensor.kernels.conv.WinogradMatrices.MAX_POINTS;

/**
 * Per-thread buffers of {@link WinogradConv}, grown on demand and kept for the next call, so a
 * training step allocates nothing here once warm.
 *
 * <p>{@link #weights} (the 64 transformed weight matrices, or the 64 weight-gradient matrices) and,
 * in the weight gradient, {@link #left} and {@link #right} belong to the thread that called the
 * convolution; the parallel chunks only read them. In the forward pass each chunk uses its own
 * thread's {@link #left} and {@link #right} for its tiles. The small scratch arrays hold one
 * lane-interleaved tile.
 */
final class WinogradWorkspace {
    private static final ThreadLocal<WinogradWorkspace> LOCAL = ThreadLocal.withInitial(WinogradWorkspace::new);

    private float[] weights = new float[0];
    private float[] left = new float[0];
    private float[] right = new float[0];
    /** A gathered tile: 64 entries x L lanes. */
    final float[] tile = new float[MAX_POINTS * L];
    /** The next gathered tile, while {@link #tile} is transformed. */
    final float[] tile2 = new float[MAX_POINTS * L];
    /** The intermediate of a two-sided transform: at most 8 x 8 entries x L lanes. */
    final float[] tmp = new float[MAX_POINTS * L];
    /** A transformed tile on its way to a ragged destination: 64 entries x L lanes. */
    final float[] out = new float[MAX_POINTS * L];
    /** Where the lanes of the tile being copied live. */
    final TileMap map = new TileMap();
    /** Where {@link Touch#range} leaves its sum. */
    final float[] sink = new float[L];

    private WinogradWorkspace() {}

    /** @return this thread's workspace */
    static WinogradWorkspace get() {
        return LOCAL.get();
    }

    /** @return at least {@code size} floats for the transformed weights or their gradient */
    float[] weights(int size) {
        if (weights.length < size) {
            weights = new float[size];
        }
        return weights;
    }

    /** @return at least {@code size} floats for a GEMM's packed left operand or its result */
    float[] left(int size) {
        if (left.length < size) {
            left = new float[size];
        }
        return left;
    }

    /** @return at least {@code size} floats for a GEMM's packed right operand */
    float[] right(int size) {
        if (right.length < size) {
            right = new float[size];
        }
        return right;
    }

    /** @return floats held by this thread's buffers (for reports) */
    long floats() {
        return (long) weights.length + left.length + right.length + 2L * tile.length + tmp.length + out.length
                + 2L * map.idx.length;
    }
}
