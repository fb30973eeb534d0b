package io.jgan.autograd;

import io.jgan.tensor.Shape;
import io.jgan.tensor.Tensor;

/**
 * A tensor value in a differentiable computation, the counterpart of a PyTorch tensor with
 * {@code requires_grad}.
 *
 * <p>A leaf is made by {@link #of} (a constant) or {@link #parameter} (requires a gradient). Every
 * op below returns a new Variable; when gradient mode is on ({@link GradMode}) and an input requires
 * a gradient, the op records a node whose gradient rule is itself written with these ops, so the
 * gradients {@link Autograd#grad} returns with {@code createGraph=true} can be differentiated again.
 * Values are never copied when recording: a Variable holds the very tensor its op produced.
 *
 * <p>Binary ops broadcast like PyTorch and reduce gradients back to each operand's shape.
 */
public final class Variable {
    private final Tensor value;
    private boolean requiresGrad;
    /** The op that produced this value; null for leaves. */
    Node node;
    private Tensor grad;
    /** True when {@link #grad} is {@link #gradStorage}, which nothing but this Variable references. */
    private boolean gradOwned;
    /**
     * Where backward writes this leaf's gradient, allocated once outside every {@link io.jgan.tensor.TensorScope}
     * and reused across {@link #zeroGrad()} calls, so a training step allocates no gradient arrays and
     * a gradient read after the step's scope closed is still valid.
     */
    private Tensor gradStorage;

    private Variable(Tensor value, boolean requiresGrad, Node node) {
        if (value == null) {
            throw new IllegalArgumentException("a Variable needs a value, got null");
        }
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.node = node;
    }

    /**
     * @param value the value (not copied)
     * @return a constant leaf: no gradient is computed for it
     */
    public static Variable of(Tensor value) {
        return new Variable(value, false, null);
    }

    /**
     * @param value the value (not copied)
     * @return a leaf that requires a gradient, which backward accumulates into {@link #grad()}
     */
    public static Variable parameter(Tensor value) {
        return new Variable(value, true, null);
    }

    /**
     * Records an op (package-private: every differentiable op goes through here).
     *
     * @param op the op's name, used in error messages
     * @param value the forward result
     * @param backward the gradient rule, written with differentiable ops
     * @param inputs the op's inputs, in the order the rule returns gradients
     * @return the output: recorded if grad mode is on and an input requires a gradient
     */
    static Variable record(String op, Tensor value, Backward backward, Variable... inputs) {
        return record(op, value, backward, true, inputs);
    }

    /** As {@link #record(String, Tensor, Backward, Variable...)}, for rules that cannot be differentiated again. */
    static Variable recordOnce(String op, Tensor value, Backward backward, Variable... inputs) {
        return record(op, value, backward, false, inputs);
    }

    private static Variable record(String op, Tensor value, Backward backward, boolean twice, Variable... inputs) {
        if (GradMode.isEnabled()) {
            for (Variable in : inputs) {
                if (in != null && in.requiresGrad) {
                    return new Variable(value, true, new Node(op, inputs, backward, twice));
                }
            }
        }
        return new Variable(value, false, null);
    }

    /**
     * A non-leaf that requires a gradient but whose rule refuses to run: the gradient of an op whose
     * own rule is not differentiable (differentiating it twice must fail loudly, never give zero).
     * It lists what the gradient depends on as inputs so that the traversal reaches it and fails
     * here, rather than reporting those Variables as unused.
     */
    static Variable notDifferentiable(Tensor value, String op, Variable[] dependsOn) {
        Backward fail = (g, out, needs) -> {
            throw new UnsupportedOperationException("the gradient of op '" + op
                    + "' is not differentiable: its backward is written with raw kernels, so a second derivative "
                    + "through it (createGraph=true, then backward again) is not supported");
        };
        return new Variable(value, true, new Node(op + "_backward", dependsOn, fail, false));
    }

    // ---------------------------------------------------------------- accessors

    /** @return the value (the tensor itself, not a copy) */
    public Tensor value() {
        return value;
    }

    /** @return the shape of the value */
    public Shape shape() {
        return value.shape();
    }

    /** @return the sizes of the value's dimensions */
    public int[] dims() {
        return value.dims();
    }

    /** @param axis a dimension, negative counts from the end @return its size */
    public int dim(int axis) {
        return value.dim(axis);
    }

    /** @return the number of dimensions */
    public int rank() {
        return value.rank();
    }

    /** @return the number of elements */
    public int size() {
        return value.size();
    }

    /** @return the single value of a one-element Variable */
    public float item() {
        return value.item();
    }

    /** @return true if gradients flow to or through this Variable */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * @param requires whether this leaf requires a gradient
     * @return this
     * @throws IllegalStateException on a non-leaf (its flag follows from its inputs)
     */
    public Variable requiresGrad(boolean requires) {
        if (node != null) {
            throw new IllegalStateException("requiresGrad can only be changed on a leaf, not on the output of op '"
                    + node.op + "'; use detach()");
        }
        this.requiresGrad = requires;
        return this;
    }

    /** @return the gradient accumulated by backward, or null */
    public Tensor grad() {
        return grad;
    }

    /** @param g the new gradient (may be null); later backward passes accumulate into a copy of it */
    public void setGrad(Tensor g) {
        if (g != null && !g.shape().equals(shape())) {
            throw new IllegalArgumentException("gradient of shape " + g.shape() + " for a Variable of shape " + shape());
        }
        this.grad = g;
        this.gradOwned = false;
    }

    /**
     * Sets the gradient to null (PyTorch's {@code set_to_none}): the next backward stores instead of
     * adding. The storage is kept and that backward writes into it, so the tensor {@link #grad()}
     * returned before is overwritten then: copy it if you need it across steps.
     */
    public void zeroGrad() {
        this.grad = null;
        this.gradOwned = false;
    }

    /**
     * Adds a contribution to {@link #grad}. The sum lands in this Variable's own storage: the first
     * contribution is copied there (not added to zeros, which would turn -0 into +0), later ones are
     * added in place, exactly the values the allocate-per-step version produced.
     */
    void accumulateGrad(Tensor g) {
        if (grad != null && gradOwned) {
            grad.addInPlace(g);
            return;
        }
        if (gradStorage == null || !gradStorage.shape().equals(value.shape())) {
            gradStorage = io.jgan.tensor.TensorScope.unpooled(() -> Tensor.zeros(value.shape()));
        }
        if (grad == null) {
            gradStorage.copyFrom(g);
        } else if (grad.data() == gradStorage.data()) {
            gradStorage.addInPlace(g); // setGrad(grad()) handed our own storage back
        } else {
            gradStorage.copyFrom(grad).addInPlace(g); // a user-set gradient stays untouched
        }
        grad = gradStorage;
        gradOwned = true;
    }

    /** @return true for leaves (constants and parameters) */
    public boolean isLeaf() {
        return node == null;
    }

    /** @return the name of the op that produced this Variable, or null for a leaf */
    public String op() {
        return node == null ? null : node.op;
    }

    /** @return a constant leaf sharing this value (gradients stop here) */
    public Variable detach() {
        return of(value);
    }

    // ---------------------------------------------------------------- backward

    /** Backpropagates from a one-element output, accumulating into the leaves' {@link #grad()}. */
    public void backward() {
        backward(null, false);
    }

    /** @param upstream the gradient of some scalar with respect to this output, same shape */
    public void backward(Tensor upstream) {
        backward(upstream, false);
    }

    /**
     * @param upstream the gradient with respect to this output (same shape), or null for a one-element output
     * @param retainGraph keep the graph so that it can be backpropagated through again
     */
    public void backward(Tensor upstream, boolean retainGraph) {
        Engine.backward(this, upstream, retainGraph);
    }

    // ---------------------------------------------------------------- element-wise

    /** @param o other (broadcast) @return this + o */ public Variable add(Variable o) { return ElementwiseOps.add(this, o); }
    /** @param o other (broadcast) @return this - o */ public Variable sub(Variable o) { return ElementwiseOps.sub(this, o); }
    /** @param o other (broadcast) @return this * o */ public Variable mul(Variable o) { return ElementwiseOps.mul(this, o); }
    /** @param o other (broadcast) @return this / o */ public Variable div(Variable o) { return ElementwiseOps.div(this, o); }
    /** @param o other (broadcast) @return max(this, o); ties share the gradient equally, as in PyTorch */
    public Variable maximum(Variable o) { return ElementwiseOps.maximum(this, o); }
    /** @param o other (broadcast) @return min(this, o); ties share the gradient equally, as in PyTorch */
    public Variable minimum(Variable o) { return ElementwiseOps.minimum(this, o); }
    /** @param s scalar @return this + s */ public Variable add(float s) { return ElementwiseOps.addScalar(this, s); }
    /** @param s scalar @return this - s */ public Variable sub(float s) { return ElementwiseOps.addScalar(this, -s); }
    /** @param s scalar @return this * s */ public Variable mul(float s) { return ElementwiseOps.mulScalar(this, s); }
    /** @param s scalar @return this / s */ public Variable div(float s) { return ElementwiseOps.divScalar(this, s); }
    /** @param s scalar @return s - this */ public Variable rsub(float s) { return ElementwiseOps.rsub(this, s); }
    /** @return -this */ public Variable neg() { return ElementwiseOps.neg(this); }
    /** @return |this| (gradient sign(x), 0 at 0) */ public Variable abs() { return ElementwiseOps.abs(this); }
    /** @return this^2 */ public Variable square() { return ElementwiseOps.square(this); }
    /** @param p exponent @return this^p */ public Variable pow(float p) { return ElementwiseOps.pow(this, p); }
    /** @return sqrt(this) */ public Variable sqrt() { return ElementwiseOps.sqrt(this); }
    /** @return 1/sqrt(this) */ public Variable rsqrt() { return ElementwiseOps.rsqrt(this); }
    /** @return e^this */ public Variable exp() { return ElementwiseOps.exp(this); }
    /** @return ln(this) */ public Variable log() { return ElementwiseOps.log(this); }
    /** @return tanh(this) */ public Variable tanh() { return ElementwiseOps.tanh(this); }
    /** @return sigmoid(this) */ public Variable sigmoid() { return ElementwiseOps.sigmoid(this); }
    /** @return ln(1 + e^this), computed stably */ public Variable softplus() { return ElementwiseOps.softplus(this); }
    /** @return ln(sigmoid(this)), computed stably */ public Variable logSigmoid() { return ElementwiseOps.logSigmoid(this); }
    /** @return max(this, 0) */ public Variable relu() { return ElementwiseOps.relu(this); }
    /** @param slope the slope for negative inputs @return leaky ReLU */ public Variable leakyRelu(float slope) { return ElementwiseOps.leakyRelu(this, slope); }

    /**
     * @param lo lower bound
     * @param hi upper bound
     * @return min(max(this, lo), hi); the gradient passes where lo &lt;= x &lt;= hi, as in PyTorch
     */
    public Variable clamp(float lo, float hi) {
        return ElementwiseOps.clamp(this, lo, hi);
    }

    // ---------------------------------------------------------------- reductions

    /** @return the sum of all elements (rank 0) */ public Variable sum() { return ReductionOps.sum(this); }

    /**
     * @param keepdim keep reduced axes with size 1
     * @param dims axes to reduce; none means all
     * @return the sums
     */
    public Variable sum(boolean keepdim, int... dims) {
        return ReductionOps.sum(this, keepdim, dims);
    }

    /** @return the mean of all elements (rank 0) */ public Variable mean() { return ReductionOps.mean(this); }

    /**
     * @param keepdim keep reduced axes with size 1
     * @param dims axes to reduce; none means all
     * @return the means
     */
    public Variable mean(boolean keepdim, int... dims) {
        return ReductionOps.mean(this, keepdim, dims);
    }

    /**
     * @param unbiased divide by N - 1 instead of N
     * @param keepdim keep reduced axes with size 1
     * @param dims axes to reduce; none means all
     * @return the variances
     */
    public Variable variance(boolean unbiased, boolean keepdim, int... dims) {
        return ReductionOps.variance(this, unbiased, keepdim, dims);
    }

    /** @return the L2 norm of each row over all non-batch dimensions, shape [dim0] (gradient 0 at a zero row) */
    public Variable normRows() {
        return ReductionOps.normRows(this);
    }

    /** @param target a shape that broadcasts to this one @return the sum over the broadcast axes */
    public Variable sumTo(Shape target) {
        return ReductionOps.sumTo(this, target);
    }

    /** @param target a shape this one broadcasts to @return this value repeated to {@code target} */
    public Variable expand(Shape target) {
        return ReductionOps.expand(this, target);
    }

    // ---------------------------------------------------------------- shape and linear algebra

    /** @param dims new sizes, one may be -1 @return a reshaped view */
    public Variable reshape(int... dims) { return ShapeOps.reshape(this, dims); }
    /** @return a view of shape [dim0, rest] */ public Variable flatten() { return ShapeOps.flatten(this); }
    /** @param start first row @param end one past the last row @return rows [start, end) along axis 0 */
    public Variable slice(int start, int end) { return ShapeOps.slice(this, start, end); }

    /**
     * @param axis the axis
     * @param start first index along it
     * @param length how many
     * @return a copy of that range along {@code axis}
     */
    public Variable narrow(int axis, int start, int length) {
        return ShapeOps.narrow(this, axis, start, length);
    }

    /** @return the transpose of a 2-D Variable */ public Variable transpose() { return LinalgOps.transpose(this); }
    /** @param o a 2-D right operand @return this @ o (2-D) */ public Variable matmul(Variable o) { return LinalgOps.matmul(this, o, false, false); }

    @Override
    public String toString() {
        return "Variable(" + value + (node != null ? ", op=" + node.op : requiresGrad ? ", parameter" : "") + ")";
    }
}
