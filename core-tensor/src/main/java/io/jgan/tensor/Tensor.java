package io.jgan.tensor;

import io.jgan.tensor.kernels.BinaryOp;
import io.jgan.tensor.kernels.Kernels;
import io.jgan.tensor.kernels.UnaryOp;

import java.util.Arrays;
import java.util.List;

/**
 * A dense float32 tensor: row-major data in a heap {@code float[]}, contiguous from an offset, and
 * an immutable {@link Shape}. {@link #reshape} and {@link #slice} are views sharing the data; every
 * other op returns a new tensor, except the {@code ...InPlace} forms meant for optimisers and
 * buffer reuse. Element-wise binary ops broadcast like NumPy and PyTorch.
 *
 * <p>Kernels are the SIMD ones unless {@code -Djgan.simd=false}; {@link #withKernels} runs an op
 * with an explicit implementation (scalar or SIMD) for tests and benchmarks.
 */
public final class Tensor {
    private final float[] data;
    private final int offset;
    private final Shape shape;

    private Tensor(float[] data, int offset, Shape shape) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
    }

    // ---------------------------------------------------------------- factories

    /**
     * Wraps an array without copying.
     *
     * @param data row-major values, exactly {@code shape.size()} of them
     * @param shape the shape
     * @return a tensor sharing {@code data}
     */
    public static Tensor wrap(float[] data, Shape shape) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("array of " + data.length + " floats does not fit shape " + shape
                    + " (" + shape.size() + " elements)");
        }
        return new Tensor(data, 0, shape);
    }

    /**
     * @param data row-major values (not copied)
     * @param dims the shape
     * @return a tensor sharing {@code data}
     */
    public static Tensor wrap(float[] data, int... dims) {
        return wrap(data, Shape.of(dims));
    }

    /**
     * @param data row-major values (copied)
     * @param dims the shape
     * @return a new tensor
     */
    public static Tensor fromArray(float[] data, int... dims) {
        return wrap(data.clone(), Shape.of(dims));
    }

    /**
     * Inside a {@link TensorScope} the array comes from the pool (cleared to zeros here, since
     * pooled arrays hold old values); outside one it is a fresh heap array.
     *
     * @param shape the shape
     * @return a tensor of zeros
     */
    public static Tensor zeros(Shape shape) {
        return new Tensor(TensorScope.allocate(shape.size(), true), 0, shape);
    }

    /**
     * A tensor every element of which the caller writes before reading: pooled storage is not cleared
     * (kernels that overwrite their whole output skip a pass over memory).
     */
    static Tensor uninitialized(Shape s) {
        return new Tensor(TensorScope.allocate(s.size(), false), 0, s);
    }

    /** @param dims the shape @return see {@link #uninitialized(Shape)} */
    static Tensor uninitialized(int... dims) {
        return uninitialized(Shape.of(dims));
    }

    /** @param dims the shape @return a tensor of zeros */
    public static Tensor zeros(int... dims) {
        return zeros(Shape.of(dims));
    }

    /** @param dims the shape @return a tensor of ones */
    public static Tensor ones(int... dims) {
        return full(1f, dims);
    }

    /**
     * @param value the fill value
     * @param dims the shape
     * @return a tensor holding {@code value} everywhere
     */
    public static Tensor full(float value, int... dims) {
        Tensor t = uninitialized(dims);
        Arrays.fill(t.data, value);
        return t;
    }

    /** @param value the value @return a rank-0 tensor */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, 0, Shape.of());
    }

    /** @param n the length @return [0, 1, ..., n-1] */
    public static Tensor arange(int n) {
        Tensor t = uninitialized(n);
        for (int i = 0; i < n; i++) {
            t.data[i] = i;
        }
        return t;
    }

    /**
     * @param rng the generator (its counter advances by one draw per element, in row-major order)
     * @param dims the shape
     * @return N(0, 1) samples
     */
    public static Tensor randn(Rng rng, int... dims) {
        Tensor t = uninitialized(dims);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = rng.nextGaussian();
        }
        return t;
    }

    /**
     * @param rng the generator
     * @param lo lower bound (inclusive)
     * @param hi upper bound (exclusive)
     * @param dims the shape
     * @return U[lo, hi) samples
     */
    public static Tensor uniform(Rng rng, float lo, float hi, int... dims) {
        Tensor t = uninitialized(dims);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = lo + (hi - lo) * rng.nextFloat();
        }
        return t;
    }

    /**
     * @param rng the generator
     * @param p probability of a one
     * @param dims the shape
     * @return 0/1 samples
     */
    public static Tensor bernoulli(Rng rng, double p, int... dims) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli probability must be in [0, 1], got " + p);
        }
        return bernoulli(rng, p, 1f, dims);
    }

    /**
     * A tensor of {@code value} with probability p and 0 otherwise (inverted dropout's scaled mask in
     * one pass), drawing the same numbers as {@link #bernoulli(Rng, double, int...)}.
     *
     * @param rng the generator
     * @param p probability of {@code value}
     * @param value the value of a success
     * @param dims the shape
     * @return the mask
     */
    public static Tensor bernoulli(Rng rng, double p, float value, int... dims) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli probability must be in [0, 1], got " + p);
        }
        Tensor t = uninitialized(dims); // every element is written
        rng.fillBernoulli(t.data, 0, t.data.length, p, value);
        return t;
    }

    // ---------------------------------------------------------------- structure

    /** @return the shape */
    public Shape shape() {
        return shape;
    }

    /** @return a copy of the sizes */
    public int[] dims() {
        return shape.dims();
    }

    /** @param axis an axis, negative from the end @return its size */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /** @return the number of dimensions */
    public int rank() {
        return shape.rank();
    }

    /** @return the number of elements */
    public int size() {
        return shape.size();
    }

    /** @return the backing array; the values are {@code data()[offset() .. offset() + size())} */
    public float[] data() {
        return data;
    }

    /** @return where this tensor's values start in {@link #data()} */
    public int offset() {
        return offset;
    }

    private int flatIndex(int... idx) {
        if (idx.length != shape.rank()) {
            throw new IllegalArgumentException("index " + Arrays.toString(idx) + " has the wrong rank for shape " + shape);
        }
        int f = 0;
        for (int i = 0; i < idx.length; i++) {
            int d = shape.dim(i);
            if (idx[i] < 0 || idx[i] >= d) {
                throw new IllegalArgumentException("index " + Arrays.toString(idx) + " out of bounds for shape " + shape);
            }
            f = f * d + idx[i];
        }
        return offset + f;
    }

    /** @param idx one index per dimension @return the element */
    public float get(int... idx) {
        return data[flatIndex(idx)];
    }

    /**
     * @param value the new value
     * @param idx one index per dimension
     */
    public void set(float value, int... idx) {
        data[flatIndex(idx)] = value;
    }

    /** @return the single value of a one-element tensor */
    public float item() {
        if (size() != 1) {
            throw new IllegalArgumentException("item() needs exactly one element, shape is " + shape);
        }
        return data[offset];
    }

    /** @return a copy of the values, row-major */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + size());
    }

    /** @return a deep copy */
    public Tensor copy() {
        float[] a = TensorScope.allocate(size(), false);
        System.arraycopy(data, offset, a, 0, a.length);
        return new Tensor(a, 0, shape);
    }

    /**
     * A view with another shape of the same size; one size may be -1 (inferred).
     *
     * @param dims the new sizes
     * @return a view sharing the data
     */
    public Tensor reshape(int... dims) {
        int[] d = dims.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("only one -1 allowed in reshape " + Arrays.toString(dims));
                }
                infer = i;
            } else if (d[i] < 0) {
                throw new IllegalArgumentException("negative size in reshape " + Arrays.toString(dims) + " of " + shape);
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size() % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + shape + " to " + Arrays.toString(dims));
            }
            d[infer] = (int) (size() / known);
        }
        Shape s = Shape.of(d);
        if (s.size() != size()) {
            throw new IllegalArgumentException("cannot reshape " + shape + " (" + size() + " elements) to " + s);
        }
        return new Tensor(data, offset, s);
    }

    /** @return a view of shape [dim0, rest] (rank 1 stays rank 1... as [n, 1] is not wanted: [n] becomes [n, 1]) */
    public Tensor flatten() {
        if (rank() == 0) {
            return reshape(1, 1);
        }
        return reshape(dim(0), shape.sizeBetween(1, rank()));
    }

    /**
     * A view of rows {@code [start, end)} along the first axis.
     *
     * @param start first row
     * @param end one past the last row
     * @return a view sharing the data
     */
    public Tensor slice(int start, int end) {
        if (rank() == 0) {
            throw new IllegalArgumentException("cannot slice a scalar");
        }
        if (start < 0 || end > dim(0) || start > end) {
            throw new IllegalArgumentException("slice [" + start + ", " + end + ") out of range for shape " + shape);
        }
        int[] d = dims();
        int row = shape.sizeBetween(1, rank());
        d[0] = end - start;
        return new Tensor(data, offset + start * row, Shape.of(d));
    }

    /**
     * Concatenates along an axis; all other sizes must agree.
     *
     * @param parts the tensors, at least one
     * @param axis the axis
     * @return a new tensor
     */
    public static Tensor concat(List<Tensor> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        Shape first = parts.get(0).shape;
        int a = first.normalizeAxis(axis);
        int total = 0;
        for (Tensor t : parts) {
            if (t.rank() != first.rank()) {
                throw new IllegalArgumentException("concat of shapes " + first + " and " + t.shape + ": ranks differ");
            }
            for (int i = 0; i < first.rank(); i++) {
                if (i != a && t.dim(i) != first.dim(i)) {
                    throw new IllegalArgumentException("concat along axis " + a + " of shapes " + first + " and " + t.shape);
                }
            }
            total += t.dim(a);
        }
        int[] d = first.dims();
        d[a] = total;
        Tensor out = zeros(d);
        int outer = first.sizeBetween(0, a);
        int inner = first.sizeBetween(a + 1, first.rank());
        int pos = 0;
        for (Tensor t : parts) {
            int run = t.dim(a) * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(t.data, t.offset + o * run, out.data, o * total * inner + pos, run);
            }
            pos += run;
        }
        return out;
    }

    /**
     * Stacks equal-shaped tensors along a new first axis.
     *
     * @param parts the tensors, at least one, all of one shape
     * @return a new tensor of shape [parts.size(), ...]
     */
    public static Tensor stack(List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stack needs at least one tensor");
        }
        Shape s = parts.get(0).shape;
        List<Tensor> expanded = new java.util.ArrayList<>(parts.size());
        int[] d = new int[s.rank() + 1];
        d[0] = 1;
        System.arraycopy(s.dims(), 0, d, 1, s.rank());
        for (Tensor t : parts) {
            if (!t.shape.equals(s)) {
                throw new IllegalArgumentException("stack of different shapes " + s + " and " + t.shape);
            }
            expanded.add(t.reshape(d));
        }
        return concat(expanded, 0);
    }

    /** @return the transpose of a 2-D tensor, as a copy */
    public Tensor transpose2d() {
        if (rank() != 2) {
            throw new IllegalArgumentException("transpose2d needs a 2-D tensor, got " + shape);
        }
        int r = dim(0);
        int c = dim(1);
        Tensor t = uninitialized(c, r);
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                t.data[j * r + i] = data[offset + i * c + j];
            }
        }
        return t;
    }

    /**
     * @param target a larger shape this one broadcasts to
     * @return this tensor's values repeated to {@code target}
     */
    public Tensor expand(Shape target) {
        return Elementwise.expand(this, target);
    }

    // ---------------------------------------------------------------- element-wise

    private static Kernels k() {
        return KernelScope.current();
    }

    private Tensor un(UnaryOp op, float a, float b) {
        return Elementwise.unary(k(), op, a, b, this);
    }

    private Tensor bin(BinaryOp op, Tensor other) {
        return Elementwise.binary(k(), op, this, other);
    }

    /** @param o other @return this + o (broadcast) */ public Tensor add(Tensor o) { return bin(BinaryOp.ADD, o); }
    /** @param o other @return this - o (broadcast) */ public Tensor sub(Tensor o) { return bin(BinaryOp.SUB, o); }
    /** @param o other @return this * o (broadcast) */ public Tensor mul(Tensor o) { return bin(BinaryOp.MUL, o); }
    /** @param o other @return this / o (broadcast) */ public Tensor div(Tensor o) { return bin(BinaryOp.DIV, o); }
    /** @param o other @return max(this, o) (broadcast) */ public Tensor maximum(Tensor o) { return bin(BinaryOp.MAX, o); }
    /** @param o other @return min(this, o) (broadcast) */ public Tensor minimum(Tensor o) { return bin(BinaryOp.MIN, o); }
    /** @param o other @return 1 where this &gt; o, else 0 */ public Tensor gt(Tensor o) { return bin(BinaryOp.GT, o); }
    /** @param o other @return 1 where this &gt;= o, else 0 */ public Tensor ge(Tensor o) { return bin(BinaryOp.GE, o); }
    /** @param o other @return 1 where this &lt; o, else 0 */ public Tensor lt(Tensor o) { return bin(BinaryOp.LT, o); }
    /** @param o other @return 1 where this == o, else 0 */ public Tensor eq(Tensor o) { return bin(BinaryOp.EQ, o); }

    /** @param s scalar @return this + s */ public Tensor add(float s) { return un(UnaryOp.AFFINE, 1f, s); }
    /** @param s scalar @return this - s */ public Tensor sub(float s) { return un(UnaryOp.AFFINE, 1f, -s); }
    /** @param s scalar @return this * s */ public Tensor mul(float s) { return un(UnaryOp.AFFINE, s, 0f); }
    /** @param s scalar @return this / s */ public Tensor div(float s) { return bin(BinaryOp.DIV, scalar(s)); }
    /** @param s scalar @return s - this */ public Tensor rsub(float s) { return un(UnaryOp.AFFINE, -1f, s); }
    /**
     * @param a scale
     * @param b shift
     * @return a * this + b
     */
    public Tensor affine(float a, float b) { return un(UnaryOp.AFFINE, a, b); }

    /** @return -this */ public Tensor neg() { return un(UnaryOp.NEG, 0, 0); }
    /** @return |this| */ public Tensor abs() { return un(UnaryOp.ABS, 0, 0); }
    /** @return sign(this) */ public Tensor sign() { return un(UnaryOp.SIGN, 0, 0); }
    /** @return this^2 */ public Tensor square() { return un(UnaryOp.SQUARE, 0, 0); }
    /** @param p exponent @return this^p */ public Tensor pow(float p) { return un(UnaryOp.POW, p, 0); }
    /** @return sqrt(this) */ public Tensor sqrt() { return un(UnaryOp.SQRT, 0, 0); }
    /** @return 1/sqrt(this) */ public Tensor rsqrt() { return un(UnaryOp.RSQRT, 0, 0); }
    /** @return 1/this */ public Tensor reciprocal() { return un(UnaryOp.RECIPROCAL, 0, 0); }
    /** @return e^this */ public Tensor exp() { return un(UnaryOp.EXP, 0, 0); }
    /** @return ln(this) */ public Tensor log() { return un(UnaryOp.LOG, 0, 0); }
    /** @return tanh(this) */ public Tensor tanh() { return un(UnaryOp.TANH, 0, 0); }
    /** @return sigmoid(this) */ public Tensor sigmoid() { return un(UnaryOp.SIGMOID, 0, 0); }
    /** @return softplus(this) = ln(1 + e^this), stable */ public Tensor softplus() { return un(UnaryOp.SOFTPLUS, 0, 0); }
    /** @return ln(sigmoid(this)), stable */ public Tensor logSigmoid() { return un(UnaryOp.LOG_SIGMOID, 0, 0); }
    /** @return max(this, 0) */ public Tensor relu() { return un(UnaryOp.RELU, 0, 0); }
    /** @return 1 where this &gt; 0, else 0 */ public Tensor step() { return un(UnaryOp.STEP, 0, 0); }
    /** @param slope negative slope @return leaky relu */ public Tensor leakyRelu(float slope) { return un(UnaryOp.LEAKY_RELU, slope, 0); }
    /** @param slope negative slope @return 1 where this &gt; 0, else slope */ public Tensor leakyStep(float slope) { return un(UnaryOp.LEAKY_STEP, slope, 0); }
    /**
     * @param lo lower bound
     * @param hi upper bound
     * @return min(max(this, lo), hi)
     */
    public Tensor clamp(float lo, float hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("clamp bounds reversed: lo " + lo + " > hi " + hi);
        }
        return un(UnaryOp.CLAMP, lo, hi);
    }
    /**
     * @param lo lower bound
     * @param hi upper bound
     * @return 1 where lo &lt;= this &lt;= hi, else 0 (the derivative of clamp)
     */
    public Tensor clampMask(float lo, float hi) { return un(UnaryOp.CLAMP_MASK, lo, hi); }

    /**
     * Element-wise choice with broadcasting.
     *
     * @param cond non-zero selects {@code a}
     * @param a values where cond is non-zero
     * @param b values elsewhere
     * @return a new tensor of the broadcast shape
     */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Shape out = Shape.broadcast(Shape.broadcast(cond.shape, a.shape), b.shape);
        Tensor c = cond.shape.equals(out) ? cond : cond.expand(out);
        Tensor x = a.shape.equals(out) ? a : a.expand(out);
        Tensor y = b.shape.equals(out) ? b : b.expand(out);
        Tensor r = zeros(out);
        k().select(c.data, c.offset, x.data, x.offset, y.data, y.offset, r.data, 0, out.size());
        return r;
    }

    /**
     * tanh into an existing tensor (PyTorch's {@code torch.tanh(x, out=y)}): no allocation, so a
     * reused output keeps the op to one pass over its data.
     *
     * @param out same shape as this; may be this tensor itself
     * @return out
     */
    public Tensor tanhInto(Tensor out) { return unInto(UnaryOp.TANH, 0f, 0f, out); }

    /**
     * Leaky ReLU into an existing tensor (PyTorch's {@code leaky_relu(x, slope, out=y)}).
     *
     * @param slope negative slope
     * @param out same shape as this; may be this tensor itself
     * @return out
     */
    public Tensor leakyReluInto(float slope, Tensor out) { return unInto(UnaryOp.LEAKY_RELU, slope, 0f, out); }

    private Tensor unInto(UnaryOp op, float a, float b, Tensor out) {
        if (!out.shape.equals(shape)) {
            throw new IllegalArgumentException("output of shape " + out.shape + " for an input of shape " + shape);
        }
        if (out.data == data && out.offset != offset
                && out.offset < offset + size() && offset < out.offset + size()) {
            throw new IllegalArgumentException("output overlaps the input at a different offset");
        }
        Elementwise.unaryInto(k(), op, a, b, this, out);
        return out;
    }

    // ---------------------------------------------------------------- in place

    private void requireBroadcastsInto(Tensor o) {
        if (!Shape.broadcast(shape, o.shape).equals(shape)) {
            throw new IllegalArgumentException("in-place op: " + o.shape + " does not broadcast to " + shape);
        }
    }

    /** @param o broadcast to this shape @return this, after this += o */
    public Tensor addInPlace(Tensor o) {
        requireBroadcastsInto(o);
        Elementwise.binaryInto(k(), BinaryOp.ADD, this, o, this);
        return this;
    }

    /** @param o broadcast to this shape @return this, after this -= o */
    public Tensor subInPlace(Tensor o) {
        requireBroadcastsInto(o);
        Elementwise.binaryInto(k(), BinaryOp.SUB, this, o, this);
        return this;
    }

    /** @param o broadcast to this shape @return this, after this *= o */
    public Tensor mulInPlace(Tensor o) {
        requireBroadcastsInto(o);
        Elementwise.binaryInto(k(), BinaryOp.MUL, this, o, this);
        return this;
    }

    /** @param o broadcast to this shape @return this, after this /= o */
    public Tensor divInPlace(Tensor o) {
        requireBroadcastsInto(o);
        Elementwise.binaryInto(k(), BinaryOp.DIV, this, o, this);
        return this;
    }

    /**
     * this += alpha * x (BLAS axpy).
     *
     * @param alpha the scale
     * @param x same shape as this
     * @return this
     */
    public Tensor axpy(float alpha, Tensor x) {
        if (!x.shape.equals(shape)) {
            throw new IllegalArgumentException("axpy of shape " + x.shape + " into " + shape);
        }
        Kernels kk = k();
        Parallel.forSplit(size(), Elementwise.GRAIN, Elementwise.ALIGN, (s, e) -> kk.axpy(alpha, x.data, x.offset + s, data, offset + s, e - s));
        return this;
    }

    /** @param s the scale @return this, after this *= s */
    public Tensor scaleInPlace(float s) {
        Elementwise.unaryInto(k(), UnaryOp.AFFINE, s, 0f, this, this);
        return this;
    }

    /**
     * @param lo lower bound
     * @param hi upper bound
     * @return this, clamped to [lo, hi] (weight clipping)
     */
    public Tensor clampInPlace(float lo, float hi) {
        Elementwise.unaryInto(k(), UnaryOp.CLAMP, lo, hi, this, this);
        return this;
    }

    /** @param v the value @return this, filled */
    public Tensor fill(float v) {
        Arrays.fill(data, offset, offset + size(), v);
        return this;
    }

    /** @param src same shape @return this, holding a copy of src's values */
    public Tensor copyFrom(Tensor src) {
        if (!src.shape.equals(shape)) {
            throw new IllegalArgumentException("copyFrom of shape " + src.shape + " into " + shape);
        }
        System.arraycopy(src.data, src.offset, data, offset, size());
        return this;
    }

    // ---------------------------------------------------------------- reductions

    /** @return the sum of all elements, as a rank-0 tensor */
    public Tensor sum() {
        return scalar(Reductions.sumAll(k(), this));
    }

    /**
     * @param keepdim keep reduced axes with size 1
     * @param dims axes to reduce (all when empty)
     * @return the sums
     */
    public Tensor sum(boolean keepdim, int... dims) {
        if (dims.length == 0 && !keepdim) {
            return sum();
        }
        return Reductions.reduce(k(), this, Reductions.Op.SUM, keepdim, dims);
    }

    /** @return the mean of all elements, as a rank-0 tensor */
    public Tensor mean() {
        return scalar(Reductions.sumAll(k(), this) / size());
    }

    /**
     * @param keepdim keep reduced axes with size 1
     * @param dims axes to reduce (all when empty)
     * @return the means
     */
    public Tensor mean(boolean keepdim, int... dims) {
        int count = countOver(dims);
        Tensor s = sum(keepdim, dims);
        return s.mul(1f / count);
    }

    private int countOver(int... dims) {
        int c = 1;
        for (int a : Reductions.axes(shape, dims)) {
            c *= shape.dim(a);
        }
        return c;
    }

    /**
     * @param keepdim keep reduced axes with size 1
     * @param dims axes to reduce (all when empty)
     * @return the maxima
     */
    public Tensor max(boolean keepdim, int... dims) {
        if (dims.length == 0 && !keepdim) {
            return scalar(Reductions.extremeAll(k(), this, Reductions.Op.MAX));
        }
        return Reductions.reduce(k(), this, Reductions.Op.MAX, keepdim, dims);
    }

    /**
     * @param keepdim keep reduced axes with size 1
     * @param dims axes to reduce (all when empty)
     * @return the minima
     */
    public Tensor min(boolean keepdim, int... dims) {
        if (dims.length == 0 && !keepdim) {
            return scalar(Reductions.extremeAll(k(), this, Reductions.Op.MIN));
        }
        return Reductions.reduce(k(), this, Reductions.Op.MIN, keepdim, dims);
    }

    /**
     * @param axis the axis
     * @return for every position of the other axes (row-major), the index of the largest value
     */
    public int[] argmax(int axis) {
        return Reductions.argmax(this, axis);
    }

    /**
     * @param unbiased divide by N - 1 instead of N
     * @param keepdim keep reduced axes with size 1
     * @param dims axes to reduce (all when empty)
     * @return the variances
     */
    public Tensor variance(boolean unbiased, boolean keepdim, int... dims) {
        int n = countOver(dims);
        Tensor m = mean(true, dims);
        Tensor sq = sub(m).square();
        return sq.sum(keepdim, dims).mul(1f / (unbiased ? n - 1 : n));
    }

    /** @return the L2 norm of each row over all non-batch dimensions, shape [dim0] */
    public Tensor normRows() {
        if (rank() == 0) {
            throw new IllegalArgumentException("normRows needs at least one dimension, got a scalar");
        }
        int rows = dim(0);
        int cols = shape.sizeBetween(1, rank());
        Tensor out = zeros(rows);
        Kernels kk = k();
        for (int r = 0; r < rows; r++) {
            int o = offset + r * cols;
            out.data[r] = (float) Math.sqrt(kk.dot(data, o, data, o, cols));
        }
        return out;
    }

    /**
     * Sums over the axes along which {@code target} was broadcast to this shape (the gradient of
     * broadcasting).
     *
     * @param target a shape that broadcasts to this one
     * @return a tensor of shape {@code target}
     */
    public Tensor sumTo(Shape target) {
        return Reductions.sumTo(k(), this, target);
    }

    // ---------------------------------------------------------------- misc

    /**
     * Runs {@code body} with an explicit kernel implementation for the tensor ops it calls on this
     * thread (tests and benchmarks compare scalar against SIMD this way).
     *
     * @param kernels {@code Kernels.scalar()} or {@code Kernels.simd()} (from the kernels package)
     * @param body the work
     */
    static void withKernels(Kernels kernels, Runnable body) {
        KernelScope.run(kernels, body);
    }

    /**
     * Runs {@code body} with the scalar (reference) kernels on this thread.
     *
     * @param body the work
     */
    public static void withScalarKernels(Runnable body) {
        KernelScope.run(Kernels.scalar(), body);
    }

    /**
     * Runs {@code body} with the SIMD kernels on this thread, even under {@code -Djgan.simd=false}.
     *
     * @param body the work
     */
    public static void withSimdKernels(Runnable body) {
        KernelScope.run(Kernels.simd(), body);
    }

    /** @return true if every value is finite (no NaN or infinity) */
    public boolean allFinite() {
        return Kernels.active().allFinite(data, offset, size());
    }

    /** @return the sum of the squared elements, squares and sum in double (NaN or infinite iff an element is) */
    public double sumOfSquares() {
        return Kernels.active().sumOfSquares(data, offset, size());
    }

    @Override
    public String toString() {
        int n = Math.min(size(), 8);
        StringBuilder sb = new StringBuilder("Tensor").append(shape).append(" [");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(data[offset + i]);
        }
        return sb.append(size() > n ? ", ...]" : "]").toString();
    }
}
