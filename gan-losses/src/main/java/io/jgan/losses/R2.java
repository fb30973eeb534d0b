package io.jgan.losses;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;

import java.util.function.Function;

/**
 * The R2 regulariser of Mescheder, Geiger and Nowozin 2018, eq. 10: like {@link R1} but on
 * generated data, (gamma / 2) E_{x~p_g}[||grad_x D(x)||^2].
 *
 * @param gamma the weight, &gt;= 0
 */
public record R2(double gamma) implements Penalty {

    /** Validates gamma. */
    public R2 {
        Checks.weight("gamma", gamma);
    }

    /**
     * @param critic maps [B, ...] to scores [B] or [B, 1]
     * @param fake generated batch [B, ...] (usually detached from G)
     * @return gamma / 2 * E[||grad_x D(x)||^2] over the fake batch
     */
    public Variable penalty(Function<Variable, Variable> critic, Variable fake) {
        return ZeroCentred.penalty(critic, fake, gamma);
    }

    @Override
    public Variable penalty(Function<Variable, Variable> critic, Variable real, Variable fake, Rng rng) {
        return penalty(critic, fake);
    }

    @Override
    public String name() {
        return "r2";
    }
}
