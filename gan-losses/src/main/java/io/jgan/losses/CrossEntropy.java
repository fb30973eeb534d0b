package io.jgan.losses;

import io.jgan.autograd.GradMode;
import io.jgan.autograd.Variable;
import io.jgan.tensor.Tensor;

/**
 * The discriminator side shared by {@link Minimax} and {@link NonSaturating}: binary cross-entropy
 * on logits, written with softplus so that no sigmoid is ever taken the log of.
 *
 * <p>-t log sigmoid(v) - (1 - t) log(1 - sigmoid(v)) = t softplus(-v) + (1 - t) softplus(v),
 * because -log sigmoid(v) = softplus(-v) and -log(1 - sigmoid(v)) = softplus(v).
 */
final class CrossEntropy {
    private CrossEntropy() {
    }

    /**
     * @param dReal logits on real data
     * @param dFake logits on fake data
     * @param labels the targets
     * @return mean BCE(dReal, real targets) + mean BCE(dFake, fake targets), as PyTorch's
     *         {@code bce_with_logits(d_real, 1) + bce_with_logits(d_fake, 0)}
     */
    static Variable discriminator(Variable dReal, Variable dFake, Labels labels) {
        Checks.pair(dReal, dFake);
        if (labels.isHard()) {
            return dReal.neg().softplus().mean().add(dFake.softplus().mean());
        }
        Tensor tReal = labels.targets(true, dReal.dims());
        Tensor tFake = labels.targets(false, dFake.dims());
        return bce(dReal, tReal).add(bce(dFake, tFake));
    }

    private static Variable bce(Variable logits, Tensor targets) {
        Variable t = Variable.of(targets);
        Variable oneMinusT = Variable.of(targets.rsub(1f));
        return logits.neg().softplus().mul(t).add(logits.softplus().mul(oneMinusT)).mean();
    }

    /**
     * @param dReal logits on real data
     * @param dFake logits on fake data
     * @return V(D, G) = E[log D(real)] + E[log(1 - D(fake))] = -E[softplus(-dReal)] - E[softplus(dFake)]
     */
    static double value(Variable dReal, Variable dFake) {
        Checks.pair(dReal, dFake);
        try (var scope = GradMode.noGrad()) {
            return dReal.neg().softplus().mean().add(dFake.softplus().mean()).neg().item();
        }
    }
}
