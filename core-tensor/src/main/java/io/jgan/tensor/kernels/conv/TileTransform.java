package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.kernels.Species;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two-sided matrix transforms of Winograd convolution, {@code D = Lm . X . Lm^T}, computed for
 * {@link #L} independent small matrices at once: lane {@code l} of every vector belongs to matrix
 * {@code l}. Callers put {@code L} tiles, channels or (channel, tile) pairs in the lanes, whichever
 * makes the destination contiguous, so the transforms need no shuffles.
 *
 * <p>Where the lanes of entry {@code (r, c)} live is given by a base and two strides, for source and
 * destination alike ({@code base + r * row + c * col}): the input transform writes straight into
 * packed GEMM panels and the output transform reads straight from the GEMM results, with no copies
 * in between. Each transform runs its one-sided kernel ({@link TileKernels}) down the columns into
 * {@code tmp}, then along the rows of {@code tmp}.
 */
final class TileTransform {
    static final VectorSpecies<Float> S = Species.FLOAT;
    /** Matrices transformed per call: the vector length. */
    static final int L = S.length();

    private TileTransform() {}

    /**
     * {@code V = B^T d B}: an 8x8 input block to the 8x8 transformed domain.
     *
     * @param tmp scratch of 64 L floats
     */
    static void input(float[] src, int sb, int sr, int sc, float[] tmp, float[] dst, int db, int dr, int dc) {
        for (int c = 0; c < 8; c++) {
            TileKernels.bt(src, sb + c * sc, sr, tmp, c * L, 8 * L);
        }
        for (int i = 0; i < 8; i++) {
            TileKernels.bt(tmp, i * 8 * L, L, dst, db + i * dr, dc);
        }
    }

    /**
     * {@code Y = A^T M A}: an 8x8 transformed block to the 4x4 outputs.
     *
     * @param tmp scratch of 32 L floats
     */
    static void output(float[] src, int sb, int sr, int sc, float[] tmp, float[] dst, int db, int dr, int dc) {
        for (int c = 0; c < 8; c++) {
            TileKernels.at(src, sb + c * sc, sr, tmp, c * L, 8 * L);
        }
        for (int i = 0; i < 4; i++) {
            TileKernels.at(tmp, i * 8 * L, L, dst, db + i * dr, dc);
        }
    }

    /**
     * {@code dM = A dY A^T}: the adjoint of {@link #output}, a 4x4 output-gradient block to 8x8.
     *
     * @param tmp scratch of 32 L floats
     */
    static void gradient(float[] src, int sb, int sr, int sc, float[] tmp, float[] dst, int db, int dr, int dc) {
        for (int c = 0; c < 4; c++) {
            TileKernels.a(src, sb + c * sc, sr, tmp, c * L, 4 * L);
        }
        for (int i = 0; i < 8; i++) {
            TileKernels.a(tmp, i * 4 * L, L, dst, db + i * dr, dc);
        }
    }

    /**
     * {@code U = G g G^T}: a 5x5 kernel to 8x8.
     *
     * @param tmp scratch of 40 L floats
     */
    static void kernel(float[] src, int sb, int sr, int sc, float[] tmp, float[] dst, int db, int dr, int dc) {
        for (int c = 0; c < 5; c++) {
            TileKernels.g(src, sb + c * sc, sr, tmp, c * L, 5 * L);
        }
        for (int i = 0; i < 8; i++) {
            TileKernels.g(tmp, i * 5 * L, L, dst, db + i * dr, dc);
        }
    }

    /**
     * {@code dg = G^T dU G}: the adjoint of {@link #kernel}, an 8x8 gradient block to 5x5.
     *
     * @param tmp scratch of 40 L floats
     */
    static void kernelGradient(float[] src, int sb, int sr, int sc, float[] tmp, float[] dst, int db, int dr,
                               int dc) {
        for (int c = 0; c < 8; c++) {
            TileKernels.gt(src, sb + c * sc, sr, tmp, c * L, 8 * L);
        }
        for (int i = 0; i < 5; i++) {
            TileKernels.gt(tmp, i * 8 * L, L, dst, db + i * dr, dc);
        }
    }
}
