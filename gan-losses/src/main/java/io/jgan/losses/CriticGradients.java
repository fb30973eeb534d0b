package io.jgan.losses;

import io.jgan.autograd.Autograd;
import io.jgan.autograd.GradMode;
import io.jgan.autograd.GradOptions;
import io.jgan.autograd.Variable;
import io.jgan.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Gradients of a critic's scores with respect to its input, the building block of every
 * {@link Penalty}, and per-sample gradient norms for logging.
 */
public final class CriticGradients {
    private CriticGradients() {
    }

    /**
     * grad_x sum_i D(x)_i: since sample i's score depends only on sample i (no batch norm in the
     * critic, as WGAN-GP requires), row i of the result is the gradient of D(x_i) with respect to x_i.
     *
     * @param critic maps [B, ...] to scores [B] or [B, 1]
     * @param x the input batch; wrapped as a new leaf when it does not require a gradient
     * @param createGraph make the gradient differentiable (true for a penalty that is trained)
     * @return the gradient, shaped like {@code x} (zeros when the scores do not depend on x)
     * @throws IllegalArgumentException when the critic's output is not [B] or [B, 1] for x's B
     */
    public static Variable inputGradient(Function<Variable, Variable> critic, Variable x, boolean createGraph) {
        if (x == null || x.rank() < 1) {
            throw new IllegalArgumentException("critic input must be a batch [B, ...], got "
                    + (x == null ? "null" : Arrays.toString(x.dims())));
        }
        // Penalties are often computed inside evaluation code; the gradient needs a graph regardless.
        try (var scope = GradMode.enableGrad()) {
            Variable in = x.requiresGrad() ? x : Variable.parameter(x.value());
            Variable scores = critic.apply(in);
            int b = Checks.scores("critic output", scores);
            if (b != x.dim(0)) {
                throw new IllegalArgumentException("critic output batch " + b + " does not match its input batch "
                        + x.dim(0) + " (input shape " + Arrays.toString(x.dims()) + ")");
            }
            if (!scores.requiresGrad()) {
                return Variable.of(Tensor.zeros(x.dims()));
            }
            List<Variable> g = Autograd.grad(List.of(scores), List.of(in), List.of(Tensor.ones(scores.dims())),
                    (createGraph ? GradOptions.createGraph() : GradOptions.firstOrder()).allowUnused());
            return g.get(0) == null ? Variable.of(Tensor.zeros(x.dims())) : g.get(0);
        }
    }

    /**
     * @param critic maps [B, ...] to scores [B] or [B, 1]
     * @param x the input batch
     * @return ||grad_x D(x_i)||_2 per sample, [B], without a graph
     */
    public static Tensor norms(Function<Variable, Variable> critic, Variable x) {
        return perSampleNorm(inputGradient(critic, x, false)).value();
    }

    /** @return the L2 norm of each sample's gradient over all non-batch dimensions, [B] */
    static Variable perSampleNorm(Variable g) {
        int b = g.dim(0);
        return g.reshape(b, g.size() / b).normRows();
    }

    /** @return the squared L2 norm of each sample's gradient, [B]; smooth at 0, unlike the norm */
    static Variable perSampleSquaredNorm(Variable g) {
        int b = g.dim(0);
        return g.square().reshape(b, g.size() / b).sum(false, 1);
    }

    /** Real and fake batches must have the same shape to be interpolated or compared sample by sample. */
    static void sameShape(Variable real, Variable fake) {
        if (real == null || fake == null) {
            throw new IllegalArgumentException("real and fake batches must not be null");
        }
        if (!Arrays.equals(real.dims(), fake.dims())) {
            throw new IllegalArgumentException("real and fake batches differ in shape: " + Arrays.toString(real.dims())
                    + " vs " + Arrays.toString(fake.dims()));
        }
    }
}
