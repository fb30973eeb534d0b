package io.jgan.tensor.kernels.gemm;

/**
 * The register transpose of a square block as wide as a vector: {@link Transpose16} with 16 lanes
 * (AVX-512), {@link Transpose8} with 8 (AVX2); none for other widths, where callers copy scalars.
 */
final class BlockTranspose {
    /** Rows and columns of the block: the vector length. */
    static final int N = MicroKernel.L;
    /** Whether a block transpose exists for this vector length. */
    static final boolean AVAILABLE = N == Transpose16.N || N == Transpose8.N;

    private BlockTranspose() {}

    /** {@code dst[d + p * ldd + j] = src[s + j * lds + p]} for {@code j, p < N}. */
    static void transpose(float[] src, int s, int lds, float[] dst, int d, int ldd) {
        if (N == Transpose16.N) { // a constant: C2 keeps one branch
            Transpose16.transpose(src, s, lds, dst, d, ldd);
        } else {
            Transpose8.transpose(src, s, lds, dst, d, ldd);
        }
    }
}
