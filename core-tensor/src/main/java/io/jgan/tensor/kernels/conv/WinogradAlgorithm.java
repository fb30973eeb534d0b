package io.jgan.tensor.kernels.conv;

/**
 * The two Winograd algorithms jgan runs, F(4x4, 5x5) and F(4x4, 3x3): each computes a 4x4 block of a
 * stride-1 correlation from a {@code t x t} input block ({@code t = 4 + r - 1}) with
 * {@code t * t} multiplications per channel pair instead of {@code 16 r^2}. Both use the points
 * 0, 1, -1, 2, -2 and infinity; F(4x4, 5x5) adds 1/2 and -1/2. The constants name their one-sided
 * kernels in {@link TileKernels} and their matrices in {@link WinogradMatrices} (for the tests).
 *
 * <p>F(4x4, 3x3) serves the stride-2 layers too: {@link PolyphaseConv} splits those into 3x3
 * stride-1 convolutions over the four pixel phases of the input.
 */
enum WinogradAlgorithm {
    /** F(4x4, 5x5): 8x8 input blocks, 64 points (6.25 times fewer multiplications). */
    F4X4_5X5(5, TileKernels.BT, TileKernels.AT, TileKernels.A, TileKernels.G, TileKernels.GT,
            WinogradMatrices.AT, WinogradMatrices.G, WinogradMatrices.BT),
    /** F(4x4, 3x3): 6x6 input blocks, 36 points (4 times fewer multiplications). */
    F4X4_3X3(3, TileKernels.BT6, TileKernels.AT6, TileKernels.A6, TileKernels.G3, TileKernels.GT3,
            WinogradMatrices.AT6, WinogradMatrices.G3, WinogradMatrices.BT6);

    /** Outputs per tile side (both algorithms). */
    static final int M = WinogradMatrices.M;

    /** Kernel side. */
    final int r;
    /** Input block side, {@code M + r - 1}. */
    final int t;
    /** Transformed-domain points per tile, {@code t * t}: one GEMM each. */
    final int points;
    /** {@link TileKernels} index of {@code B^T} (t to t). */
    final int bt;
    /** {@link TileKernels} index of {@code A^T} (t to 4). */
    final int at;
    /** {@link TileKernels} index of {@code A} (4 to t). */
    final int a;
    /** {@link TileKernels} index of {@code G} (r to t). */
    final int g;
    /** {@link TileKernels} index of {@code G^T} (t to r). */
    final int gt;
    /** The matrices {@code A^T} (4 x t), {@code G} (t x r) and {@code B^T} (t x t). */
    final double[][] atMatrix;
    final double[][] gMatrix;
    final double[][] btMatrix;

    WinogradAlgorithm(int r, int bt, int at, int a, int g, int gt, double[][] atMatrix, double[][] gMatrix,
                      double[][] btMatrix) {
        this.r = r;
        this.t = M + r - 1;
        this.points = t * t;
        this.bt = bt;
        this.at = at;
        this.a = a;
        this.g = g;
        this.gt = gt;
        this.atMatrix = atMatrix;
        this.gMatrix = gMatrix;
        this.btMatrix = btMatrix;
    }

    /** @return the algorithm for a square kernel of side {@code k}, or null if there is none */
    static WinogradAlgorithm forKernel(int k) {
        return k == 5 ? F4X4_5X5 : k == 3 ? F4X4_3X3 : null;
    }
}
