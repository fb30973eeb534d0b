package io.jgan.losses;

import io.jgan.autograd.GradMode;
import io.jgan.autograd.Variable;

import java.util.OptionalDouble;

/**
 * The Wasserstein GAN of Arjovsky, Chintala and Bottou 2017. By Kantorovich-Rubinstein duality
 * W(p_data, p_g) = sup over 1-Lipschitz f of E_data[f] - E_g[f]; the critic f has no output
 * activation.
 *
 * <ul>
 *   <li>The critic minimises E[f(fake)] - E[f(real)].</li>
 *   <li>G minimises -E[f(G(z))].</li>
 * </ul>
 * The loss alone does not make f Lipschitz: clip the critic's weights to [-0.01, 0.01] after each
 * update (the WGAN paper, with RMSprop) or add a {@link GradientPenalty} (WGAN-GP, Gulrajani et
 * al. 2017, with Adam). {@link #estimate} is E[f(real)] - E[f(fake)], the Wasserstein-1 estimate
 * that the source texts advise plotting.
 */
public record Wasserstein() implements GanLoss {

    @Override
    public Variable discriminatorLoss(Variable dReal, Variable dFake) {
        Checks.pair(dReal, dFake);
        return dFake.mean().sub(dReal.mean());
    }

    @Override
    public Variable generatorLoss(Variable dFake) {
        Checks.scores("dFake", dFake);
        return dFake.mean().neg();
    }

    @Override
    public String estimateName() {
        return "w_estimate";
    }

    @Override
    public String name() {
        return "wgan";
    }

    @Override
    public OptionalDouble estimate(Variable dReal, Variable dFake) {
        Checks.pair(dReal, dFake);
        try (var scope = GradMode.noGrad()) {
            return OptionalDouble.of(dReal.mean().sub(dFake.mean()).item());
        }
    }
}
