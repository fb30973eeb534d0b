package io.jgan.losses;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;

import java.util.function.Function;

/**
 * A regulariser of the critic added to its loss, computed from the gradient of the critic's
 * output with respect to its input. The critic is passed as a function (a model's forward
 * method, or any composition of Variables), so this module never depends on the layers.
 *
 * <p>All penalties differentiate the critic with {@code Autograd.grad(..., createGraph=true)}:
 * the result is a scalar Variable whose own backward reaches the critic's parameters through the
 * gradient (double backpropagation). Inputs that do not require a gradient (data, detached fakes)
 * are wrapped as fresh leaves; inputs that do (as in the PyTorch fixtures) keep their graph, so
 * the penalty's gradient flows back to them too.
 */
public sealed interface Penalty permits GradientPenalty, R1, R2, Dragan {

    /**
     * The weighted penalty, ready to add to the critic's loss. Each penalty uses the batches it
     * needs (R1 only {@code real}, R2 only {@code fake}) and draws its randomness from {@code rng}.
     *
     * @param critic maps an input batch [B, ...] to scores [B] or [B, 1]
     * @param real a batch of real data [B, ...]
     * @param fake a batch of generated data, same shape (usually detached from G)
     * @param rng the source of interpolation coefficients or perturbations
     * @return the scalar penalty
     */
    Variable penalty(Function<Variable, Variable> critic, Variable real, Variable fake, Rng rng);

    /** @return a short name for logs ({@code gp}, {@code r1}, {@code r2}, {@code dragan}) */
    String name();
}
