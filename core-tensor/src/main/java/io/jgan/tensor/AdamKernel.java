package io.jgan.tensor;

import io.jgan.tensor.kernels.Kernels;
import io.jgan.tensor.kernels.Species;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused element-wise Adam update, one pass over parameter, gradient and both moments, with the
 * scalar loop as its twin ({@code -Djgan.simd=false}).
 *
 * <p>Per element, in float and in this order (PyTorch's single-tensor Adam, which jgan matches bit for
 * bit): {@code g += wd * p} (if decaying); {@code m = lerp(m, g, w1)}; {@code v = v * b2 + (1 - b2) * g * g};
 * {@code p += negStep * m / (sqrt(v) / bc2Sqrt + eps)}. The vector form performs the same IEEE
 * operations (no fused multiply-adds, a correctly rounded square root), so both twins give identical
 * bits.
 */
public final class AdamKernel {
    private static final VectorSpecies<Float> S = Species.FLOAT;

    /** Parameters per parallel chunk: 256 KiB of each stream, well above the cost of a fork. */
    static final int GRAIN = 1 << 16;

    private AdamKernel() {}

    /**
     * Updates {@code n} parameters in place.
     *
     * @param p parameters, from {@code po}
     * @param po parameter offset
     * @param g gradients, from {@code go}
     * @param go gradient offset
     * @param m first moments, from 0
     * @param v second moments, from 0
     * @param n element count
     * @param w1 {@code 1 - beta1}, the lerp weight
     * @param b2 {@code beta2}
     * @param oneMinusB2 {@code 1 - beta2}
     * @param negStep {@code -lr / (1 - beta1^t)}
     * @param bc2Sqrt {@code sqrt(1 - beta2^t)}
     * @param eps epsilon
     * @param wd weight decay (L2, added to the gradient); 0 for none
     */
    public static void update(float[] p, int po, float[] g, int go, float[] m, float[] v, int n,
                              float w1, float b2, float oneMinusB2, float negStep, float bc2Sqrt, float eps, float wd) {
        if (n < 0 || po < 0 || go < 0 || po > p.length - n || go > g.length - n || m.length < n || v.length < n) {
            throw new IllegalArgumentException("Adam update of " + n + " elements does not fit arrays of "
                    + p.length + ", " + g.length + ", " + m.length + ", " + v.length);
        }
        // element-wise, so any split gives the same bits; the big layers (6.4M weights in the
        // MNIST-GAN's fully connected layers) stream 28 bytes per parameter and gain from a second
        // core's bandwidth, while small ones stay on the caller (one chunk)
        if (n <= GRAIN) {
            // one chunk: straight on the caller, without the capturing lambda (steps allocate nothing)
            if (Kernels.SIMD_ENABLED) {
                vector(p, po, g, go, m, v, 0, n, w1, b2, oneMinusB2, negStep, bc2Sqrt, eps, wd);
            } else {
                scalar(p, po, g, go, m, v, 0, n, w1, b2, oneMinusB2, negStep, bc2Sqrt, eps, wd);
            }
        } else if (Kernels.SIMD_ENABLED) {
            Parallel.forSplit(n, GRAIN, Elementwise.ALIGN, (s, e) -> vector(p, po, g, go, m, v, s, e, w1, b2, oneMinusB2, negStep, bc2Sqrt, eps, wd));
        } else {
            Parallel.forSplit(n, GRAIN, Elementwise.ALIGN, (s, e) -> scalar(p, po, g, go, m, v, s, e, w1, b2, oneMinusB2, negStep, bc2Sqrt, eps, wd));
        }
    }

    /** torch's lerp: {@code a + w (b - a)} for |w| &lt; 0.5, else {@code b - (b - a)(1 - w)}. */
    static float lerp(float a, float b, float w) {
        return Math.abs(w) < 0.5f ? a + w * (b - a) : b - (b - a) * (1f - w);
    }

    static void scalar(float[] p, int po, float[] g, int go, float[] m, float[] v, int from, int to,
                       float w1, float b2, float oneMinusB2, float negStep, float bc2Sqrt, float eps, float wd) {
        boolean decay = wd != 0f;
        for (int i = from; i < to; i++) {
            float pi = p[po + i];
            float gi = decay ? g[go + i] + wd * pi : g[go + i];
            float mi = lerp(m[i], gi, w1);
            float vi = v[i] * b2;
            vi = vi + oneMinusB2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
            p[po + i] = pi + negStep * mi / denom;
        }
    }

    private static void vector(float[] p, int po, float[] g, int go, float[] m, float[] v, int from, int to,
                               float w1, float b2, float oneMinusB2, float negStep, float bc2Sqrt, float eps, float wd) {
        boolean decay = wd != 0f;
        boolean small = Math.abs(w1) < 0.5f;
        float w1c = 1f - w1;
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            FloatVector pi = FloatVector.fromArray(S, p, po + i);
            FloatVector gi = FloatVector.fromArray(S, g, go + i);
            if (decay) {
                gi = gi.add(pi.mul(wd));
            }
            FloatVector m0 = FloatVector.fromArray(S, m, i);
            FloatVector mi = small ? m0.add(gi.sub(m0).mul(w1)) : gi.sub(gi.sub(m0).mul(w1c));
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(b2);
            vi = vi.add(gi.mul(oneMinusB2).mul(gi));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector denom = vi.sqrt().div(bc2Sqrt).add(eps);
            pi.add(mi.mul(negStep).div(denom)).intoArray(p, po + i);
        }
        scalar(p, po, g, go, m, v, i, to, w1, b2, oneMinusB2, negStep, bc2Sqrt, eps, wd);
    }
}
