package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.kernels.Species;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked SIMD loops of {@link FewChannelConv}: 4 output channels by 4 output vectors
 * (16 accumulators) per call. Each is a small method of its own on purpose: C2 stops inlining large
 * Vector API methods and then boxes the vectors, which cost 5-40x elsewhere in this project.
 */
final class FewChannelKernels {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = S.length();

    private FewChannelKernels() {}

    /**
     * Accumulates {@code y[c_k][vector_r] = b_k + sum_t w[k][t] in[base_r + taps[t] + lane]} for 4
     * output channels {@code k} and 4 output vectors {@code r} and stores the valid lanes.
     *
     * @param in the input planes
     * @param inBase offset of the image's planes
     * @param vIn per vector: offset of its inputs in the planes (4 used from {@code v})
     * @param vOut per vector: offset of its outputs in one output channel
     * @param vLanes per vector: valid lanes
     * @param v first of the 4 vectors
     * @param taps per tap: offset in the planes
     * @param wp packed weights, {@code [tap][4]} from {@code wOff}
     * @param wOff offset of this channel block's weights
     * @param bias the 4 channels' biases from {@code bOff} (zeros for none)
     * @param bOff offset of the 4 biases
     * @param y output
     * @param yBase offset of the image's output
     * @param ch channel offsets in the output, 4 from {@code chOff}
     * @param chOff offset in ch
     */
    static void block(float[] in, int inBase, int[] vIn, int[] vOut, int[] vLanes, int v, int[] taps,
                      float[] wp, int wOff, float[] bias, int bOff, float[] y, int yBase, int[] ch, int chOff) {
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
        int c0 = yBase + ch[chOff], c1 = yBase + ch[chOff + 1], c2 = yBase + ch[chOff + 2], c3 = yBase + ch[chOff + 3];
        int o0 = vOut[v], o1 = vOut[v + 1], o2 = vOut[v + 2], o3 = vOut[v + 3];
        VectorMask<Float> m0 = S.indexInRange(0, vLanes[v]), m1 = S.indexInRange(0, vLanes[v + 1]);
        VectorMask<Float> m2 = S.indexInRange(0, vLanes[v + 2]), m3 = S.indexInRange(0, vLanes[v + 3]);
        a00.intoArray(y, c0 + o0, m0);
        a01.intoArray(y, c1 + o0, m0);
        a02.intoArray(y, c2 + o0, m0);
        a03.intoArray(y, c3 + o0, m0);
        a10.intoArray(y, c0 + o1, m1);
        a11.intoArray(y, c1 + o1, m1);
        a12.intoArray(y, c2 + o1, m1);
        a13.intoArray(y, c3 + o1, m1);
        a20.intoArray(y, c0 + o2, m2);
        a21.intoArray(y, c1 + o2, m2);
        a22.intoArray(y, c2 + o2, m2);
        a23.intoArray(y, c3 + o2, m2);
        a30.intoArray(y, c0 + o3, m3);
        a31.intoArray(y, c1 + o3, m3);
        a32.intoArray(y, c2 + o3, m3);
        a33.intoArray(y, c3 + o3, m3);
    }
}
