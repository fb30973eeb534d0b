package io.jgan.tensor.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * An 8 x 8 float transpose in registers, {@link Transpose16}'s twin for 8-lane (AVX2) vectors: 8 row
 * loads, three rounds of two-source permutes ({@code selectFrom}), 8 stores; 11 live vectors, within
 * the 16 registers of AVX2. Round {@code k} (4, 2, 1) swaps the off-diagonal k x k blocks of every
 * 2k x 2k block. Generated code (the unrolling keeps all 8 rows in registers).
 */
final class Transpose8 {
    /** Rows and columns of the block. */
    static final int N = 8;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    private static final float[] LO4 = {0f, 1f, 2f, 3f, 8f, 9f, 10f, 11f};
    private static final float[] HI4 = {4f, 5f, 6f, 7f, 12f, 13f, 14f, 15f};
    private static final float[] LO2 = {0f, 1f, 8f, 9f, 4f, 5f, 12f, 13f};
    private static final float[] HI2 = {2f, 3f, 10f, 11f, 6f, 7f, 14f, 15f};
    private static final float[] LO1 = {0f, 8f, 2f, 10f, 4f, 12f, 6f, 14f};
    private static final float[] HI1 = {1f, 9f, 3f, 11f, 5f, 13f, 7f, 15f};

    private Transpose8() {}

    /**
     * {@code dst[d + p * ldd + j] = src[s + j * lds + p]} for {@code j, p < 8}.
     *
     * @param src source rows
     * @param s offset of element (0, 0)
     * @param lds source row stride
     * @param dst destination
     * @param d offset of element (0, 0) of the transpose
     * @param ldd destination row stride
     */
    static void transpose(float[] src, int s, int lds, float[] dst, int d, int ldd) {
        FloatVector r0 = FloatVector.fromArray(S, src, s + 0 * lds);
        FloatVector r1 = FloatVector.fromArray(S, src, s + 1 * lds);
        FloatVector r2 = FloatVector.fromArray(S, src, s + 2 * lds);
        FloatVector r3 = FloatVector.fromArray(S, src, s + 3 * lds);
        FloatVector r4 = FloatVector.fromArray(S, src, s + 4 * lds);
        FloatVector r5 = FloatVector.fromArray(S, src, s + 5 * lds);
        FloatVector r6 = FloatVector.fromArray(S, src, s + 6 * lds);
        FloatVector r7 = FloatVector.fromArray(S, src, s + 7 * lds);
        FloatVector lo, hi, t;
        lo = FloatVector.fromArray(S, LO4, 0);
        hi = FloatVector.fromArray(S, HI4, 0);
        t = lo.selectFrom(r0, r4);
        r4 = hi.selectFrom(r0, r4);
        r0 = t;
        t = lo.selectFrom(r1, r5);
        r5 = hi.selectFrom(r1, r5);
        r1 = t;
        t = lo.selectFrom(r2, r6);
        r6 = hi.selectFrom(r2, r6);
        r2 = t;
        t = lo.selectFrom(r3, r7);
        r7 = hi.selectFrom(r3, r7);
        r3 = t;
        lo = FloatVector.fromArray(S, LO2, 0);
        hi = FloatVector.fromArray(S, HI2, 0);
        t = lo.selectFrom(r0, r2);
        r2 = hi.selectFrom(r0, r2);
        r0 = t;
        t = lo.selectFrom(r1, r3);
        r3 = hi.selectFrom(r1, r3);
        r1 = t;
        t = lo.selectFrom(r4, r6);
        r6 = hi.selectFrom(r4, r6);
        r4 = t;
        t = lo.selectFrom(r5, r7);
        r7 = hi.selectFrom(r5, r7);
        r5 = t;
        lo = FloatVector.fromArray(S, LO1, 0);
        hi = FloatVector.fromArray(S, HI1, 0);
        t = lo.selectFrom(r0, r1);
        r1 = hi.selectFrom(r0, r1);
        r0 = t;
        t = lo.selectFrom(r2, r3);
        r3 = hi.selectFrom(r2, r3);
        r2 = t;
        t = lo.selectFrom(r4, r5);
        r5 = hi.selectFrom(r4, r5);
        r4 = t;
        t = lo.selectFrom(r6, r7);
        r7 = hi.selectFrom(r6, r7);
        r6 = t;
        r0.intoArray(dst, d + 0 * ldd);
        r1.intoArray(dst, d + 1 * ldd);
        r2.intoArray(dst, d + 2 * ldd);
        r3.intoArray(dst, d + 3 * ldd);
        r4.intoArray(dst, d + 4 * ldd);
        r5.intoArray(dst, d + 5 * ldd);
        r6.intoArray(dst, d + 6 * ldd);
        r7.intoArray(dst, d + 7 * ldd);
    }
}
