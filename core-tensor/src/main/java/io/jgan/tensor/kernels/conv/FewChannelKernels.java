package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.Hardware;
import io.jgan.tensor.kernels.Species;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked SIMD loops of {@link FewChannelConv}: 4 output channels by 4 output vectors
 * (16 accumulators) per call with 32 vector registers, 4 by 2 (8 accumulators) with 16
 * ({@link #NARROW}, chosen once from {@link Hardware}). Each is a small method of its own on purpose: C2 stops inlining large
 * Vector API methods and then boxes the vectors, which cost 5-40x elsewhere in this project.
 */
final class FewChannelKernels {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = S.length();
    /** Whether the 8-accumulator kernels are used: 16 vector registers cannot hold 16 accumulators and their operands. */
    static final boolean NARROW = Hardware.vectorRegisters() < 32;

    /** Channel offsets of an 8-channel tile ({@code [vector][channel][lane]}). */
    static final int[] TILE8 = {0, L, 2 * L, 3 * L, 4 * L, 5 * L, 6 * L, 7 * L};

    /** Lane indices of the even and of the odd floats of two consecutive vectors. */
    private static final FloatVector EVEN = FloatVector.broadcast(S, 0f).addIndex(2);
    private static final FloatVector ODD = EVEN.add(1f);

    private FewChannelKernels() {}

    /**
     * Splits {@code src[0, 2 len)} into its even floats ({@code dst[even, even + len)}) and its odd
     * floats ({@code dst[odd, odd + len)}).
     *
     * @param src the interleaved floats (at least {@code 2 ceil(len / L) L})
     * @param len floats per output
     * @param dst output
     * @param even offset of the even floats
     * @param odd offset of the odd floats
     */
    static void deinterleave(float[] src, int len, float[] dst, int even, int odd) {
        for (int c = 0; c < len; c += L) {
            FloatVector a = FloatVector.fromArray(S, src, 2 * c), b = FloatVector.fromArray(S, src, 2 * c + L);
            FloatVector e = EVEN.selectFrom(a, b), o = ODD.selectFrom(a, b);
            if (c + L <= len) {
                e.intoArray(dst, even + c);
                o.intoArray(dst, odd + c);
            } else {
                VectorMask<Float> m = S.indexInRange(c, len);
                e.intoArray(dst, even + c, m);
                o.intoArray(dst, odd + c, m);
            }
        }
    }

    /**
     * Accumulates {@code y[c_k][vector_r] = b_k + sum_t w[k][t] in[base_r + taps[t] + lane]} for 4
     * output channels {@code k} and 4 output vectors {@code r} into a tile.
     *
     * @param in the input planes
     * @param inBase offset of the image's planes
     * @param vIn per vector: offset of its inputs in the planes (4 used from {@code v})
     * @param v first of the 4 vectors
     * @param taps per tap: offset in the planes
     * @param wp packed weights, {@code [tap][4]} from {@code wOff}
     * @param wOff offset of this channel block's weights
     * @param bias the 4 channels' biases from {@code bOff} (zeros for none)
     * @param bOff offset of the 4 biases
     * @param tile receives the 16 sums, {@code [vector r][channel k][lane]}; see {@link #emit}
     */
    static void block(float[] in, int inBase, int[] vIn, int v, int[] taps,
                      float[] wp, int wOff, float[] bias, int bOff, float[] tile) {
        int i0 = inBase + vIn[v], i1 = inBase + vIn[v + 1], i2 = inBase + vIn[v + 2], i3 = inBase + vIn[v + 3];
        FloatVector b0 = FloatVector.broadcast(S, bias[bOff]), b1 = FloatVector.broadcast(S, bias[bOff + 1]);
        FloatVector b2 = FloatVector.broadcast(S, bias[bOff + 2]), b3 = FloatVector.broadcast(S, bias[bOff + 3]);
        FloatVector a00 = b0, a01 = b1, a02 = b2, a03 = b3;
        FloatVector a10 = b0, a11 = b1, a12 = b2, a13 = b3;
        FloatVector a20 = b0, a21 = b1, a22 = b2, a23 = b3;
        FloatVector a30 = b0, a31 = b1, a32 = b2, a33 = b3;
        for (int t = 0, wi = wOff; t < taps.length; t++, wi += 4) {
            int o = taps[t];
            FloatVector x0 = FloatVector.fromArray(S, in, i0 + o), x1 = FloatVector.fromArray(S, in, i1 + o);
            FloatVector x2 = FloatVector.fromArray(S, in, i2 + o), x3 = FloatVector.fromArray(S, in, i3 + o);
            FloatVector w0 = FloatVector.broadcast(S, wp[wi]), w1 = FloatVector.broadcast(S, wp[wi + 1]);
            FloatVector w2 = FloatVector.broadcast(S, wp[wi + 2]), w3 = FloatVector.broadcast(S, wp[wi + 3]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            a02 = x0.fma(w2, a02);
            a03 = x0.fma(w3, a03);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            a12 = x1.fma(w2, a12);
            a13 = x1.fma(w3, a13);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            a22 = x2.fma(w2, a22);
            a23 = x2.fma(w3, a23);
            a30 = x3.fma(w0, a30);
            a31 = x3.fma(w1, a31);
            a32 = x3.fma(w2, a32);
            a33 = x3.fma(w3, a33);
        }
        // unmasked stores to an L1 scratch tile keep this method small: with the masked stores inline,
        // C1 ran out of virtual registers and the method sometimes stayed in slow tier-2 code
        a00.intoArray(tile, 0);
        a01.intoArray(tile, L);
        a02.intoArray(tile, 2 * L);
        a03.intoArray(tile, 3 * L);
        a10.intoArray(tile, 4 * L);
        a11.intoArray(tile, 5 * L);
        a12.intoArray(tile, 6 * L);
        a13.intoArray(tile, 7 * L);
        a20.intoArray(tile, 8 * L);
        a21.intoArray(tile, 9 * L);
        a22.intoArray(tile, 10 * L);
        a23.intoArray(tile, 11 * L);
        a30.intoArray(tile, 12 * L);
        a31.intoArray(tile, 13 * L);
        a32.intoArray(tile, 14 * L);
        a33.intoArray(tile, 15 * L);
    }

    /**
     * Like {@link #block} for 3 output channels by 4 output vectors, without bias (the input gradient
     * of 3-channel layers, whose classes hold 3 channels each): weights {@code [tap][4]}, the fourth
     * unused; the tile keeps the 4-channel layout, channel 3 not written.
     *
     * @param in the input planes
     * @param inBase offset of the image's planes
     * @param vIn per vector: offset of its inputs in the planes (4 used from {@code v})
     * @param v first of the 4 vectors
     * @param taps per tap: offset in the planes
     * @param wp packed weights, {@code [tap][4]} from {@code wOff}
     * @param wOff offset of this channel block's weights
     * @param tile receives the 12 sums, {@code [vector r][channel k][lane]} with 4 channel slots
     */
    static void block3x4(float[] in, int inBase, int[] vIn, int v, int[] taps, float[] wp, int wOff, float[] tile) {
        int i0 = inBase + vIn[v], i1 = inBase + vIn[v + 1], i2 = inBase + vIn[v + 2], i3 = inBase + vIn[v + 3];
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00;
        for (int t = 0, wi = wOff; t < taps.length; t++, wi += 4) {
            int o = taps[t];
            FloatVector x0 = FloatVector.fromArray(S, in, i0 + o), x1 = FloatVector.fromArray(S, in, i1 + o);
            FloatVector x2 = FloatVector.fromArray(S, in, i2 + o), x3 = FloatVector.fromArray(S, in, i3 + o);
            FloatVector w0 = FloatVector.broadcast(S, wp[wi]), w1 = FloatVector.broadcast(S, wp[wi + 1]);
            FloatVector w2 = FloatVector.broadcast(S, wp[wi + 2]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            a02 = x0.fma(w2, a02);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            a12 = x1.fma(w2, a12);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            a22 = x2.fma(w2, a22);
            a30 = x3.fma(w0, a30);
            a31 = x3.fma(w1, a31);
            a32 = x3.fma(w2, a32);
        }
        a00.intoArray(tile, 0);
        a01.intoArray(tile, L);
        a02.intoArray(tile, 2 * L);
        a10.intoArray(tile, 4 * L);
        a11.intoArray(tile, 5 * L);
        a12.intoArray(tile, 6 * L);
        a20.intoArray(tile, 8 * L);
        a21.intoArray(tile, 9 * L);
        a22.intoArray(tile, 10 * L);
        a30.intoArray(tile, 12 * L);
        a31.intoArray(tile, 13 * L);
        a32.intoArray(tile, 14 * L);
    }

    /**
     * Like {@link #block} for 8 output channels by 2 output vectors: one more weight broadcast per
     * output vector, but no repeated vector when a map has an even number of rows (14 on 28x28).
     *
     * @param in the input planes
     * @param inBase offset of the image's planes
     * @param vIn per vector: offset of its inputs in the planes (2 used from {@code v})
     * @param v first of the 2 vectors
     * @param taps per tap: offset in the planes
     * @param wp packed weights, {@code [tap][8]} from {@code wOff}
     * @param wOff offset of this channel block's weights
     * @param bias the 8 channels' biases from {@code bOff}
     * @param bOff offset of the 8 biases
     * @param out receives the 16 sums, all lanes, vector {@code r} channel {@code k} at
     *     {@code o_r + ch[chOff + k]}: the output itself when all lanes may be written, else a tile
     *     for {@link #emit} (with {@link #TILE8} as {@code ch})
     * @param o0 offset of vector 0 in out
     * @param o1 offset of vector 1 in out
     * @param ch channel offsets in out, 8 from {@code chOff}
     * @param chOff offset in ch
     */
    static void block8x2(float[] in, int inBase, int[] vIn, int v, int[] taps, float[] wp, int wOff,
                         float[] bias, int bOff, float[] out, int o0, int o1, int[] ch, int chOff) {
        int i0 = inBase + vIn[v], i1 = inBase + vIn[v + 1];
        FloatVector a00 = FloatVector.broadcast(S, bias[bOff]), a01 = FloatVector.broadcast(S, bias[bOff + 1]);
        FloatVector a02 = FloatVector.broadcast(S, bias[bOff + 2]), a03 = FloatVector.broadcast(S, bias[bOff + 3]);
        FloatVector a04 = FloatVector.broadcast(S, bias[bOff + 4]), a05 = FloatVector.broadcast(S, bias[bOff + 5]);
        FloatVector a06 = FloatVector.broadcast(S, bias[bOff + 6]), a07 = FloatVector.broadcast(S, bias[bOff + 7]);
        FloatVector a10 = a00, a11 = a01, a12 = a02, a13 = a03, a14 = a04, a15 = a05, a16 = a06, a17 = a07;
        for (int t = 0, wi = wOff; t < taps.length; t++, wi += 8) {
            int o = taps[t];
            FloatVector x0 = FloatVector.fromArray(S, in, i0 + o), x1 = FloatVector.fromArray(S, in, i1 + o);
            FloatVector w = FloatVector.broadcast(S, wp[wi]);
            a00 = x0.fma(w, a00);
            a10 = x1.fma(w, a10);
            w = FloatVector.broadcast(S, wp[wi + 1]);
            a01 = x0.fma(w, a01);
            a11 = x1.fma(w, a11);
            w = FloatVector.broadcast(S, wp[wi + 2]);
            a02 = x0.fma(w, a02);
            a12 = x1.fma(w, a12);
            w = FloatVector.broadcast(S, wp[wi + 3]);
            a03 = x0.fma(w, a03);
            a13 = x1.fma(w, a13);
            w = FloatVector.broadcast(S, wp[wi + 4]);
            a04 = x0.fma(w, a04);
            a14 = x1.fma(w, a14);
            w = FloatVector.broadcast(S, wp[wi + 5]);
            a05 = x0.fma(w, a05);
            a15 = x1.fma(w, a15);
            w = FloatVector.broadcast(S, wp[wi + 6]);
            a06 = x0.fma(w, a06);
            a16 = x1.fma(w, a16);
            w = FloatVector.broadcast(S, wp[wi + 7]);
            a07 = x0.fma(w, a07);
            a17 = x1.fma(w, a17);
        }
        int c0 = ch[chOff], c1 = ch[chOff + 1], c2 = ch[chOff + 2], c3 = ch[chOff + 3];
        int c4 = ch[chOff + 4], c5 = ch[chOff + 5], c6 = ch[chOff + 6], c7 = ch[chOff + 7];
        a00.intoArray(out, o0 + c0);
        a01.intoArray(out, o0 + c1);
        a02.intoArray(out, o0 + c2);
        a03.intoArray(out, o0 + c3);
        a04.intoArray(out, o0 + c4);
        a05.intoArray(out, o0 + c5);
        a06.intoArray(out, o0 + c6);
        a07.intoArray(out, o0 + c7);
        a10.intoArray(out, o1 + c0);
        a11.intoArray(out, o1 + c1);
        a12.intoArray(out, o1 + c2);
        a13.intoArray(out, o1 + c3);
        a14.intoArray(out, o1 + c4);
        a15.intoArray(out, o1 + c5);
        a16.intoArray(out, o1 + c6);
        a17.intoArray(out, o1 + c7);
    }

    /**
     * Like {@link #block} for 4 output channels by 2 output vectors, for 16 vector registers: 8
     * accumulators, 2 inputs and a weight broadcast are 11 live vectors, where {@link #block}'s 24 (or
     * {@link #block8x2}'s 19) spill on AVX2. Same weights ({@code [tap][4]}) and tile layout (vectors
     * 0 and 1 of it).
     *
     * @param in the input planes
     * @param inBase offset of the image's planes
     * @param vIn per vector: offset of its inputs in the planes (2 used from {@code v})
     * @param v first of the 2 vectors
     * @param taps per tap: offset in the planes
     * @param wp packed weights, {@code [tap][4]} from {@code wOff}
     * @param wOff offset of this channel block's weights
     * @param bias the 4 channels' biases from {@code bOff} (zeros for none)
     * @param bOff offset of the 4 biases
     * @param tile receives the 8 sums, {@code [vector r][channel k][lane]}
     */
    static void block4x2(float[] in, int inBase, int[] vIn, int v, int[] taps,
                         float[] wp, int wOff, float[] bias, int bOff, float[] tile) {
        int i0 = inBase + vIn[v], i1 = inBase + vIn[v + 1];
        FloatVector a00 = FloatVector.broadcast(S, bias[bOff]), a01 = FloatVector.broadcast(S, bias[bOff + 1]);
        FloatVector a02 = FloatVector.broadcast(S, bias[bOff + 2]), a03 = FloatVector.broadcast(S, bias[bOff + 3]);
        FloatVector a10 = a00, a11 = a01, a12 = a02, a13 = a03;
        for (int t = 0, wi = wOff; t < taps.length; t++, wi += 4) {
            int o = taps[t];
            FloatVector x0 = FloatVector.fromArray(S, in, i0 + o), x1 = FloatVector.fromArray(S, in, i1 + o);
            FloatVector w;
            w = FloatVector.broadcast(S, wp[wi]);
            a00 = x0.fma(w, a00);
            a10 = x1.fma(w, a10);
            w = FloatVector.broadcast(S, wp[wi + 1]);
            a01 = x0.fma(w, a01);
            a11 = x1.fma(w, a11);
            w = FloatVector.broadcast(S, wp[wi + 2]);
            a02 = x0.fma(w, a02);
            a12 = x1.fma(w, a12);
            w = FloatVector.broadcast(S, wp[wi + 3]);
            a03 = x0.fma(w, a03);
            a13 = x1.fma(w, a13);
        }
        a00.intoArray(tile, 0 * L);
        a01.intoArray(tile, 1 * L);
        a02.intoArray(tile, 2 * L);
        a03.intoArray(tile, 3 * L);
        a10.intoArray(tile, 4 * L);
        a11.intoArray(tile, 5 * L);
        a12.intoArray(tile, 6 * L);
        a13.intoArray(tile, 7 * L);
    }

    /**
     * Copies the valid lanes of a tile from {@link #block}, {@link #block4x2} or {@link #block8x2} to the output.
     *
     * @param tile {@code vectors x channels} vectors, {@code [vector r][channel k]}
     * @param vOut per vector: offset of its outputs in one output channel
     * @param vLanes per vector: valid lanes
     * @param v first vector
     * @param vectors vectors in the tile
     * @param y output
     * @param yBase offset of the image's output
     * @param ch channel offsets in the output, from {@code chOff}
     * @param chOff offset in ch
     * @param channels channels in the tile
     */
    static void emit(float[] tile, int[] vOut, int[] vLanes, int v, int vectors, float[] y, int yBase,
                     int[] ch, int chOff, int channels) {
        for (int r = 0; r < vectors; r++) {
            VectorMask<Float> m = S.indexInRange(0, vLanes[v + r]);
            int o = yBase + vOut[v + r];
            for (int k = 0; k < channels; k++) {
                FloatVector.fromArray(S, tile, (channels * r + k) * L).intoArray(y, o + ch[chOff + k], m);
            }
        }
    }

    /**
     * Sums {@code gy[c_k][row] * in[row + tap_j]} over one vector of each output row (one column
     * of vectors) of {@code count} images for 4
     * output channels {@code k} and 4 taps {@code j}, lane-wise, and stores the 16 vectors of lane
     * sums to {@code red} ({@code [k][j][lane]} from {@code redOff}). Masked loads of gy zero the
     * lanes past a row's end; the planes there hold finite values (zeros or other pixels), so those
     * lanes add nothing. Only gy is masked: with all 8 loads masked the method was at the edge of
     * what C1 compiles (it ran out of virtual registers, and the kernel then sometimes stayed in slow
     * tier-2 code, 30 times slower).
     *
     * @param in the chunk's input planes, one image every {@code inStride} floats
     * @param inBase offset of the first image's planes plus the column of the vectors
     * @param inStride floats per image of planes
     * @param gy upstream gradient, one image every {@code gyStride} floats from {@code gyBase}
     * @param gyBase offset of the first image
     * @param gyStride floats per image of gy
     * @param count images
     * @param rows output rows per image
     * @param inStep floats from one output row's inputs to the next's in the planes
     * @param outStep floats from one output row to the next in gy
     * @param lanes valid lanes of each row's vector
     * @param ch the 4 channels' offsets in gy, from {@code chOff}
     * @param chOff offset in ch
     * @param taps the 4 taps' offsets in the planes, from {@code tOff}
     * @param tOff offset in taps
     * @param red receives the {@code 16 * L} lane sums
     * @param redOff offset of the lane sums
     */
    static void weightBlock(float[] in, int inBase, int inStride, float[] gy, int gyBase, int gyStride, int count,
                            int rows, int inStep, int outStep, int lanes, int[] ch, int chOff,
                            int[] taps, int tOff, float[] red, int redOff) {
        int c0 = ch[chOff], c1 = ch[chOff + 1], c2 = ch[chOff + 2], c3 = ch[chOff + 3];
        int t0 = taps[tOff], t1 = taps[tOff + 1], t2 = taps[tOff + 2], t3 = taps[tOff + 3];
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        VectorMask<Float> m = S.indexInRange(0, lanes);
        for (int i = 0; i < count; i++) {
            int gi = gyBase + i * gyStride - outStep, xi = inBase + i * inStride - inStep;
            for (int r = 0; r < rows; r++) {
                gi += outStep;
                xi += inStep;
                FloatVector g0 = FloatVector.fromArray(S, gy, gi + c0, m), g1 = FloatVector.fromArray(S, gy, gi + c1, m);
                FloatVector g2 = FloatVector.fromArray(S, gy, gi + c2, m), g3 = FloatVector.fromArray(S, gy, gi + c3, m);
                FloatVector x0 = FloatVector.fromArray(S, in, xi + t0), x1 = FloatVector.fromArray(S, in, xi + t1);
                FloatVector x2 = FloatVector.fromArray(S, in, xi + t2), x3 = FloatVector.fromArray(S, in, xi + t3);
                a00 = g0.fma(x0, a00);
                a01 = g0.fma(x1, a01);
                a02 = g0.fma(x2, a02);
                a03 = g0.fma(x3, a03);
                a10 = g1.fma(x0, a10);
                a11 = g1.fma(x1, a11);
                a12 = g1.fma(x2, a12);
                a13 = g1.fma(x3, a13);
                a20 = g2.fma(x0, a20);
                a21 = g2.fma(x1, a21);
                a22 = g2.fma(x2, a22);
                a23 = g2.fma(x3, a23);
                a30 = g3.fma(x0, a30);
                a31 = g3.fma(x1, a31);
                a32 = g3.fma(x2, a32);
                a33 = g3.fma(x3, a33);
            }
        }
        // stored, not added (16 more loads here, same C1 limit); addLanes accumulates
        int q = redOff;
        a00.intoArray(red, q);
        a01.intoArray(red, q + L);
        a02.intoArray(red, q + 2 * L);
        a03.intoArray(red, q + 3 * L);
        a10.intoArray(red, q + 4 * L);
        a11.intoArray(red, q + 5 * L);
        a12.intoArray(red, q + 6 * L);
        a13.intoArray(red, q + 7 * L);
        a20.intoArray(red, q + 8 * L);
        a21.intoArray(red, q + 9 * L);
        a22.intoArray(red, q + 10 * L);
        a23.intoArray(red, q + 11 * L);
        a30.intoArray(red, q + 12 * L);
        a31.intoArray(red, q + 13 * L);
        a32.intoArray(red, q + 14 * L);
        a33.intoArray(red, q + 15 * L);
    }

    /**
     * {@link #weightBlock} for 16 vector registers: 4 channels by 2 taps ({@code jOff} and
     * {@code jOff + 1} of the block's 4), 8 accumulators and 6 operands; called for {@code jOff} 0
     * and 2, it fills the same 16 vectors of {@code red} ({@code [k][j][lane]}) with the same sums.
     *
     * @param jOff first tap of the block, 0 or 2
     */
    static void weightBlock4x2(float[] in, int inBase, int inStride, float[] gy, int gyBase, int gyStride, int count,
                               int rows, int inStep, int outStep, int lanes, int[] ch, int chOff,
                               int[] taps, int tOff, int jOff, float[] red, int redOff) {
        int c0 = ch[chOff], c1 = ch[chOff + 1], c2 = ch[chOff + 2], c3 = ch[chOff + 3];
        int t0 = taps[tOff + jOff], t1 = taps[tOff + jOff + 1];
        FloatVector a00 = FloatVector.zero(S), a01 = a00;
        FloatVector a10 = a00, a11 = a00;
        FloatVector a20 = a00, a21 = a00;
        FloatVector a30 = a00, a31 = a00;
        VectorMask<Float> m = S.indexInRange(0, lanes);
        for (int i = 0; i < count; i++) {
            int gi = gyBase + i * gyStride - outStep, xi = inBase + i * inStride - inStep;
            for (int r = 0; r < rows; r++) {
                gi += outStep;
                xi += inStep;
                FloatVector g0 = FloatVector.fromArray(S, gy, gi + c0, m), g1 = FloatVector.fromArray(S, gy, gi + c1, m);
                FloatVector g2 = FloatVector.fromArray(S, gy, gi + c2, m), g3 = FloatVector.fromArray(S, gy, gi + c3, m);
                FloatVector x0 = FloatVector.fromArray(S, in, xi + t0), x1 = FloatVector.fromArray(S, in, xi + t1);
                a00 = g0.fma(x0, a00);
                a01 = g0.fma(x1, a01);
                a10 = g1.fma(x0, a10);
                a11 = g1.fma(x1, a11);
                a20 = g2.fma(x0, a20);
                a21 = g2.fma(x1, a21);
                a30 = g3.fma(x0, a30);
                a31 = g3.fma(x1, a31);
            }
        }
        int q = redOff;
        a00.intoArray(red, q + (0 + jOff) * L);
        a01.intoArray(red, q + (1 + jOff) * L);
        a10.intoArray(red, q + (4 + jOff) * L);
        a11.intoArray(red, q + (5 + jOff) * L);
        a20.intoArray(red, q + (8 + jOff) * L);
        a21.intoArray(red, q + (9 + jOff) * L);
        a30.intoArray(red, q + (12 + jOff) * L);
        a31.intoArray(red, q + (13 + jOff) * L);
    }

    /**
     * {@code acc[accOff + i] += src[i]} for {@code 16 L} floats (the 16 vectors of a weight block).
     *
     * @param src lane sums from {@link #weightBlock}
     * @param acc running lane sums
     * @param accOff offset in acc
     */
    static void addLanes(float[] src, float[] acc, int accOff) {
        for (int i = 0; i < 16 * L; i += L) {
            FloatVector.fromArray(S, acc, accOff + i).add(FloatVector.fromArray(S, src, i)).intoArray(acc, accOff + i);
        }
    }

    /**
     * {@code dst[d, d + len) = src[s, s + len)}, by vectors, the last one masked so nothing past
     * {@code len} is written.
     *
     * @param src source
     * @param s offset in src
     * @param dst destination
     * @param d offset in dst
     * @param len floats
     */
    static void copy(float[] src, int s, float[] dst, int d, int len) {
        int i = 0;
        for (; i + L <= len; i += L) {
            FloatVector.fromArray(S, src, s + i).intoArray(dst, d + i);
        }
        if (i < len) {
            VectorMask<Float> m = S.indexInRange(i, len);
            FloatVector.fromArray(S, src, s + i, m).intoArray(dst, d + i, m);
        }
    }
}
