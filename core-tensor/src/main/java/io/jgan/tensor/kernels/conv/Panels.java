package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.kernels.gemm.SimdGemm;

/**
 * The packed GEMM operands of Winograd convolution and the GEMM over them: 64 matrices side by
 * side in one array, each laid out as {@link SimdGemm#packA} / {@link SimdGemm#packB} lay out theirs,
 * except that the depth is cut into blocks of {@value #DEPTH} instead of
 * {@link SimdGemm#DEPTH_BLOCK}.
 *
 * <p>Why the shallower blocks: {@link #multiply} adds the blocks into C one after the other, so each
 * sum of products is computed as a few short sums added together. A single running sum over all
 * input channels loses more bits, and the output transform multiplies the loss by up to 30 (its
 * entries reach 8 x 8). Measured on the DCGAN layer against a double-precision reference, the worst
 * error relative to the output scale fell from 4.0-4.8e-5 to 2.3-2.8e-5 over the three passes; the
 * extra C updates cost about a fifth of the GEMM time (32-deep blocks: 2.1-2.2e-5, but half as slow
 * again).
 */
final class Panels {
    /** Rows of a strip of a packed left operand. */
    static final int MR = SimdGemm.PANEL_ROWS;
    /** Columns of a strip of a packed right operand. */
    static final int NR = SimdGemm.PANEL_COLS;
    /** Depth of a block: the length of the partial sums (see the class comment). */
    static final int DEPTH = 64;
    /** Floats per cache line. */
    static final int LINE = 16;

    private Panels() {}

    /** @return {@code n} rounded up to a multiple of {@code m} */
    static int roundUp(int n, int m) {
        return (n + m - 1) / m * m;
    }

    /** @return floats from one packed left operand of {@code rows x depth} to the next */
    static int leftStride(int rows, int depth) {
        return spread(roundUp(rows, MR) * depth);
    }

    /** @return floats from one packed right operand of {@code depth x cols} to the next */
    static int rightStride(int depth, int cols) {
        return spread(depth * roundUp(cols, NR));
    }

    /**
     * Rounds {@code size} up to an odd number of cache lines (16 floats). The transforms store entry
     * {@code p} of a tile into matrix {@code p}, so 64 stores a matrix apart: with a stride that is a
     * multiple of 4 KiB they all fall into one set of the L1 cache (measured: the input transform
     * took 4 times as long). An odd number of lines walks through every set instead.
     */
    static int spread(int size) {
        int lines = (size + LINE - 1) / LINE;
        return (lines | 1) * LINE;
    }

    /**
     * @param rows rows of the operand
     * @param depth its depth
     * @param r0 a row, a multiple of {@link #MR}
     * @param p a depth index
     * @return offset of element {@code (r0, p)} in a packed left operand; the following {@code MR}
     *     floats are rows {@code r0 ..} at {@code p}, then (within a block) those at {@code p + 1}
     */
    static int left(int rows, int depth, int r0, int p) {
        int pc = p - p % DEPTH, kl = Math.min(DEPTH, depth - pc);
        return pc * roundUp(rows, MR) + r0 * kl + (p - pc) * MR;
    }

    /**
     * @param depth depth of the operand
     * @param cols its columns
     * @param p a depth index
     * @param j0 a column, a multiple of the vector length
     * @return offset of element {@code (p, j0)} in a packed right operand; the following floats up to
     *     the next multiple of {@link #NR} are columns {@code j0 ..} at {@code p}
     */
    static int right(int depth, int cols, int p, int j0) {
        int pc = p - p % DEPTH, kl = Math.min(DEPTH, depth - pc);
        return pc * roundUp(cols, NR) + j0 / NR * NR * kl + (p - pc) * NR + j0 % NR;
    }

    /**
     * {@code C = A B + beta C} from packed operands, block of depth by block of depth.
     *
     * @param m rows of C
     * @param n columns of C
     * @param k the depth
     * @param a packed left operand from {@code aOff}
     * @param b packed right operand from {@code bOff}
     * @param beta 0 to overwrite C, 1 to add to it
     */
    static void multiply(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float beta,
                         float[] c, int cOff, int ldc) {
        int mp = roundUp(m, MR), np = roundUp(n, NR);
        for (int pc = 0; pc < k; pc += DEPTH) {
            SimdGemm.multiplyPacked(m, n, Math.min(DEPTH, k - pc), 1f, a, aOff + pc * mp, b, bOff + pc * np,
                    pc == 0 ? beta : 1f, c, cOff, ldc);
        }
    }
}
