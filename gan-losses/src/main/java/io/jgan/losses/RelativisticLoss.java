package io.jgan.losses;

import io.jgan.autograd.Variable;

/**
 * What the relativistic average losses share (Jolicoeur-Martineau 2018): the critic's loss scores
 * real data against the average fake, the generator's the same with the roles swapped, so the
 * generator's loss needs the real scores too.
 */
interface RelativisticLoss extends GanLoss {

    /**
     * @param winner scores that should come out above the other side's average
     * @param loser scores that should come out below it
     * @return the loss on relativistic scores, averaged over both halves
     */
    Variable relativistic(Variable winner, Variable loser);

    @Override
    default Variable discriminatorLoss(Variable dReal, Variable dFake) {
        Checks.pair(dReal, dFake);
        return relativistic(dReal, dFake);
    }

    @Override
    default Variable generatorLoss(Variable dReal, Variable dFake) {
        Checks.pair(dReal, dFake);
        return relativistic(dFake, dReal);
    }

    @Override
    default Variable generatorLoss(Variable dFake) {
        throw new IllegalArgumentException(name() + "'s generator loss needs the real scores too: call generatorLoss(dReal, dFake)");
    }

    @Override
    default boolean generatorNeedsRealScores() {
        return true;
    }
}
