package io.jgan.losses;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;

import java.util.function.Function;

/**
 * The R1 regulariser of Mescheder, Geiger and Nowozin 2018, "Which Training Methods for GANs do
 * actually Converge?", eq. 9: the critic's loss gains (gamma / 2) E_{x~p_data}[||grad_x D(x)||^2],
 * penalising the critic's gradient on real data only (zero-centred, unlike {@link GradientPenalty}).
 * It makes the Dirac-GAN equilibrium locally convergent; StyleGAN uses gamma = 10 (or less on
 * small images).
 *
 * @param gamma the weight, &gt;= 0
 */
public record R1(double gamma) implements Penalty {

    /** Validates gamma. */
    public R1 {
        Checks.weight("gamma", gamma);
    }

    /**
     * @param critic maps [B, ...] to scores [B] or [B, 1]
     * @param real real batch [B, ...]
     * @return gamma / 2 * E[||grad_x D(x)||^2] over the real batch
     */
    public Variable penalty(Function<Variable, Variable> critic, Variable real) {
        return ZeroCentred.penalty(critic, real, gamma);
    }

    @Override
    public Variable penalty(Function<Variable, Variable> critic, Variable real, Variable fake, Rng rng) {
        return penalty(critic, real);
    }

    @Override
    public String name() {
        return "r1";
    }
}
