package io.jgan.train;

import io.jgan.autograd.Variable;
import io.jgan.losses.GanLoss;
import io.jgan.models.Critic;

/**
 * The generator's loss through the (frozen) critic and its backward on one part, the real
 * samples scored too when the loss compares with them (the relativistic losses).
 */
final class GeneratorPass {
    private final Critic d;
    private final GanLoss loss;
    private final InstanceNoise noise;
    private final long step;
    private double lossSum;

    GeneratorPass(Critic d, GanLoss loss, InstanceNoise noise, long step) {
        this.d = d;
        this.loss = loss;
        this.noise = noise;
        this.step = step;
    }

    void run(Parts.Part p) {
        Variable sFake = d.score(noise.apply(p.fake(), step), p.yFake());
        Variable lossG;
        if (loss.generatorNeedsRealScores()) {
            Variable sReal = d.score(noise.apply(Variable.of(p.real()), step), p.yReal());
            lossG = loss.generatorLoss(sReal, sFake);
        } else {
            lossG = loss.generatorLoss(sFake);
        }
        lossG.backward();
        lossSum += lossG.item();
    }

    /** @return the sum of the parts' losses */
    double loss() {
        return lossSum;
    }
}
