package io.jgan.autograd;

import io.jgan.tensor.Tensor;

/**
 * Element-wise ops and their gradient rules. Each rule is written with differentiable Variable
 * ops; masks that are piecewise constant in the input (relu, leaky relu, clamp, abs, max/min
 * selection) enter as constants, which is exact almost everywhere — their second derivative is 0.
 */
final class ElementwiseOps {
    private ElementwiseOps() {
    }

    private static Variable c(Tensor t) {
        return Variable.of(t);
    }

    // ---------------------------------------------------------------- binary, broadcasting

    static Variable add(Variable a, Variable b) {
        return Variable.record("add", a.value().add(b.value()), (g, out, n) -> new Variable[] {
                n[0] ? g.sumTo(a.shape()) : null,
                n[1] ? g.sumTo(b.shape()) : null}, a, b);
    }

    static Variable sub(Variable a, Variable b) {
        return Variable.record("sub", a.value().sub(b.value()), (g, out, n) -> new Variable[] {
                n[0] ? g.sumTo(a.shape()) : null,
                n[1] ? g.neg().sumTo(b.shape()) : null}, a, b);
    }

    static Variable mul(Variable a, Variable b) {
        return Variable.record("mul", a.value().mul(b.value()), (g, out, n) -> new Variable[] {
                n[0] ? g.mul(b).sumTo(a.shape()) : null,
                n[1] ? g.mul(a).sumTo(b.shape()) : null}, a, b);
    }

    static Variable div(Variable a, Variable b) {
        // d(a/b)/db = -a / b^2, written as PyTorch does: -g * a / (b * b).
        return Variable.record("div", a.value().div(b.value()), (g, out, n) -> new Variable[] {
                n[0] ? g.div(b).sumTo(a.shape()) : null,
                n[1] ? g.mul(a).div(b.mul(b)).neg().sumTo(b.shape()) : null}, a, b);
    }

    static Variable maximum(Variable a, Variable b) {
        return select("maximum", a, b, a.value().maximum(b.value()), a.value().gt(b.value()));
    }

    static Variable minimum(Variable a, Variable b) {
        return select("minimum", a, b, a.value().minimum(b.value()), a.value().lt(b.value()));
    }

    /** max/min: the gradient goes to the selected operand, half to each on a tie (as PyTorch). */
    private static Variable select(String op, Variable a, Variable b, Tensor value, Tensor aWins) {
        Tensor toA = aWins.add(a.value().eq(b.value()).mul(0.5f));
        return Variable.record(op, value, (g, out, n) -> new Variable[] {
                n[0] ? g.mul(c(toA)).sumTo(a.shape()) : null,
                n[1] ? g.mul(c(toA.rsub(1f))).sumTo(b.shape()) : null}, a, b);
    }

    /** Element-wise choice: the gradient of each branch is the upstream where it was chosen. */
    static Variable where(Tensor cond, Variable a, Variable b) {
        Variable zero = c(Tensor.scalar(0f));
        return Variable.record("where", Tensor.where(cond, a.value(), b.value()), (g, out, n) -> new Variable[] {
                n[0] ? where(cond, g, zero).sumTo(a.shape()) : null,
                n[1] ? where(cond, zero, g).sumTo(b.shape()) : null}, a, b);
    }

    // ---------------------------------------------------------------- with a scalar

    static Variable addScalar(Variable x, float s) {
        return Variable.record("add_scalar", x.value().add(s), (g, out, n) -> new Variable[] {g}, x);
    }

    static Variable mulScalar(Variable x, float s) {
        return Variable.record("mul_scalar", x.value().mul(s), (g, out, n) -> new Variable[] {g.mul(s)}, x);
    }

    static Variable divScalar(Variable x, float s) {
        return Variable.record("div_scalar", x.value().div(s), (g, out, n) -> new Variable[] {g.div(s)}, x);
    }

    static Variable rsub(Variable x, float s) {
        return Variable.record("rsub", x.value().rsub(s), (g, out, n) -> new Variable[] {g.neg()}, x);
    }

    // ---------------------------------------------------------------- unary

    static Variable neg(Variable x) {
        return Variable.record("neg", x.value().neg(), (g, out, n) -> new Variable[] {g.neg()}, x);
    }

    static Variable abs(Variable x) {
        return Variable.record("abs", x.value().abs(), (g, out, n) -> new Variable[] {g.mul(c(x.value().sign()))}, x);
    }

    static Variable square(Variable x) {
        return Variable.record("square", x.value().square(), (g, out, n) -> new Variable[] {g.mul(x.mul(2f))}, x);
    }

    static Variable pow(Variable x, float p) {
        return Variable.record("pow", x.value().pow(p), (g, out, n) -> {
            if (p == 0f) {
                return new Variable[] {g.mul(0f)};
            }
            // x^(p-1) with p-1 == 0 is the constant 1; skipping it keeps 0^0 from producing 0 * inf.
            Variable d = p == 1f ? g : g.mul(x.pow(p - 1f).mul(p));
            return new Variable[] {d};
        }, x);
    }

    static Variable sqrt(Variable x) {
        return Variable.record("sqrt", x.value().sqrt(), (g, y, n) -> new Variable[] {g.div(y.mul(2f))}, x);
    }

    static Variable rsqrt(Variable x) {
        // d x^(-1/2) = -1/2 x^(-3/2) = -1/2 y^3
        return Variable.record("rsqrt", x.value().rsqrt(), (g, y, n) -> new Variable[] {g.mul(y.pow(3f)).mul(-0.5f)}, x);
    }

    static Variable exp(Variable x) {
        return Variable.record("exp", x.value().exp(), (g, y, n) -> new Variable[] {g.mul(y)}, x);
    }

    static Variable log(Variable x) {
        return Variable.record("log", x.value().log(), (g, y, n) -> new Variable[] {g.div(x)}, x);
    }

    static Variable tanh(Variable x) {
        return Variable.record("tanh", x.value().tanh(), (g, y, n) -> new Variable[] {g.mul(y.square().rsub(1f))}, x);
    }

    static Variable sigmoid(Variable x) {
        return Variable.record("sigmoid", x.value().sigmoid(), (g, y, n) -> new Variable[] {g.mul(y.mul(y.rsub(1f)))}, x);
    }

    static Variable softplus(Variable x) {
        return Variable.record("softplus", x.value().softplus(), (g, y, n) -> new Variable[] {g.mul(x.sigmoid())}, x);
    }

    static Variable logSigmoid(Variable x) {
        // d log(sigmoid(x)) = 1 - sigmoid(x) = sigmoid(-x)
        return Variable.record("log_sigmoid", x.value().logSigmoid(), (g, y, n) -> new Variable[] {g.mul(x.neg().sigmoid())}, x);
    }

    static Variable relu(Variable x) {
        return Variable.record("relu", x.value().relu(), (g, y, n) -> new Variable[] {g.mul(c(x.value().step()))}, x);
    }

    static Variable leakyRelu(Variable x, float slope) {
        return Variable.record("leaky_relu", x.value().leakyRelu(slope),
                (g, y, n) -> new Variable[] {g.mul(c(x.value().leakyStep(slope)))}, x);
    }

    static Variable clamp(Variable x, float lo, float hi) {
        return Variable.record("clamp", x.value().clamp(lo, hi),
                (g, y, n) -> new Variable[] {g.mul(c(x.value().clampMask(lo, hi)))}, x);
    }
}
