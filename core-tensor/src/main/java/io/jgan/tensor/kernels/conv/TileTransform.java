package io.jgan.tensor.kernels.conv;

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
     * {@code V = B^T d B}: a {@code t x t} input block to the transformed domain.
     *
     * @param tmp scratch of {@code t * t * L} floats
     */
    static void input(WinogradAlgorithm f, float[] src, int sb, int sr, int sc, float[] tmp, float[] dst, int db,
                      int dr, int dc) {
        twoSided(f.bt, f.t, f.t, src, sb, sr, sc, tmp, dst, db, dr, dc);
    }

    /**
     * {@code Y = A^T M A}: a transformed block to the 4x4 outputs.
     *
     * @param tmp scratch of {@code 4 t L} floats
     */
    static void output(WinogradAlgorithm f, float[] src, int sb, int sr, int sc, float[] tmp, float[] dst, int db,
                       int dr, int dc) {
        twoSided(f.at, f.t, WinogradMatrices.M, src, sb, sr, sc, tmp, dst, db, dr, dc);
    }

    /**
     * {@code dM = A dY A^T}: the adjoint of {@link #output}, a 4x4 output-gradient block to
     * {@code t x t}.
     *
     * @param tmp scratch of {@code 4 t L} floats
     */
    static void gradient(WinogradAlgorithm f, float[] src, int sb, int sr, int sc, float[] tmp, float[] dst, int db,
                         int dr, int dc) {
        twoSided(f.a, WinogradMatrices.M, f.t, src, sb, sr, sc, tmp, dst, db, dr, dc);
    }

    /**
     * {@code U = G g G^T}: an {@code r x r} kernel to {@code t x t}.
     *
     * @param tmp scratch of {@code r t L} floats
     */
    static void kernel(WinogradAlgorithm f, float[] src, int sb, int sr, int sc, float[] tmp, float[] dst, int db,
                       int dr, int dc) {
        twoSided(f.g, f.r, f.t, src, sb, sr, sc, tmp, dst, db, dr, dc);
    }

    /**
     * {@code dg = G^T dU G}: the adjoint of {@link #kernel}, a {@code t x t} gradient block to
     * {@code r x r}.
     *
     * @param tmp scratch of {@code r t L} floats
     */
    static void kernelGradient(WinogradAlgorithm f, float[] src, int sb, int sr, int sc, float[] tmp, float[] dst,
                               int db, int dr, int dc) {
        twoSided(f.gt, f.t, f.r, src, sb, sr, sc, tmp, dst, db, dr, dc);
    }

    /**
     * {@code D = K X K^T} for a square {@code X} of side {@code n} and a kernel {@code K} with
     * {@code rows} outputs: {@code K} down each column of {@code X} into {@code tmp} (row-major,
     * {@code rows x n}), then along each row of {@code tmp}.
     */
    private static void twoSided(int kernel, int n, int rows, float[] src, int sb, int sr, int sc, float[] tmp,
                                 float[] dst, int db, int dr, int dc) {
        pass(kernel, n, src, sb, sr, sc, tmp, 0, n * L, L);
        pass(kernel, rows, tmp, 0, L, n * L, dst, db, dc, dr);
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
