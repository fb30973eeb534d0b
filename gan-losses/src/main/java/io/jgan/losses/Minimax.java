package io.jgan.losses;

import io.jgan.autograd.Variable;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The minimax GAN (MMGAN) of Goodfellow et al. 2014, "Generative Adversarial Nets", eq. 1:
 * min_G max_D V(D, G) = E_x[log D(x)] + E_z[log(1 - D(G(z)))], with D(x) = sigmoid(v(x)) and v the
 * critic's logit.
 *
 * <ul>
 *   <li>D minimises -V: E[softplus(-v(real))] + E[softplus(v(fake))] (the sum of the two
 *       cross-entropies with labels 1 and 0, {@link Labels} permitting).</li>
 *   <li>G minimises E[log(1 - D(G(z)))] = -E[softplus(v(fake))]. This saturates: when D rejects
 *       the fakes confidently (v very negative) the gradient sigmoid(v) vanishes. Prefer
 *       {@link NonSaturating} for training; this form is the one the theory is stated for.</li>
 * </ul>
 * {@link #estimate} reports V(D, G), which is 2 JSD(p_data || p_g) - log 4 at the optimal D.
 *
 * @param labels the discriminator's targets (hard 1/0 by default)
 */
public record Minimax(Labels labels) implements GanLoss {

    /** @param labels the discriminator's targets, not null */
    public Minimax {
        Objects.requireNonNull(labels, "labels");
    }

    /** Hard labels. */
    public Minimax() {
        this(Labels.hard());
    }

    @Override
    public Variable discriminatorLoss(Variable dReal, Variable dFake) {
        return CrossEntropy.discriminator(dReal, dFake, labels);
    }

    @Override
    public Variable generatorLoss(Variable dFake) {
        Checks.scores("dFake", dFake);
        return dFake.softplus().mean().neg();
    }

    @Override
    public boolean scoresAreLogits() {
        return true;
    }

    @Override
    public GanLoss withLabels(Labels newLabels) {
        return new Minimax(newLabels);
    }

    @Override
    public String name() {
        return "minimax";
    }

    @Override
    public OptionalDouble estimate(Variable dReal, Variable dFake) {
        return OptionalDouble.of(CrossEntropy.value(dReal, dFake));
    }
}
