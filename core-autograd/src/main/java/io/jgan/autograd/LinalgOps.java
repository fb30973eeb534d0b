package io.jgan.autograd;

import io.jgan.tensor.Shape;
import io.jgan.tensor.Tensor;

/**
 * Matrix products and convolutions. Gradients stay inside two families closed under
 * differentiation: {@code matmul} with transpose flags, and the convolution triple
 * {conv2d, its input gradient, its weight gradient} — each one's adjoint in either operand is
 * another member — so WGAN-GP and R1 get second derivatives through conv and linear layers.
 */
final class LinalgOps {
    private LinalgOps() {
    }

    static Variable transpose(Variable x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("transpose needs a 2-D Variable, got " + x.shape());
        }
        return Variable.record("transpose", x.value().transpose2d(), (g, out, n) -> new Variable[] {g.transpose()}, x);
    }

    /** op(a) @ op(b), op = transpose when the flag is set. */
    static Variable matmul(Variable a, Variable b, boolean ta, boolean tb) {
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("matmul needs 2-D operands, got " + a.shape() + " and " + b.shape());
        }
        int inner = ta ? a.dim(0) : a.dim(1);
        int innerB = tb ? b.dim(1) : b.dim(0);
        if (inner != innerB) {
            throw new IllegalArgumentException("matmul of shapes " + a.shape() + (ta ? "^T" : "") + " and "
                    + b.shape() + (tb ? "^T" : "") + ": inner sizes " + inner + " and " + innerB + " differ");
        }
        return Variable.record("matmul", ReferenceLinalg.matmul(a.value(), b.value(), ta, tb), (g, out, n) -> new Variable[] {
                n[0] ? gradLeft(g, b, ta, tb) : null,
                n[1] ? gradRight(g, a, ta, tb) : null}, a, b);
    }

    // C = op(A) op(B): d op(A) = G op(B)^T, d op(B) = op(A)^T G, transposed back when op is a transpose.
    private static Variable gradLeft(Variable g, Variable b, boolean ta, boolean tb) {
        return ta ? matmul(b, g, tb, true) : matmul(g, b, false, !tb);
    }

    private static Variable gradRight(Variable g, Variable a, boolean ta, boolean tb) {
        return tb ? matmul(g, a, true, ta) : matmul(a, g, !ta, false);
    }

    /** y = x w^T + b, one node so that the bias is added in place into the product. */
    static Variable linear(Variable x, Variable w, Variable b) {
        if (x.rank() != 2 || w.rank() != 2 || x.dim(1) != w.dim(1)) {
            throw new IllegalArgumentException("linear of input " + x.shape() + " with weight " + w.shape()
                    + " (expected [batch, in] and [out, in])");
        }
        if (b != null && (b.rank() != 1 || b.dim(0) != w.dim(0))) {
            throw new IllegalArgumentException("linear bias of shape " + b.shape() + " for weight " + w.shape());
        }
        Tensor y = ReferenceLinalg.matmul(x.value(), w.value(), false, true);
        if (b != null) {
            y.addInPlace(b.value());
        }
        return Variable.record("linear", y, (g, out, n) -> new Variable[] {
                n[0] ? matmul(g, w, false, false) : null,
                n[1] ? matmul(g, x, true, false) : null,
                n[2] ? g.sum(false, 0) : null}, x, w, b);
    }

    // ---------------------------------------------------------------- convolution

    static Variable conv2d(Variable x, Variable w, Variable b, int stride, int padding) {
        checkConv(x, w, b, w.dim(0), "conv2d");
        Tensor y = ReferenceLinalg.conv2d(x.value(), w.value(), b == null ? null : b.value(), stride, padding);
        Shape xs = x.shape();
        Shape ws = w.shape();
        return Variable.record("conv2d", y, (g, out, n) -> new Variable[] {
                n[0] ? convInputGrad(g, w, xs, stride, padding) : null,
                n[1] ? convWeightGrad(x, g, ws, stride, padding) : null,
                n[2] ? g.sum(false, 0, 2, 3) : null}, x, w, b);
    }

    /** Transposed convolution: the adjoint of conv2d in its input; w is [in, out, kh, kw] as in PyTorch. */
    static Variable convTranspose2d(Variable x, Variable w, Variable b, int stride, int padding, int outputPadding) {
        checkConv(x, w, b, w.dim(1), "convTranspose2d");
        if (outputPadding < 0 || outputPadding >= stride) {
            throw new IllegalArgumentException("convTranspose2d output padding " + outputPadding + " must be in [0, stride "
                    + stride + ")");
        }
        Tensor y = ReferenceLinalg.convTranspose2d(x.value(), w.value(), b == null ? null : b.value(), stride, padding, outputPadding);
        Shape ws = w.shape();
        return Variable.record("conv_transpose2d", y, (g, out, n) -> new Variable[] {
                n[0] ? conv(g, w, stride, padding) : null,
                n[1] ? convWeightGrad(g, x, ws, stride, padding) : null,
                n[2] ? g.sum(false, 0, 2, 3) : null}, x, w, b);
    }

    private static void checkConv(Variable x, Variable w, Variable b, int outChannels, String op) {
        if (x.rank() != 4 || w.rank() != 4) {
            throw new IllegalArgumentException(op + " needs a 4-D input (NCHW) and weight, got " + x.shape() + " and " + w.shape());
        }
        int inChannels = op.equals("conv2d") ? w.dim(1) : w.dim(0);
        if (x.dim(1) != inChannels) {
            throw new IllegalArgumentException(op + " of input " + x.shape() + " with weight " + w.shape()
                    + ": input has " + x.dim(1) + " channels, weight expects " + inChannels);
        }
        if (b != null && (b.rank() != 1 || b.dim(0) != outChannels)) {
            throw new IllegalArgumentException(op + " bias of shape " + b.shape() + " for weight " + w.shape());
        }
    }

    /** conv2d without bias, the first member of the closed triple. */
    static Variable conv(Variable x, Variable w, int stride, int padding) {
        Shape xs = x.shape();
        Shape ws = w.shape();
        return Variable.record("conv2d", ReferenceLinalg.conv2d(x.value(), w.value(), null, stride, padding), (g, out, n) -> new Variable[] {
                n[0] ? convInputGrad(g, w, xs, stride, padding) : null,
                n[1] ? convWeightGrad(x, g, ws, stride, padding) : null}, x, w);
    }

    /** I(gy, w) = the gradient of conv2d with respect to its input; linear in gy and in w. */
    static Variable convInputGrad(Variable gy, Variable w, Shape xShape, int stride, int padding) {
        Shape ws = w.shape();
        return Variable.record("conv2d_input_grad", ReferenceLinalg.conv2dInputGrad(gy.value(), w.value(), xShape, stride, padding),
                (u, out, n) -> new Variable[] {
                        n[0] ? conv(u, w, stride, padding) : null,
                        n[1] ? convWeightGrad(u, gy, ws, stride, padding) : null}, gy, w);
    }

    /** W(x, gy) = the gradient of conv2d with respect to its weight; linear in x and in gy. */
    static Variable convWeightGrad(Variable x, Variable gy, Shape wShape, int stride, int padding) {
        Shape xs = x.shape();
        return Variable.record("conv2d_weight_grad", ReferenceLinalg.conv2dWeightGrad(x.value(), gy.value(), wShape, stride, padding),
                (u, out, n) -> new Variable[] {
                        n[0] ? convInputGrad(gy, u, xs, stride, padding) : null,
                        n[1] ? conv(x, u, stride, padding) : null}, x, gy);
    }
}
