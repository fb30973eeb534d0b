package io.jgan.tensor.kernels.conv;

import static io.jgan.tensor.kernels.conv.TileKernels.A;
import static io.jgan.tensor.kernels.conv.TileKernels.AT;
import static io.jgan.tensor.kernels.conv.TileKernels.BT;
import static io.jgan.tensor.kernels.conv.TileKernels.G;
import static io.jgan.tensor.kernels.conv.TileKernels.GT;

import io.jgan.tensor.kernels.Species;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two-sided matrix transforms of Winograd convolution, {@code D = K . X . K^T}, computed for
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
        pass(BT, 8, src, sb, sr, sc, tmp, 0, 8 * L, L);
        pass(BT, 8, tmp, 0, L, 8 * L, dst, db, dc, dr);
    }

    /**
     * {@code Y = A^T M A}: an 8x8 transformed block to the 4x4 outputs.
     *
     * @param tmp scratch of 32 L floats
     */
    static void output(float[] src, int sb, int sr, int sc, float[] tmp, float[] dst, int db, int dr, int dc) {
        pass(AT, 8, src, sb, sr, sc, tmp, 0, 8 * L, L);
        pass(AT, 4, tmp, 0, L, 8 * L, dst, db, dc, dr);
    }

    /**
     * {@code dM = A dY A^T}: the adjoint of {@link #output}, a 4x4 output-gradient block to 8x8.
     *
     * @param tmp scratch of 32 L floats
     */
    static void gradient(float[] src, int sb, int sr, int sc, float[] tmp, float[] dst, int db, int dr, int dc) {
        pass(A, 4, src, sb, sr, sc, tmp, 0, 4 * L, L);
        pass(A, 8, tmp, 0, L, 4 * L, dst, db, dc, dr);
    }

    /**
     * {@code U = G g G^T}: a 5x5 kernel to 8x8.
     *
     * @param tmp scratch of 40 L floats
     */
    static void kernel(float[] src, int sb, int sr, int sc, float[] tmp, float[] dst, int db, int dr, int dc) {
        pass(G, 5, src, sb, sr, sc, tmp, 0, 5 * L, L);
        pass(G, 8, tmp, 0, L, 5 * L, dst, db, dc, dr);
    }

    /**
     * {@code dg = G^T dU G}: the adjoint of {@link #kernel}, an 8x8 gradient block to 5x5.
     *
     * @param tmp scratch of 40 L floats
     */
    static void kernelGradient(float[] src, int sb, int sr, int sc, float[] tmp, float[] dst, int db, int dr,
                               int dc) {
        pass(GT, 8, src, sb, sr, sc, tmp, 0, 8 * L, L);
        pass(GT, 5, tmp, 0, L, 8 * L, dst, db, dc, dr);
    }

    /**
     * Applies kernel {@code kernel} to {@code count} columns: column {@code i} is read from
     * {@code s[sBase + i * sNext + k * sStep]} and written to {@code d[dBase + i * dNext + j * dStep]}.
     * The one call site of all kernels (see {@link TileKernels}).
     */
    private static void pass(int kernel, int count, float[] s, int sBase, int sStep, int sNext,
                             float[] d, int dBase, int dStep, int dNext) {
        TileKernels.Kernel k = TileKernels.ALL[kernel];
        for (int i = 0; i < count; i++) {
            k.apply(s, sBase + i * sNext, sStep, d, dBase + i * dNext, dStep);
        }
    }
}
