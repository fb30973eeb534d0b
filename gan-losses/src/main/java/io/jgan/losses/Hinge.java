package io.jgan.losses;

import io.jgan.autograd.Variable;

/**
 * The hinge loss of geometric GAN (Lim and Ye 2017), as used by SN-GAN (Miyato et al. 2018) and
 * SAGAN/BigGAN.
 *
 * <ul>
 *   <li>D minimises E[max(0, 1 - D(real))] + E[max(0, 1 + D(fake))]: a margin classifier that
 *       stops pushing samples already beyond the margin.</li>
 *   <li>G minimises -E[D(G(z))], as in {@link Wasserstein}.</li>
 * </ul>
 * No divergence estimate is reported: the hinge value is not a distance between the distributions.
 */
public record Hinge() implements GanLoss {

    @Override
    public Variable discriminatorLoss(Variable dReal, Variable dFake) {
        Checks.pair(dReal, dFake);
        return dReal.rsub(1f).relu().mean().add(dFake.add(1f).relu().mean());
    }

    @Override
    public Variable generatorLoss(Variable dFake) {
        Checks.scores("dFake", dFake);
        return dFake.mean().neg();
    }

    @Override
    public String name() {
        return "hinge";
    }
}
