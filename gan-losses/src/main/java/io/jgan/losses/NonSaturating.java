package io.jgan.losses;

import io.jgan.autograd.Variable;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The non-saturating GAN (NSGAN), the heuristic of Goodfellow et al. 2014 (section 3) that every
 * practical GAN uses: D is trained as in {@link Minimax}, but G maximises log D(G(z)) instead of
 * minimising log(1 - D(G(z))), i.e. G is trained with the "real" label.
 *
 * <ul>
 *   <li>D minimises E[softplus(-v(real))] + E[softplus(v(fake))] (cross-entropy, labels 1 and
 *       0, {@link Labels} permitting).</li>
 *   <li>G minimises -E[log D(G(z))] = E[softplus(-v(fake))], whose gradient -sigmoid(-v) is
 *       largest exactly when D rejects the fakes. The source texts note that this objective mixes
 *       a KL term and a negative JS term.</li>
 * </ul>
 * {@link #estimate} reports V(D, G) as for {@link Minimax}.
 *
 * @param labels the discriminator's targets (hard 1/0 by default)
 */
public record NonSaturating(Labels labels) implements GanLoss {

    /** @param labels the discriminator's targets, not null */
    public NonSaturating {
        Objects.requireNonNull(labels, "labels");
    }

    /** Hard labels. */
    public NonSaturating() {
        this(Labels.hard());
    }

    @Override
    public Variable discriminatorLoss(Variable dReal, Variable dFake) {
        return CrossEntropy.discriminator(dReal, dFake, labels);
    }

    @Override
    public Variable generatorLoss(Variable dFake) {
        Checks.scores("dFake", dFake);
        return dFake.neg().softplus().mean();
    }

    @Override
    public boolean scoresAreLogits() {
        return true;
    }

    @Override
    public GanLoss withLabels(Labels newLabels) {
        return new NonSaturating(newLabels);
    }

    @Override
    public String name() {
        return "ns";
    }

    @Override
    public OptionalDouble estimate(Variable dReal, Variable dFake) {
        return OptionalDouble.of(CrossEntropy.value(dReal, dFake));
    }
}
