package io.jgan.autograd;

import io.jgan.tensor.Shape;
import io.jgan.tensor.Tensor;

import java.util.Arrays;

/**
 * Reductions and their adjoint, broadcasting: the gradient of a sum is an expand, the gradient of
 * an expand is a sum, so the pair is closed under differentiation.
 */
final class ReductionOps {
    private ReductionOps() {
    }

    static Variable sum(Variable x) {
        Shape xs = x.shape();
        return Variable.record("sum", x.value().sum(), (g, out, n) -> new Variable[] {g.expand(xs)}, x);
    }

    static Variable sum(Variable x, boolean keepdim, int... dims) {
        if (dims.length == 0 && !keepdim) {
            return sum(x);
        }
        Shape xs = x.shape();
        Shape kept = keptShape(xs, dims);
        return Variable.record("sum", x.value().sum(keepdim, dims),
                (g, out, n) -> new Variable[] {g.reshape(kept.dims()).expand(xs)}, x);
    }

    static Variable mean(Variable x) {
        return sum(x).mul(1f / x.size());
    }

    static Variable mean(Variable x, boolean keepdim, int... dims) {
        return sum(x, keepdim, dims).mul(1f / count(x.shape(), dims));
    }

    static Variable variance(Variable x, boolean unbiased, boolean keepdim, int... dims) {
        int n = count(x.shape(), dims);
        if (unbiased && n < 2) {
            throw new IllegalArgumentException("unbiased variance over " + n + " element(s) of shape " + x.shape());
        }
        Variable centred = x.sub(mean(x, true, dims));
        return sum(centred.square(), keepdim, dims).mul(1f / (unbiased ? n - 1 : n));
    }

    static Variable normRows(Variable x) {
        Tensor norms = x.value().normRows();
        return Variable.record("norm_rows", norms, (g, y, n) -> {
            // d||x_r|| / dx_r = x_r / ||x_r||, and 0 for a zero row (PyTorch's convention).
            Variable scale = ElementwiseOps.where(y.value().eq(Tensor.scalar(0f)), Variable.of(Tensor.scalar(0f)), g.div(y));
            int[] col = new int[x.rank()];
            Arrays.fill(col, 1);
            col[0] = x.dim(0);
            return new Variable[] {x.mul(scale.reshape(col))};
        }, x);
    }

    static Variable sumTo(Variable x, Shape target) {
        if (x.shape().equals(target)) {
            return x;
        }
        Shape xs = x.shape();
        return Variable.record("sum_to", x.value().sumTo(target), (g, out, n) -> new Variable[] {g.expand(xs)}, x);
    }

    static Variable expand(Variable x, Shape target) {
        if (x.shape().equals(target)) {
            return x;
        }
        Shape xs = x.shape();
        return Variable.record("expand", x.value().expand(target), (g, out, n) -> new Variable[] {g.sumTo(xs)}, x);
    }

    /** The shape of a keepdim reduction: reduced axes become 1. */
    static Shape keptShape(Shape s, int... dims) {
        int[] d = s.dims();
        if (dims.length == 0) {
            Arrays.fill(d, 1);
        }
        for (int a : dims) {
            d[s.normalizeAxis(a)] = 1;
        }
        return Shape.of(d);
    }

    static int count(Shape s, int... dims) {
        if (dims.length == 0) {
            return s.size();
        }
        int c = 1;
        for (int a : dims) {
            c *= s.dim(a);
        }
        return c;
    }
}
