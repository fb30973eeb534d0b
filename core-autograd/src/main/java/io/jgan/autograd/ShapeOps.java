package io.jgan.autograd;

import io.jgan.tensor.Shape;
import io.jgan.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ops that move values without arithmetic: reshape, slicing, concatenation and row gathers. Each
 * comes with its adjoint (narrow / pad, gather / scatter-add), so rules stay differentiable.
 */
final class ShapeOps {
    private ShapeOps() {
    }

    static Variable reshape(Variable x, int... dims) {
        int[] original = x.dims();
        return Variable.record("reshape", x.value().reshape(dims), (g, out, n) -> new Variable[] {g.reshape(original)}, x);
    }

    static Variable flatten(Variable x) {
        int[] original = x.dims();
        return Variable.record("flatten", x.value().flatten(), (g, out, n) -> new Variable[] {g.reshape(original)}, x);
    }

    static Variable slice(Variable x, int start, int end) {
        int rows = x.dim(0);
        return Variable.record("slice", x.value().slice(start, end), (g, out, n) -> new Variable[] {pad(g, 0, start, rows)}, x);
    }

    static Variable narrow(Variable x, int axis, int start, int length) {
        int a = x.shape().normalizeAxis(axis);
        int full = x.dim(a);
        if (start < 0 || length < 0 || start + length > full) {
            throw new IllegalArgumentException("narrow [" + start + ", " + (start + length) + ") along axis " + a
                    + " out of range for shape " + x.shape());
        }
        return Variable.record("narrow", narrowTensor(x.value(), a, start, length),
                (g, out, n) -> new Variable[] {pad(g, a, start, full)}, x);
    }

    /** The adjoint of narrow: g placed at [start, start + len) along axis in zeros of size full. */
    static Variable pad(Variable g, int axis, int start, int full) {
        int a = g.shape().normalizeAxis(axis);
        int length = g.dim(a);
        return Variable.record("pad", padTensor(g.value(), a, start, full),
                (u, out, n) -> new Variable[] {narrow(u, a, start, length)}, g);
    }

    static Variable concat(List<Variable> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one Variable");
        }
        List<Tensor> values = new ArrayList<>(parts.size());
        for (Variable p : parts) {
            values.add(p.value());
        }
        Tensor out = Tensor.concat(values, axis);
        int a = out.shape().normalizeAxis(axis);
        return Variable.record("concat", out, (g, y, n) -> {
            Variable[] grads = new Variable[parts.size()];
            int start = 0;
            for (int i = 0; i < grads.length; i++) {
                int len = parts.get(i).dim(a);
                if (n[i]) {
                    grads[i] = narrow(g, a, start, len);
                }
                start += len;
            }
            return grads;
        }, parts.toArray(new Variable[0]));
    }

    static Variable stack(List<Variable> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stack needs at least one Variable");
        }
        Shape s = parts.get(0).shape();
        int[] d = new int[s.rank() + 1];
        d[0] = 1;
        System.arraycopy(s.dims(), 0, d, 1, s.rank());
        List<Variable> rows = new ArrayList<>(parts.size());
        for (Variable p : parts) {
            if (!p.shape().equals(s)) {
                throw new IllegalArgumentException("stack of different shapes " + s + " and " + p.shape());
            }
            rows.add(p.reshape(d));
        }
        return concat(rows, 0);
    }

    /** Rows of a 2-D weight picked by index; the gradient scatter-adds back (repeated rows sum). */
    static Variable embedding(Variable weight, int[] indices) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("embedding needs a 2-D weight [rows, dim], got " + weight.shape());
        }
        int rows = weight.dim(0);
        for (int i : indices) {
            if (i < 0 || i >= rows) {
                throw new IllegalArgumentException("embedding index " + i + " out of range for weight " + weight.shape());
            }
        }
        int[] idx = indices.clone();
        return Variable.record("embedding", gather(weight.value(), idx),
                (g, out, n) -> new Variable[] {scatterAdd(g, idx, rows)}, weight);
    }

    private static Variable scatterAdd(Variable g, int[] idx, int rows) {
        return Variable.record("embedding_backward", scatterAddTensor(g.value(), idx, rows),
                (u, out, n) -> new Variable[] {embedding(u, idx)}, g);
    }

    // ---------------------------------------------------------------- tensor kernels (copies)

    private static Tensor narrowTensor(Tensor x, int axis, int start, int length) {
        Shape s = x.shape();
        int outer = s.sizeBetween(0, axis);
        int inner = s.sizeBetween(axis + 1, s.rank());
        int[] d = s.dims();
        d[axis] = length;
        Tensor out = Tensor.zeros(d);
        float[] src = x.data();
        float[] dst = out.data();
        int run = length * inner;
        for (int o = 0; o < outer; o++) {
            System.arraycopy(src, x.offset() + (o * s.dim(axis) + start) * inner, dst, o * run, run);
        }
        return out;
    }

    private static Tensor padTensor(Tensor g, int axis, int start, int full) {
        Shape s = g.shape();
        int outer = s.sizeBetween(0, axis);
        int inner = s.sizeBetween(axis + 1, s.rank());
        int length = s.dim(axis);
        if (start < 0 || start + length > full) {
            throw new IllegalArgumentException("pad of shape " + s + " at " + start + " along axis " + axis + " into size " + full);
        }
        int[] d = s.dims();
        d[axis] = full;
        Tensor out = Tensor.zeros(d);
        float[] src = g.data();
        float[] dst = out.data();
        int run = length * inner;
        for (int o = 0; o < outer; o++) {
            System.arraycopy(src, g.offset() + o * run, dst, (o * full + start) * inner, run);
        }
        return out;
    }

    private static Tensor gather(Tensor w, int[] idx) {
        int dim = w.dim(1);
        Tensor out = Tensor.zeros(idx.length, dim);
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(w.data(), w.offset() + idx[i] * dim, out.data(), i * dim, dim);
        }
        return out;
    }

    private static Tensor scatterAddTensor(Tensor g, int[] idx, int rows) {
        if (g.rank() != 2 || g.dim(0) != idx.length) {
            throw new IllegalArgumentException("embedding gradient of shape " + g.shape() + " for " + idx.length
                    + " indices " + Arrays.toString(Arrays.copyOf(idx, Math.min(idx.length, 8))));
        }
        int dim = g.dim(1);
        Tensor out = Tensor.zeros(rows, dim);
        float[] src = g.data();
        float[] dst = out.data();
        for (int i = 0; i < idx.length; i++) {
            int so = g.offset() + i * dim;
            int d0 = idx[i] * dim;
            for (int j = 0; j < dim; j++) {
                dst[d0 + j] += src[so + j];
            }
        }
        return out;
    }
}
