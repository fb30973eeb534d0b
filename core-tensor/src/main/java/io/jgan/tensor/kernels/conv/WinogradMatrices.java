package io.jgan.tensor.kernels.conv;

/**
 * The transform matrices of the Winograd (Toom-Cook) algorithms F(4x4, 5x5) and F(4x4, 3x3): a 4x4 block of outputs of
 * a 5x5 correlation from an 8x8 block of inputs, {@code Y = A^T [(G g G^T) . (B^T d B)] A}, where
 * {@code .} is the element-wise product of 8x8 matrices.
 *
 * <p>Derivation (Lavin and Gray, "Fast Algorithms for Convolutional Neural Networks", 2016; Toom-Cook):
 * the linear convolution of a 4-term and a 5-term polynomial has 8 coefficients and is fixed by its
 * values at 8 points; we take 0, 1, -1, 2, -2, 1/2, -1/2 and infinity (the leading coefficient).
 * Small points with reciprocal pairs keep the entries near 1, which is what keeps float32 errors
 * small for a tile this large. With {@code V_k} the 8 x k matrix of the powers {@code 0..k-1} of the
 * points (the row of infinity is {@code [0 .. 0 1]}), the correlation, being the transpose of the
 * convolution, is {@code A^T = V_4^T}, {@code G = V_5} and {@code B^T = (V_8^{-1})^T}. Row {@code i}
 * of {@code B^T} is then scaled by {@code f_i = prod_{j != i} (p_i - p_j)} and row {@code i} of
 * {@code G} by {@code 1 / f_i} (the product is unchanged), which makes {@code B^T} the familiar matrix
 * of small quarters also used for F(6x6, 3x3); row 0 is negated in both for a positive leading entry.
 * The tests check all three against direct convolution.
 *
 * <p>F(4x4, 3x3) is built the same way from the six points 0, 1, -1, 2, -2 and infinity; its
 * matrices ({@link #AT6}, {@link #G3}, {@link #BT6}) are the ones of Lavin and Gray's paper.
 */
final class WinogradMatrices {
    /** Outputs per tile side. */
    static final int M = 4;
    /** Most transformed-domain points per tile over the algorithms (F(4x4, 5x5)'s 8 x 8). */
    static final int MAX_POINTS = 64;

    /** F(4x4, 5x5): the output transform, 4 x 8. */
    static final double[][] AT = {
            {1, 1, 1, 1, 1, 1, 1, 0},
            {0, 1, -1, 2, -2, 1 / 2.0, -1 / 2.0, 0},
            {0, 1, 1, 4, 4, 1 / 4.0, 1 / 4.0, 0},
            {0, 1, -1, 8, -8, 1 / 8.0, -1 / 8.0, 1}};

    /** F(4x4, 5x5): the kernel transform, 8 x 5. */
    static final double[][] G = {
            {1, 0, 0, 0, 0},
            {-2 / 9.0, -2 / 9.0, -2 / 9.0, -2 / 9.0, -2 / 9.0},
            {-2 / 9.0, 2 / 9.0, -2 / 9.0, 2 / 9.0, -2 / 9.0},
            {1 / 90.0, 1 / 45.0, 2 / 45.0, 4 / 45.0, 8 / 45.0},
            {1 / 90.0, -1 / 45.0, 2 / 45.0, -4 / 45.0, 8 / 45.0},
            {32 / 45.0, 16 / 45.0, 8 / 45.0, 4 / 45.0, 2 / 45.0},
            {32 / 45.0, -16 / 45.0, 8 / 45.0, -4 / 45.0, 2 / 45.0},
            {0, 0, 0, 0, 1}};

    /** F(4x4, 5x5): the input transform, 8 x 8. */
    static final double[][] BT = {
            {1, 0, -21 / 4.0, 0, 21 / 4.0, 0, -1, 0},
            {0, 1, 1, -17 / 4.0, -17 / 4.0, 1, 1, 0},
            {0, -1, 1, 17 / 4.0, -17 / 4.0, -1, 1, 0},
            {0, 1 / 2.0, 1 / 4.0, -5 / 2.0, -5 / 4.0, 2, 1, 0},
            {0, -1 / 2.0, 1 / 4.0, 5 / 2.0, -5 / 4.0, -2, 1, 0},
            {0, 2, 4, -5 / 2.0, -5, 1 / 2.0, 1, 0},
            {0, -2, 4, 5 / 2.0, -5, -1 / 2.0, 1, 0},
            {0, -1, 0, 21 / 4.0, 0, -21 / 4.0, 0, 1}};

    /** F(4x4, 3x3): the output transform, 4 x 6. */
    static final double[][] AT6 = {
            {1, 1, 1, 1, 1, 0},
            {0, 1, -1, 2, -2, 0},
            {0, 1, 1, 4, 4, 0},
            {0, 1, -1, 8, -8, 1}};

    /** F(4x4, 3x3): the kernel transform, 6 x 3. */
    static final double[][] G3 = {
            {1 / 4.0, 0, 0},
            {-1 / 6.0, -1 / 6.0, -1 / 6.0},
            {-1 / 6.0, 1 / 6.0, -1 / 6.0},
            {1 / 24.0, 1 / 12.0, 1 / 6.0},
            {1 / 24.0, -1 / 12.0, 1 / 6.0},
            {0, 0, 1}};

    /** F(4x4, 3x3): the input transform, 6 x 6. */
    static final double[][] BT6 = {
            {4, 0, -5, 0, 1, 0},
            {0, -4, -4, 1, 1, 0},
            {0, 4, -4, -1, 1, 0},
            {0, -2, -1, 2, 1, 0},
            {0, 2, -1, -2, 1, 0},
            {0, 4, 0, -5, 0, 1}};

    private WinogradMatrices() {}

    /** @return the transpose of {@code m} */
    static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }
}
