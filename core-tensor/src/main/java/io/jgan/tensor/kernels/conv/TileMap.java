package io.jgan.tensor.kernels.conv;

import static io.jgan.tensor.kernels.conv.TileTransform.L;
import static io.jgan.tensor.kernels.conv.TileTransform.S;
import static io.jgan.tensor.kernels.conv.WinogradMatrices.MAX_POINTS;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Where the {@link TileTransform#L} lanes of each entry of a tile live in an image array: an index
 * per (entry, lane) and whether the lane is present at all (outside the image, or past the batch,
 * it reads as zero and is not written). Built once and used for many channels, the map turns the
 * copy between images and the lane-interleaved scratch into a table-driven loop with the channel's
 * offset added: no per-element bounds tests of the image or index arithmetic. The gather is an
 * unmasked vector gather and a bitwise mask per entry; the scatter a masked vector scatter per entry
 * where the hardware has one (AVX-512), a scalar loop elsewhere.
 */
final class TileMap {
    /** Integer lanes of the float species' shape, for the masks. */
    private static final VectorSpecies<Integer> I = S.withLanes(int.class);
    /**
     * Whether C2 compiles a vector scatter to an instruction. AVX2 has gathers but no scatter: there
     * the Vector API falls back to a Java loop over boxed vectors, allocating about 50 KB per 5x5
     * convolution call and running several times slower than the plain loop. x86 has a scatter only
     * with AVX-512, exactly when C2 prefers 512-bit vectors (not under {@code -XX:UseAVX=2}).
     */
    static final boolean VECTOR_SCATTER = io.jgan.tensor.Hardware.vectorScatter();
    /** Index of entry {@code k}, lane {@code l} at {@code k * L + l}, relative to the call's offset. */
    final int[] idx = new int[MAX_POINTS * L];
    /** Whether entry {@code k}, lane {@code l} is present (the scatter's mask). */
    final boolean[] on = new boolean[MAX_POINTS * L];
    /** All ones where present, zero where absent: the gather's branch-free select. */
    final int[] bits = new int[MAX_POINTS * L];

    /** Marks lane {@code lane} absent in the first {@code entries} entries. */
    void off(int lane, int entries) {
        for (int k = 0; k < entries; k++) {
            on[k * L + lane] = false;
            bits[k * L + lane] = 0;
            idx[k * L + lane] = 0;
        }
    }

    /** Sets entry {@code k}, lane {@code lane} to index {@code index}, present iff {@code present}. */
    void set(int k, int lane, int index, boolean present) {
        on[k * L + lane] = present;
        bits[k * L + lane] = present ? -1 : 0;
        idx[k * L + lane] = present ? index : 0;
    }

    /**
     * {@code dst[k * L ..] = src[offset + idx[k * L + l]]} (zero where absent) for the first
     * {@code entries} entries.
     */
    void gather(float[] src, int offset, int entries, float[] dst) {
        // unmasked and branch-free: an absent lane reads src[offset] (the call's first element, always
        // there) and is masked to +0 afterwards. Measured per 576-float tile: 190 ns against 260 for
        // a scalar loop; the masked vector gather was no faster than the scalar loop.
        if (offset >= src.length) { // nothing present (a group of panel padding past the last channel)
            java.util.Arrays.fill(dst, 0, entries * L, 0f);
            return;
        }
        for (int k = 0; k < entries; k++) {
            FloatVector v = FloatVector.fromArray(S, src, offset, idx, k * L);
            v.reinterpretAsInts().and(IntVector.fromArray(I, bits, k * L)).reinterpretAsFloats().intoArray(dst, k * L);
        }
    }

    /**
     * {@code dst[offset + idx[k * L + l]] = src[k * L + l] + bias} where present, for the first
     * {@code entries} entries.
     */
    void scatter(float[] src, float bias, int entries, float[] dst, int offset) {
        if (!VECTOR_SCATTER) {
            for (int p = 0; p < entries * L; p++) {
                if (on[p]) {
                    dst[offset + idx[p]] = src[p] + bias;
                }
            }
            return;
        }
        for (int k = 0; k < entries; k++) {
            VectorMask<Float> m = VectorMask.fromArray(S, on, k * L);
            FloatVector.fromArray(S, src, k * L).add(bias).intoArray(dst, offset, idx, k * L, m);
        }
    }
}
