package io.jgan.losses;

import io.jgan.autograd.Variable;

/**
 * The relativistic average GAN (RaGAN) of Jolicoeur-Martineau 2018, "The relativistic
 * discriminator: a key element missing from standard GAN", section 4.2: the critic estimates the
 * probability that a real sample is more realistic than the average fake, D_ra(x_r) =
 * sigmoid(C(x_r) - E[C(x_f)]), and symmetrically for fakes, on the raw scores C.
 *
 * <ul>
 *   <li>D minimises (E_r[softplus(-(C(x_r) - E C(x_f)))] + E_f[softplus(C(x_f) - E C(x_r))]) / 2.</li>
 *   <li>G minimises the same with the roles swapped: (E_f[softplus(-(C(x_f) - E C(x_r)))]
 *       + E_r[softplus(C(x_r) - E C(x_f))]) / 2, so G also pulls the real scores down, which is
 *       why it needs the real scores ({@link #generatorNeedsRealScores()}).</li>
 * </ul>
 * The halving follows the authors' code (their {@code (BCE(...) + BCE(...)) / 2}); softplus is the
 * stable form of -log sigmoid. No estimate is reported.
 */
public record RelativisticAverage() implements RelativisticLoss {

    /** (E[softplus(-(winner - E loser))] + E[softplus(loser - E winner)]) / 2. */
    @Override
    public Variable relativistic(Variable winner, Variable loser) {
        Variable up = winner.sub(loser.mean()).neg().softplus().mean();
        Variable down = loser.sub(winner.mean()).softplus().mean();
        return up.add(down).mul(0.5f);
    }

    @Override
    public String name() {
        return "ragan";
    }
}
