package io.jgan.tensor;

import io.jgan.tensor.kernels.BinaryOp;
import io.jgan.tensor.kernels.Kernels;
import io.jgan.tensor.kernels.UnaryOp;

/**
 * The layout walks of element-wise ops: broadcasting is resolved here into runs of contiguous
 * (or repeated-scalar) operands, and the kernels only ever see runs.
 */
final class Elementwise {
    /** Runs shorter than this stay on the calling thread. */
    static final int GRAIN = 1 << 15;
    /**
     * Thread ranges of a map start at multiples of this ({@link Parallel#forSplit}): a multiple of
     * every vector length, so that a range's vector tail can only be the array's own, and the
     * result does not depend on the thread count.
     */
    static final int ALIGN = 64;

    private Elementwise() {}

    static Tensor unary(Kernels k, UnaryOp op, float a, float b, Tensor x) {
        Tensor y = Tensor.uninitialized(x.shape()); // the kernels write every element
        unaryInto(k, op, a, b, x, y);
        return y;
    }

    static void unaryInto(Kernels k, UnaryOp op, float a, float b, Tensor x, Tensor y) {
        float[] xd = x.data();
        float[] yd = y.data();
        int xo = x.offset();
        int yo = y.offset();
        Parallel.forSplit(x.size(), GRAIN, ALIGN, (s, e) -> k.unary(op, a, b, xd, xo + s, yd, yo + s, e - s));
    }

    static Tensor binary(Kernels k, BinaryOp op, Tensor a, Tensor b) {
        Shape out = Shape.broadcast(a.shape(), b.shape());
        Tensor y = Tensor.uninitialized(out); // every output element is written once
        binaryInto(k, op, a, b, y);
        return y;
    }

    /**
     * y = op(a, b) with broadcasting; y must have the broadcast shape. y may alias a or b when that
     * operand already has the output's shape (the in-place forms).
     */
    static void binaryInto(Kernels k, BinaryOp op, Tensor a, Tensor b, Tensor y) {
        Shape out = y.shape();
        float[] ad = a.data();
        float[] bd = b.data();
        float[] yd = y.data();
        int ao = a.offset();
        int bo = b.offset();
        int yo = y.offset();
        if (a.shape().equals(out) && b.shape().equals(out)) {
            Parallel.forSplit(out.size(), GRAIN, ALIGN, (s, e) -> k.binary(op, ad, ao + s, false, bd, bo + s, false, yd, yo + s, e - s));
            return;
        }
        if (b.size() == 1 && a.shape().equals(out)) {
            Parallel.forSplit(out.size(), GRAIN, ALIGN, (s, e) -> k.binary(op, ad, ao + s, false, bd, bo, true, yd, yo + s, e - s));
            return;
        }
        if (a.size() == 1 && b.shape().equals(out)) {
            Parallel.forSplit(out.size(), GRAIN, ALIGN, (s, e) -> k.binary(op, ad, ao, true, bd, bo + s, false, yd, yo + s, e - s));
            return;
        }
        Walk w = new Walk(a.shape(), b.shape(), out);
        int runs = out.size() == 0 ? 0 : out.size() / w.inner;
        int runsPerChunk = Math.max(1, GRAIN / Math.max(1, w.inner));
        Parallel.forRange(runs, runsPerChunk, (s, e) -> {
            for (int r = s; r < e; r++) {
                k.binary(op, ad, ao + w.offsetA(r), w.aScalar, bd, bo + w.offsetB(r), w.bScalar, yd, yo + r * w.inner, w.inner);
            }
        });
    }

    /** Materialises x broadcast to a larger shape. */
    static Tensor expand(Tensor x, Shape out) {
        if (!Shape.broadcast(x.shape(), out).equals(out)) {
            throw new IllegalArgumentException("cannot expand " + x.shape() + " to " + out);
        }
        Tensor zero = Tensor.zeros(out);
        return binary(Kernels.active(), BinaryOp.ADD, zero, x);
    }

    /**
     * Splits a broadcast into outer runs: the innermost block of dimensions over which each operand
     * is either contiguous or one repeated value, and the strides of the outer dimensions.
     */
    static final class Walk {
        final int inner;
        final boolean aScalar;
        final boolean bScalar;
        private final int[] outerDims;
        private final int[] aStrides;
        private final int[] bStrides;

        Walk(Shape a, Shape b, Shape out) {
            int r = out.rank();
            int[] od = out.dims();
            int[] as = paddedStrides(a, r);
            int[] bs = paddedStrides(b, r);
            // Find the mode (contiguous or repeated) of each operand over the innermost block.
            int axis = r - 1;
            int block = 1;
            Boolean aRep = null;
            Boolean bRep = null;
            for (; axis >= 0; axis--) {
                if (od[axis] == 1) {
                    continue;
                }
                boolean ar = as[axis] == 0;
                boolean br = bs[axis] == 0;
                boolean aOk = ar ? (aRep == null || aRep) : ((aRep == null || !aRep) && as[axis] == block);
                boolean bOk = br ? (bRep == null || bRep) : ((bRep == null || !bRep) && bs[axis] == block);
                if (!aOk || !bOk) {
                    break;
                }
                aRep = ar;
                bRep = br;
                block *= od[axis];
            }
            this.inner = block;
            this.aScalar = aRep != null && aRep;
            this.bScalar = bRep != null && bRep;
            int outerRank = axis + 1;
            this.outerDims = java.util.Arrays.copyOf(od, outerRank);
            this.aStrides = java.util.Arrays.copyOf(as, outerRank);
            this.bStrides = java.util.Arrays.copyOf(bs, outerRank);
        }

        private static int[] paddedStrides(Shape s, int r) {
            int[] st = s.strides();
            int[] d = s.dims();
            int[] out = new int[r];
            int pad = r - s.rank();
            for (int i = 0; i < s.rank(); i++) {
                out[pad + i] = d[i] == 1 ? 0 : st[i];
            }
            return out;
        }

        int offsetA(int run) {
            return offset(run, aStrides);
        }

        int offsetB(int run) {
            return offset(run, bStrides);
        }

        private int offset(int run, int[] strides) {
            int off = 0;
            for (int i = outerDims.length - 1; i >= 0; i--) {
                int d = outerDims[i];
                off += (run % d) * strides[i];
                run /= d;
            }
            return off;
        }
    }
}
