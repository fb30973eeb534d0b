package io.jgan.autograd;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Shape;
import io.jgan.tensor.Tensor;

import java.util.List;

/**
 * Differentiable functions beyond the fluent ones on {@link Variable}: layers' building blocks
 * (linear, convolutions, normalisation), losses and combinators. Composite functions are built from
 * the primitives, so they are differentiable to any order the primitives are.
 */
public final class Ops {
    private Ops() {
    }

    /**
     * @param x input [batch, in]
     * @param w weight [out, in], as in PyTorch
     * @param b bias [out], or null
     * @return x w^T + b, [batch, out]
     */
    public static Variable linear(Variable x, Variable w, Variable b) {
        return LinalgOps.linear(x, w, b);
    }

    /**
     * @param a left [m, k]
     * @param b right [k, n]
     * @param transA use a^T
     * @param transB use b^T
     * @return op(a) op(b)
     */
    public static Variable matmul(Variable a, Variable b, boolean transA, boolean transB) {
        return LinalgOps.matmul(a, b, transA, transB);
    }

    /**
     * @param x input NCHW
     * @param w weight [out, in, kh, kw]
     * @param b bias [out], or null
     * @param stride the stride (both axes)
     * @param padding zero padding (both axes)
     * @return the cross-correlation, as {@code torch.nn.functional.conv2d}
     */
    public static Variable conv2d(Variable x, Variable w, Variable b, int stride, int padding) {
        return LinalgOps.conv2d(x, w, b, stride, padding);
    }

    /**
     * @param x input NCHW
     * @param w weight [in, out, kh, kw], as in PyTorch
     * @param b bias [out], or null
     * @param stride the stride
     * @param padding the padding removed from the full output
     * @param outputPadding extra size added on one side of the output, in [0, stride)
     * @return the transposed convolution, as {@code torch.nn.functional.conv_transpose2d}
     */
    public static Variable convTranspose2d(Variable x, Variable w, Variable b, int stride, int padding, int outputPadding) {
        return LinalgOps.convTranspose2d(x, w, b, stride, padding, outputPadding);
    }

    /**
     * @param parts Variables of equal shape except along {@code axis}
     * @param axis the axis
     * @return their concatenation
     */
    public static Variable concat(List<Variable> parts, int axis) {
        return ShapeOps.concat(parts, axis);
    }

    /** @param parts Variables of one shape @return them stacked along a new first axis */
    public static Variable stack(List<Variable> parts) {
        return ShapeOps.stack(parts);
    }

    /**
     * @param weight the table [rows, dim]
     * @param indices row indices
     * @return the rows, [indices.length, dim]; repeated indices sum their gradients
     */
    public static Variable embedding(Variable weight, int[] indices) {
        return ShapeOps.embedding(weight, indices);
    }

    /**
     * Inverted dropout: in training, zero each element with probability p and scale the rest by
     * 1/(1-p); otherwise the identity.
     *
     * @param x the input
     * @param p drop probability in [0, 1]
     * @param rng the dropout RNG (seeded per purpose for reproducibility)
     * @param training false returns x itself
     * @return the result
     */
    public static Variable dropout(Variable x, float p, Rng rng, boolean training) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("dropout probability " + p + " outside [0, 1]");
        }
        if (!training || p == 0f) {
            return x;
        }
        if (p == 1f) {
            return x.mul(0f);
        }
        // the scaled mask in one pass: value * 1f == value, so identical to bernoulli(...).mul(scale)
        Tensor mask = Tensor.bernoulli(rng, 1.0 - p, 1f / (1f - p), x.dims());
        return x.mul(Variable.of(mask));
    }

    /**
     * @param cond non-zero selects {@code a} (broadcast)
     * @param a values where cond holds
     * @param b values elsewhere
     * @return the element-wise choice
     */
    public static Variable where(Tensor cond, Variable a, Variable b) {
        return ElementwiseOps.where(cond, a, b);
    }

    // ---------------------------------------------------------------- losses (means over all elements)

    /**
     * Binary cross-entropy on logits, mean over elements, in the stable form softplus(x) - x t
     * (as {@code torch.nn.functional.binary_cross_entropy_with_logits}).
     *
     * @param logits the logits
     * @param target targets in [0, 1], same shape (may require a gradient)
     * @return the mean loss
     */
    public static Variable bceWithLogits(Variable logits, Variable target) {
        requireSameShape("bceWithLogits", logits, target);
        return logits.softplus().sub(logits.mul(target)).mean();
    }

    /**
     * Binary cross-entropy on probabilities, mean over elements; logs are clamped at -100 as in PyTorch.
     *
     * @param probs probabilities in [0, 1]
     * @param target targets in [0, 1], same shape
     * @return the mean loss
     */
    public static Variable bce(Variable probs, Variable target) {
        requireSameShape("bce", probs, target);
        Variable logP = probs.log().clamp(-100f, Float.MAX_VALUE);
        Variable log1mP = probs.rsub(1f).log().clamp(-100f, Float.MAX_VALUE);
        return target.mul(logP).add(target.rsub(1f).mul(log1mP)).mean().neg();
    }

    /**
     * @param a prediction
     * @param b target, same shape
     * @return mean((a - b)^2)
     */
    public static Variable mse(Variable a, Variable b) {
        requireSameShape("mse", a, b);
        return a.sub(b).square().mean();
    }

    private static void requireSameShape(String op, Variable a, Variable b) {
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException(op + " of shapes " + a.shape() + " and " + b.shape() + ": shapes must match");
        }
    }

    // ---------------------------------------------------------------- normalisation

    /**
     * Training-mode batch normalisation with the batch's statistics (biased variance), built from
     * differentiable primitives; running statistics are the caller's business.
     *
     * @param x the input, e.g. [N, C] or [N, C, H, W]
     * @param gamma scale with one value per kept position (e.g. [C]), or null
     * @param beta shift like gamma, or null
     * @param reduceDims axes the statistics run over, e.g. {0} or {0, 2, 3}
     * @param eps added to the variance
     * @return the normalised, scaled and shifted input
     */
    public static Variable batchNorm(Variable x, Variable gamma, Variable beta, int[] reduceDims, float eps) {
        if (reduceDims.length == 0) {
            throw new IllegalArgumentException("batchNorm needs at least one axis to reduce over, input " + x.shape());
        }
        if (NormOps.allButChannel(reduceDims, x.rank())) {
            return NormOps.batchNorm(x, gamma, beta, eps, null, null);
        }
        Shape kept = ReductionOps.keptShape(x.shape(), reduceDims);
        return affine(normalize(x, reduceDims, eps), gamma, beta, kept, "batchNorm");
    }

    /**
     * Batch normalisation over every axis but the channel axis 1 as one fused op, also handing out
     * the batch statistics (for running averages) so that they need no extra passes.
     *
     * @param x the input [N, C, ...]
     * @param gamma scale of C elements, or null
     * @param beta shift of C elements, or null
     * @param eps added to the variance
     * @param batchMean receives the batch mean [C], or null
     * @param batchVar receives the biased batch variance [C], or null
     * @return the normalised, scaled and shifted input; twice differentiable
     */
    public static Variable batchNorm(Variable x, Variable gamma, Variable beta, float eps, float[] batchMean, float[] batchVar) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("batchNorm needs an input [N, C, ...], got " + x.shape());
        }
        return NormOps.batchNorm(x, gamma, beta, eps, batchMean, batchVar);
    }

    /**
     * Layer normalisation over the last {@code normalizedDims} axes.
     *
     * @param x the input
     * @param gamma scale shaped like the normalised axes, or null
     * @param beta shift like gamma, or null
     * @param normalizedDims how many trailing axes to normalise over (at least 1)
     * @param eps added to the variance
     * @return the normalised, scaled and shifted input
     */
    public static Variable layerNorm(Variable x, Variable gamma, Variable beta, int normalizedDims, float eps) {
        if (normalizedDims < 1 || normalizedDims > x.rank()) {
            throw new IllegalArgumentException("layerNorm over " + normalizedDims + " trailing axes of shape " + x.shape());
        }
        int[] dims = new int[normalizedDims];
        for (int i = 0; i < normalizedDims; i++) {
            dims[i] = x.rank() - normalizedDims + i;
        }
        int[] trailing = new int[normalizedDims];
        System.arraycopy(x.dims(), x.rank() - normalizedDims, trailing, 0, normalizedDims);
        return affine(normalize(x, dims, eps), gamma, beta, Shape.of(trailing), "layerNorm");
    }

    /** (x - mean) / sqrt(var + eps) with biased statistics over {@code dims}. */
    private static Variable normalize(Variable x, int[] dims, float eps) {
        Variable centred = x.sub(x.mean(true, dims));
        Variable variance = centred.square().mean(true, dims);
        return centred.mul(variance.add(eps).rsqrt());
    }

    private static Variable affine(Variable xhat, Variable gamma, Variable beta, Shape paramShape, String op) {
        Variable y = xhat;
        if (gamma != null) {
            y = y.mul(asParam(gamma, paramShape, op, "gamma"));
        }
        if (beta != null) {
            y = y.add(asParam(beta, paramShape, op, "beta"));
        }
        return y;
    }

    private static Variable asParam(Variable p, Shape shape, String op, String name) {
        if (p.size() != shape.size()) {
            throw new IllegalArgumentException(op + " " + name + " of shape " + p.shape() + " does not fit " + shape);
        }
        return p.shape().equals(shape) ? p : p.reshape(shape.dims());
    }
}
