package io.jgan.losses;

import io.jgan.autograd.Variable;

/**
 * The relativistic average least-squares GAN (RaLSGAN) of Jolicoeur-Martineau 2018, section 4.2
 * and appendix: LSGAN's squares taken on relativistic scores C(x_r) - E[C(x_f)] and
 * C(x_f) - E[C(x_r)].
 *
 * <ul>
 *   <li>D minimises (E_r[(C(x_r) - E C(x_f) - 1)^2] + E_f[(C(x_f) - E C(x_r) + 1)^2]) / 2.</li>
 *   <li>G minimises (E_f[(C(x_f) - E C(x_r) - 1)^2] + E_r[(C(x_r) - E C(x_f) + 1)^2]) / 2.</li>
 * </ul>
 * The halving follows the authors' code. The generator's loss reads the real scores
 * ({@link #generatorNeedsRealScores()}). No estimate is reported.
 */
public record RelativisticAverageLs() implements RelativisticLoss {

    /** (E[(winner - E loser - 1)^2] + E[(loser - E winner + 1)^2]) / 2. */
    @Override
    public Variable relativistic(Variable winner, Variable loser) {
        Variable up = winner.sub(loser.mean()).sub(1f).square().mean();
        Variable down = loser.sub(winner.mean()).add(1f).square().mean();
        return up.add(down).mul(0.5f);
    }

    @Override
    public String name() {
        return "ralsgan";
    }
}
