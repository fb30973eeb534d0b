package io.jgan.tensor;

import io.jgan.tensor.kernels.BinaryOp;
import io.jgan.tensor.kernels.Kernels;

import java.util.Arrays;

/**
 * Reductions. A reduction over several axes is a sequence of single-axis reductions, each seen as
 * (outer, reduced, inner); every output element is computed by one thread in a fixed order, and
 * the full sum combines fixed-size chunk partials in chunk order, so results never depend on the
 * thread count.
 */
final class Reductions {
    /** Elements per partial of a full reduction: fixed, so the summation order is too. */
    static final int CHUNK = 1 << 14;

    enum Op { SUM, MAX, MIN }

    private Reductions() {}

    static float sumAll(Kernels k, Tensor x) {
        int n = x.size();
        float[] d = x.data();
        int o = x.offset();
        int chunks = (n + CHUNK - 1) / CHUNK;
        if (chunks <= 1) {
            return k.sum(d, o, n);
        }
        float[] partial = new float[chunks];
        Parallel.forChunks(chunks, c -> {
            int s = c * CHUNK;
            partial[c] = k.sum(d, o + s, Math.min(CHUNK, n - s));
        });
        double acc = 0;
        for (float p : partial) {
            acc += p;
        }
        return (float) acc;
    }

    static float extremeAll(Kernels k, Tensor x, Op op) {
        if (x.size() == 0) {
            throw new IllegalArgumentException((op == Op.MAX ? "max" : "min") + " of an empty tensor " + x.shape());
        }
        return op == Op.MAX ? k.max(x.data(), x.offset(), x.size()) : k.min(x.data(), x.offset(), x.size());
    }

    /** Normalised, sorted, distinct axes; all axes when none are given. */
    static int[] axes(Shape s, int[] dims) {
        if (dims == null || dims.length == 0) {
            int[] all = new int[s.rank()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] a = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            a[i] = s.normalizeAxis(dims[i]);
        }
        Arrays.sort(a);
        for (int i = 1; i < a.length; i++) {
            if (a[i] == a[i - 1]) {
                throw new IllegalArgumentException("axis " + a[i] + " repeated in " + Arrays.toString(dims) + " for shape " + s);
            }
        }
        return a;
    }

    static Tensor reduce(Kernels k, Tensor x, Op op, boolean keepdim, int[] dims) {
        int[] ax = axes(x.shape(), dims);
        // adjacent reduced axes are one axis of a (contiguous) reshaped view: a conv bias gradient,
        // axes (0, 2, 3), reduces long H*W rows once instead of W-long rows and then H-long ones
        int[] xd = x.shape().dims();
        int[] md = new int[xd.length];
        int[] mergedAxes = new int[ax.length];
        int rank = 0;
        int merged = 0;
        boolean previousReduced = false;
        for (int i = 0, q = 0; i < xd.length; i++) {
            boolean reduced = q < ax.length && ax[q] == i;
            if (reduced) {
                q++;
            }
            if (reduced && previousReduced) {
                md[rank - 1] *= xd[i];
            } else {
                if (reduced) {
                    mergedAxes[merged++] = rank;
                }
                md[rank++] = xd[i];
            }
            previousReduced = reduced;
        }
        Tensor cur = rank == xd.length ? x : x.reshape(Arrays.copyOf(md, rank));
        Tensor start = cur;
        for (int i = merged - 1; i >= 0; i--) {
            cur = reduceAxis(k, cur, mergedAxes[i], op);
        }
        if (cur == start) {
            cur = x.copy();
        }
        return cur.reshape(keepdim ? keptDims(xd, ax) : dropAxes(x.shape(), ax));
    }

    /** The dims of x with the (sorted) reduced axes set to 1. */
    private static int[] keptDims(int[] xd, int[] sortedAxes) {
        int[] d = xd.clone();
        for (int a : sortedAxes) {
            d[a] = 1;
        }
        return d;
    }

    static int[] dropAxes(Shape s, int[] sortedAxes) {
        int[] d = s.dims();
        int[] out = new int[d.length - sortedAxes.length];
        int j = 0;
        int q = 0;
        for (int i = 0; i < d.length; i++) {
            if (q < sortedAxes.length && sortedAxes[q] == i) {
                q++;
            } else {
                out[j++] = d[i];
            }
        }
        return out;
    }

    /** Reduces one axis, keeping it with size 1. */
    static Tensor reduceAxis(Kernels k, Tensor x, int axis, Op op) {
        Shape s = x.shape();
        int outer = s.sizeBetween(0, axis);
        int r = s.dim(axis);
        int inner = s.sizeBetween(axis + 1, s.rank());
        int[] od = s.dims();
        od[axis] = 1;
        Tensor y = Tensor.zeros(od);
        if (r == 0) {
            if (op != Op.SUM) {
                throw new IllegalArgumentException((op == Op.MAX ? "max" : "min") + " over empty axis " + axis + " of " + s);
            }
            return y;
        }
        float[] xd = x.data();
        int xo = x.offset();
        float[] yd = y.data();
        BinaryOp combine = op == Op.SUM ? BinaryOp.ADD : op == Op.MAX ? BinaryOp.MAX : BinaryOp.MIN;
        int grain = Math.max(1, Elementwise.GRAIN / Math.max(1, r * inner));
        Parallel.forRange(outer, grain, (s0, e0) -> {
            for (int o = s0; o < e0; o++) {
                int base = xo + o * r * inner;
                if (inner == 1) {
                    yd[o] = switch (op) {
                        case SUM -> k.sum(xd, base, r);
                        case MAX -> k.max(xd, base, r);
                        case MIN -> k.min(xd, base, r);
                    };
                } else {
                    System.arraycopy(xd, base, yd, o * inner, inner);
                    for (int j = 1; j < r; j++) {
                        k.binary(combine, yd, o * inner, false, xd, base + j * inner, false, yd, o * inner, inner);
                    }
                }
            }
        });
        return y;
    }

    static int[] argmax(Tensor x, int axis) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        int outer = s.sizeBetween(0, a);
        int r = s.dim(a);
        int inner = s.sizeBetween(a + 1, s.rank());
        if (r == 0) {
            throw new IllegalArgumentException("argmax over empty axis " + axis + " of " + s);
        }
        int[] out = new int[outer * inner];
        float[] d = x.data();
        int off = x.offset();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                float bv = d[off + o * r * inner + i];
                for (int j = 1; j < r; j++) {
                    float v = d[off + (o * r + j) * inner + i];
                    if (v > bv || (Float.isNaN(v) && !Float.isNaN(bv))) {
                        bv = v;
                        best = j;
                    }
                }
                out[o * inner + i] = best;
            }
        }
        return out;
    }

    /** Sums a broadcast result back to the shape it was broadcast from (gradients of broadcasting). */
    static Tensor sumTo(Kernels k, Tensor x, Shape target) {
        if (x.shape().equals(target)) {
            return x;
        }
        Shape xs = x.shape();
        if (!Shape.broadcast(target, xs).equals(xs)) {
            throw new IllegalArgumentException("cannot sum " + xs + " to " + target + ": " + target + " does not broadcast to it");
        }
        int pad = xs.rank() - target.rank();
        int[] dims = new int[xs.rank()];
        int n = 0;
        for (int i = 0; i < xs.rank(); i++) {
            boolean lead = i < pad;
            if (lead || (target.dim(i - pad) == 1 && xs.dim(i) != 1)) {
                dims[n++] = i;
            }
        }
        if (n == 0) {
            return x.reshape(target.dims());
        }
        Tensor r = reduce(k, x, Op.SUM, true, Arrays.copyOf(dims, n));
        return r.reshape(target.dims());
    }
}
