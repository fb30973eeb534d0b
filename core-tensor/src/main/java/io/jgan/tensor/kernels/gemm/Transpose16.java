package io.jgan.tensor.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 16 x 16 float transpose in registers, for packing transposed operands: 16 row loads, four
 * rounds of two-source permutes ({@code selectFrom}, one instruction each with AVX-512), 16 stores.
 * A scalar transpose writes one float per store to a different cache line each time.
 *
 * <p>Round {@code k} (8, 4, 2, 1) swaps the off-diagonal k x k blocks of every 2k x 2k block: rows
 * {@code i} and {@code i + k} (with bit k of i clear) exchange their lanes with bit k set and clear.
 * Generated code (the unrolling keeps all 16 rows in registers).
 */
final class Transpose16 {
    /** Rows and columns of the block. */
    static final int N = 16;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    /** Whether the preferred species has 16 lanes, so the block transpose applies. */
    static final boolean AVAILABLE = MicroKernel.L == N;

    private static final float[] LO8 = {0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 16f, 17f, 18f, 19f, 20f, 21f, 22f, 23f};
    private static final float[] HI8 = {8f, 9f, 10f, 11f, 12f, 13f, 14f, 15f, 24f, 25f, 26f, 27f, 28f, 29f, 30f, 31f};
    private static final float[] LO4 = {0f, 1f, 2f, 3f, 16f, 17f, 18f, 19f, 8f, 9f, 10f, 11f, 24f, 25f, 26f, 27f};
    private static final float[] HI4 = {4f, 5f, 6f, 7f, 20f, 21f, 22f, 23f, 12f, 13f, 14f, 15f, 28f, 29f, 30f, 31f};
    private static final float[] LO2 = {0f, 1f, 16f, 17f, 4f, 5f, 20f, 21f, 8f, 9f, 24f, 25f, 12f, 13f, 28f, 29f};
    private static final float[] HI2 = {2f, 3f, 18f, 19f, 6f, 7f, 22f, 23f, 10f, 11f, 26f, 27f, 14f, 15f, 30f, 31f};
    private static final float[] LO1 = {0f, 16f, 2f, 18f, 4f, 20f, 6f, 22f, 8f, 24f, 10f, 26f, 12f, 28f, 14f, 30f};
    private static final float[] HI1 = {1f, 17f, 3f, 19f, 5f, 21f, 7f, 23f, 9f, 25f, 11f, 27f, 13f, 29f, 15f, 31f};

    private Transpose16() {}

    /**
     * {@code dst[d + p * ldd + j] = src[s + j * lds + p]} for {@code j, p < 16}.
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
        FloatVector r8 = FloatVector.fromArray(S, src, s + 8 * lds);
        FloatVector r9 = FloatVector.fromArray(S, src, s + 9 * lds);
        FloatVector r10 = FloatVector.fromArray(S, src, s + 10 * lds);
        FloatVector r11 = FloatVector.fromArray(S, src, s + 11 * lds);
        FloatVector r12 = FloatVector.fromArray(S, src, s + 12 * lds);
        FloatVector r13 = FloatVector.fromArray(S, src, s + 13 * lds);
        FloatVector r14 = FloatVector.fromArray(S, src, s + 14 * lds);
        FloatVector r15 = FloatVector.fromArray(S, src, s + 15 * lds);
        FloatVector lo, hi, t;
        lo = FloatVector.fromArray(S, LO8, 0);
        hi = FloatVector.fromArray(S, HI8, 0);
        t = lo.selectFrom(r0, r8);
        r8 = hi.selectFrom(r0, r8);
        r0 = t;
        t = lo.selectFrom(r1, r9);
        r9 = hi.selectFrom(r1, r9);
        r1 = t;
        t = lo.selectFrom(r2, r10);
        r10 = hi.selectFrom(r2, r10);
        r2 = t;
        t = lo.selectFrom(r3, r11);
        r11 = hi.selectFrom(r3, r11);
        r3 = t;
        t = lo.selectFrom(r4, r12);
        r12 = hi.selectFrom(r4, r12);
        r4 = t;
        t = lo.selectFrom(r5, r13);
        r13 = hi.selectFrom(r5, r13);
        r5 = t;
        t = lo.selectFrom(r6, r14);
        r14 = hi.selectFrom(r6, r14);
        r6 = t;
        t = lo.selectFrom(r7, r15);
        r15 = hi.selectFrom(r7, r15);
        r7 = t;
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
        t = lo.selectFrom(r8, r12);
        r12 = hi.selectFrom(r8, r12);
        r8 = t;
        t = lo.selectFrom(r9, r13);
        r13 = hi.selectFrom(r9, r13);
        r9 = t;
        t = lo.selectFrom(r10, r14);
        r14 = hi.selectFrom(r10, r14);
        r10 = t;
        t = lo.selectFrom(r11, r15);
        r15 = hi.selectFrom(r11, r15);
        r11 = t;
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
        t = lo.selectFrom(r8, r10);
        r10 = hi.selectFrom(r8, r10);
        r8 = t;
        t = lo.selectFrom(r9, r11);
        r11 = hi.selectFrom(r9, r11);
        r9 = t;
        t = lo.selectFrom(r12, r14);
        r14 = hi.selectFrom(r12, r14);
        r12 = t;
        t = lo.selectFrom(r13, r15);
        r15 = hi.selectFrom(r13, r15);
        r13 = t;
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
        t = lo.selectFrom(r8, r9);
        r9 = hi.selectFrom(r8, r9);
        r8 = t;
        t = lo.selectFrom(r10, r11);
        r11 = hi.selectFrom(r10, r11);
        r10 = t;
        t = lo.selectFrom(r12, r13);
        r13 = hi.selectFrom(r12, r13);
        r12 = t;
        t = lo.selectFrom(r14, r15);
        r15 = hi.selectFrom(r14, r15);
        r14 = t;
        r0.intoArray(dst, d + 0 * ldd);
        r1.intoArray(dst, d + 1 * ldd);
        r2.intoArray(dst, d + 2 * ldd);
        r3.intoArray(dst, d + 3 * ldd);
        r4.intoArray(dst, d + 4 * ldd);
        r5.intoArray(dst, d + 5 * ldd);
        r6.intoArray(dst, d + 6 * ldd);
        r7.intoArray(dst, d + 7 * ldd);
        r8.intoArray(dst, d + 8 * ldd);
        r9.intoArray(dst, d + 9 * ldd);
        r10.intoArray(dst, d + 10 * ldd);
        r11.intoArray(dst, d + 11 * ldd);
        r12.intoArray(dst, d + 12 * ldd);
        r13.intoArray(dst, d + 13 * ldd);
        r14.intoArray(dst, d + 14 * ldd);
        r15.intoArray(dst, d + 15 * ldd);
    }
}
