package io.jgan.losses;

import io.jgan.autograd.Variable;

import java.util.OptionalDouble;

/**
 * An adversarial objective, written as two losses that the discriminator (critic) and the
 * generator each <em>minimise</em>, on the critic's raw outputs.
 *
 * <p>Inputs are the critic's scores before any output activation (logits for the cross-entropy
 * losses, the unbounded V(x) of f-GAN, the critic value of WGAN), shape [B] or [B, 1]; the
 * losses apply the activation themselves in a numerically stable form (softplus, never the log of
 * a sigmoid). Both losses are means over the batch, so they do not scale with B. Every
 * implementation throws {@link IllegalArgumentException} for scores of another shape and for real
 * and fake batches of different sizes.
 *
 * <p>A training step: {@code d.discriminatorLoss(D(real), D(fake.detach()))} (+ a {@link Penalty})
 * updates D; {@code g.generatorLoss(D(real), D(fake))} updates G. {@link GanLosses#byName(String)} builds one
 * from the command-line name; a new loss is one class implementing this interface and one line in
 * {@link GanLosses}'s registry. The defaults below describe the common case (a critic whose scores
 * are read directly, alternating updates, a generator loss that needs only the fake scores).
 */
public interface GanLoss {

    /**
     * @param dReal critic scores on a batch of real data, [B] or [B, 1]
     * @param dFake critic scores on a batch of generated data (usually detached from G), same B
     * @return the scalar (rank 0) loss the critic minimises
     */
    Variable discriminatorLoss(Variable dReal, Variable dFake);

    /**
     * @param dFake critic scores on generated data, [B] or [B, 1], with the graph through G
     * @return the scalar (rank 0) loss the generator minimises
     */
    Variable generatorLoss(Variable dFake);

    /**
     * The generator's loss when it may also depend on the real scores (the relativistic losses
     * compare each fake with the average real). The trainer always calls this form; the default
     * ignores the real scores.
     *
     * @param dReal critic scores on real data, [B] or [B, 1] (constant for G: no graph to G)
     * @param dFake critic scores on generated data, with the graph through G
     * @return the scalar loss the generator minimises
     */
    default Variable generatorLoss(Variable dReal, Variable dFake) {
        return generatorLoss(dFake);
    }

    /** @return true if {@link #generatorLoss(Variable, Variable)} reads the real scores (the trainer then scores the real batch again with the critic frozen) */
    default boolean generatorNeedsRealScores() {
        return false;
    }

    /**
     * @return true when the scores are logits of the probability that a sample is real, so that
     *         logs show D(x) = sigmoid(score) as GAN users read it; false to log the raw scores
     */
    default boolean scoresAreLogits() {
        return false;
    }

    /**
     * @return true when the generator and critic should update simultaneously from the same
     *         parameters (f-GAN's single-step algorithm) rather than alternately
     */
    default boolean simultaneousUpdates() {
        return false;
    }

    /** @return the metrics key of {@link #estimate} ({@code value_estimate}, {@code w_estimate}, {@code f_bound}) */
    default String estimateName() {
        return "value_estimate";
    }

    /**
     * @param labels soft or noisy targets for the discriminator
     * @return this loss with those targets
     * @throws IllegalArgumentException if the loss has no discriminator targets (only the cross-entropy losses do)
     */
    default GanLoss withLabels(Labels labels) {
        throw new IllegalArgumentException("label smoothing and label flips apply to the cross-entropy losses (ns, minimax), not "
                + name());
    }

    /** @return the name {@link GanLosses#byName(String)} accepts for this loss */
    String name();

    /**
     * The quantity a critic trained to optimality would estimate, for logging: the Wasserstein-1
     * estimate E[D(real)] - E[D(fake)] for WGAN, the variational lower bound on D_f(p_data || p_g)
     * for f-GAN, the value V(D, G) (which is 2 JSD - log 4 at the optimal D) for the
     * cross-entropy losses; empty where no such reading exists (hinge, least squares). Computed
     * without recording a graph.
     *
     * @param dReal critic scores on real data
     * @param dFake critic scores on generated data
     * @return the estimate, or empty
     */
    default OptionalDouble estimate(Variable dReal, Variable dFake) {
        Checks.pair(dReal, dFake);
        return OptionalDouble.empty();
    }
}
