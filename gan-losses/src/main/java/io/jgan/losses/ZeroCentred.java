package io.jgan.losses;

import io.jgan.autograd.Variable;

import java.util.function.Function;

/** The zero-centred gradient penalty shared by {@link R1} and {@link R2}. */
final class ZeroCentred {
    private ZeroCentred() {
    }

    /** @return gamma / 2 * E_i ||grad_x D(x_i)||^2, with the squared norm summed directly (smooth at 0) */
    static Variable penalty(Function<Variable, Variable> critic, Variable x, double gamma) {
        Variable g = CriticGradients.inputGradient(critic, x, true);
        return CriticGradients.perSampleSquaredNorm(g).mean().mul((float) (gamma / 2));
    }
}
