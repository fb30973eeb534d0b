package io.jgan.autograd;

import io.jgan.autograd.check.GradCheck;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

/** Finite-difference checks of every differentiable op, first and (where penalties need it) second order. */
class OpsGradCheckTest {
    private final Rng rng = new Rng(7);

    private Tensor randn(int... dims) {
        return Tensor.randn(rng, dims);
    }

    /** Values in [lo, hi), for ops defined on a half-line (log, sqrt) or away from a kink. */
    private Tensor uniform(float lo, float hi, int... dims) {
        return Tensor.uniform(rng, lo, hi, dims);
    }

    /** Normal values pushed at least 0.1 away from 0, so central differences never straddle a kink. */
    private Tensor awayFromZero(int... dims) {
        Tensor t = randn(dims);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] >= 0 ? d[i] + 0.1f : d[i] - 0.1f;
        }
        return t;
    }

    private static void both(Function<List<Variable>, Variable> f, Tensor... inputs) {
        GradCheck.gradcheck(f, inputs);
        GradCheck.gradgradcheck(f, inputs);
    }

    @Test
    void binaryBroadcasting() {
        both(v -> v.get(0).add(v.get(1)), randn(4, 3, 5), randn(3, 1));
        both(v -> v.get(0).sub(v.get(1)), randn(4, 3, 5), randn(5));
        both(v -> v.get(0).mul(v.get(1)), randn(4, 3, 5), randn(3, 1));
        both(v -> v.get(0).div(v.get(1)), randn(2, 3), uniform(0.5f, 2f, 3));
    }

    @Test
    void maximumAndMinimumAwayFromTies() {
        Tensor a = awayFromZero(3, 4);
        Tensor b = Tensor.zeros(3, 4);
        GradCheck.gradcheck(v -> v.get(0).maximum(v.get(1)), a, b);
        GradCheck.gradcheck(v -> v.get(0).minimum(v.get(1)), a, b);
        GradCheck.gradgradcheck(v -> v.get(0).maximum(v.get(1)).square(), a, b);
    }

    @Test
    void scalarOps() {
        both(v -> v.get(0).add(2f).mul(3f).sub(1f).div(4f).rsub(0.5f).neg(), randn(5));
        both(v -> v.get(0).pow(3f), randn(6));
        both(v -> v.get(0).pow(-1.5f), uniform(0.5f, 2f, 6));
    }

    @Test
    void smoothUnaryOps() {
        both(v -> v.get(0).square(), randn(7));
        both(v -> v.get(0).exp(), randn(7));
        both(v -> v.get(0).log(), uniform(0.5f, 3f, 7));
        both(v -> v.get(0).sqrt(), uniform(0.5f, 3f, 7));
        both(v -> v.get(0).rsqrt(), uniform(0.5f, 3f, 7));
        both(v -> v.get(0).tanh(), randn(7));
        both(v -> v.get(0).sigmoid(), randn(7));
        both(v -> v.get(0).softplus(), randn(7));
        both(v -> v.get(0).logSigmoid(), randn(7));
    }

    @Test
    void piecewiseLinearOpsAwayFromKinks() {
        Tensor x = awayFromZero(3, 5);
        // Their second derivative is 0 a.e.; composing with square makes gradgradcheck meaningful.
        both(v -> v.get(0).relu().square(), x);
        both(v -> v.get(0).leakyRelu(0.2f).square(), x);
        both(v -> v.get(0).abs().square(), x);
        GradCheck.gradcheck(v -> v.get(0).clamp(-0.5f, 0.5f), uniform(-0.4f, 0.4f, 8));
        GradCheck.gradcheck(v -> v.get(0).clamp(-0.5f, 0.5f), uniform(0.6f, 2f, 8));
    }

    @Test
    void reductions() {
        both(v -> v.get(0).sum(), randn(3, 4));
        both(v -> v.get(0).sum(false, 0, 2), randn(3, 4, 2));
        both(v -> v.get(0).sum(true, 1), randn(3, 4, 2));
        both(v -> v.get(0).mean(), randn(3, 4));
        both(v -> v.get(0).mean(true, 1), randn(3, 4, 2));
        both(v -> v.get(0).variance(false, false, 0), randn(5, 3));
        both(v -> v.get(0).variance(true, true, 1, 2), randn(2, 3, 4));
        both(v -> v.get(0).normRows(), randn(4, 3, 2));
        both(v -> v.get(0).expand(io.jgan.tensor.Shape.of(4, 3)), randn(3));
        both(v -> v.get(0).sumTo(io.jgan.tensor.Shape.of(3, 1)), randn(2, 3, 4));
    }

    @Test
    void shapeOps() {
        both(v -> v.get(0).reshape(6, -1).square(), randn(3, 2, 4));
        both(v -> v.get(0).flatten().square(), randn(3, 2, 4));
        both(v -> v.get(0).slice(1, 3).square(), randn(4, 3));
        both(v -> v.get(0).narrow(1, 1, 2).square(), randn(4, 3, 2));
        both(v -> Ops.concat(List.of(v.get(0), v.get(1)), 1).square(), randn(2, 3), randn(2, 1));
        both(v -> Ops.stack(List.of(v.get(0), v.get(1))).square(), randn(2, 3), randn(2, 3));
        both(v -> Ops.embedding(v.get(0), new int[] {2, 0, 2, 1}).square(), randn(3, 4));
        both(v -> Ops.where(Tensor.fromArray(new float[] {1, 0, 1}, 3), v.get(0), v.get(1)).square(), randn(2, 3), randn(3));
        both(v -> v.get(0).transpose().square(), randn(2, 3));
    }

    @Test
    void linearAlgebra() {
        both(v -> v.get(0).matmul(v.get(1)), randn(3, 4), randn(4, 2));
        both(v -> Ops.matmul(v.get(0), v.get(1), true, true), randn(4, 3), randn(2, 4));
        both(v -> Ops.linear(v.get(0), v.get(1), v.get(2)), randn(3, 4), randn(2, 4), randn(2));
        both(v -> Ops.linear(v.get(0), v.get(1), null).tanh(), randn(3, 4), randn(2, 4));
    }

    @Test
    void convolutions() {
        both(v -> Ops.conv2d(v.get(0), v.get(1), v.get(2), 2, 1), randn(2, 2, 5, 5), randn(3, 2, 3, 3), randn(3));
        both(v -> Ops.conv2d(v.get(0), v.get(1), null, 1, 0).square(), randn(1, 2, 4, 4), randn(2, 2, 2, 2));
        both(v -> Ops.convTranspose2d(v.get(0), v.get(1), v.get(2), 2, 1, 1), randn(2, 3, 3, 3), randn(3, 2, 3, 3), randn(2));
        both(v -> Ops.convTranspose2d(v.get(0), v.get(1), null, 1, 0, 0).square(), randn(1, 2, 3, 3), randn(2, 2, 2, 2));
    }

    @Test
    void losses() {
        Tensor t = Tensor.uniform(rng, 0f, 1f, 6, 1);
        both(v -> Ops.bceWithLogits(v.get(0), v.get(1)), randn(6, 1), t);
        both(v -> Ops.bce(v.get(0), v.get(1)), uniform(0.1f, 0.9f, 6, 1), t);
        both(v -> Ops.mse(v.get(0), v.get(1)), randn(6, 1), randn(6, 1));
    }

    @Test
    void normalisation() {
        both(v -> Ops.layerNorm(v.get(0), v.get(1), v.get(2), 2, 1e-5f), randn(3, 2, 4), randn(2, 4), randn(2, 4));
        both(v -> Ops.batchNorm(v.get(0), v.get(1), v.get(2), new int[] {0, 2, 3}, 1e-5f),
                randn(3, 2, 2, 2), randn(2), randn(2));
        GradCheck.gradcheck(v -> Ops.batchNorm(v.get(0), null, null, new int[] {0}, 1e-5f), randn(5, 3));
    }

    @Test
    void dropoutPassesGradientThroughItsMask() {
        Tensor x = randn(4, 5);
        // Same seed for every evaluation: the mask is a constant of the function.
        GradCheck.gradcheck(v -> Ops.dropout(v.get(0), 0.3f, new Rng(3), true), x);
        GradCheck.gradcheck(v -> Ops.dropout(v.get(0), 0.3f, new Rng(3), false), x);
    }
}
