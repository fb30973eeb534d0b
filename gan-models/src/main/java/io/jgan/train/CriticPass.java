package io.jgan.train;

import io.jgan.autograd.Variable;
import io.jgan.losses.GanLoss;
import io.jgan.losses.Penalty;
import io.jgan.models.Critic;
import io.jgan.tensor.Rng;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The critic's forward, loss (adversarial loss plus each penalty, in order) and backward on one
 * part of a batch, adding the part's numbers to running sums.
 */
final class CriticPass {
    private final Critic d;
    private final GanLoss loss;
    private final List<Penalty> penalties;
    private final Rng penaltyRng;
    private final InstanceNoise noise;
    private final long step;
    private double lossSum;
    private double penaltySum;
    private double realSum;
    private double fakeSum;
    private double estimateSum;
    private boolean hasEstimate;

    CriticPass(Critic d, GanLoss loss, List<Penalty> penalties, Rng penaltyRng, InstanceNoise noise, long step) {
        this.d = d;
        this.loss = loss;
        this.penalties = penalties;
        this.penaltyRng = penaltyRng;
        this.noise = noise;
        this.step = step;
    }

    void run(Parts.Part p) {
        Variable real = noise.apply(Variable.of(p.real()), step);
        Variable fakeIn = noise.apply(p.fake().detach(), step);
        Variable sReal = d.score(real, p.yReal());
        Variable sFake = d.score(fakeIn, p.yFake());
        Variable lossD = loss.discriminatorLoss(sReal, sFake);
        double pen = 0;
        for (Penalty q : penalties) {
            Variable v = q.penalty(x -> d.score(x, p.yReal()), Variable.of(p.real()), p.fake().detach(), penaltyRng);
            pen += v.item();
            lossD = lossD.add(v);
        }
        lossSum += lossD.item();
        penaltySum += pen;
        realSum += display(sReal);
        fakeSum += display(sFake);
        OptionalDouble est = loss.estimate(sReal, sFake);
        if (est.isPresent()) {
            estimateSum += est.getAsDouble();
            hasEstimate = true;
        }
        lossD.backward();
    }

    /** D(x) and D(G(z)) as probabilities for logit losses (what GAN users read), raw scores otherwise. */
    private double display(Variable scores) {
        return (loss.scoresAreLogits() ? scores.value().sigmoid() : scores.value()).mean().item();
    }

    /** @return the sum of the parts' losses */
    double loss() {
        return lossSum;
    }

    GanTrainer.CriticResult result(int parts, double gradSumOfSquares, boolean skipped) {
        return new GanTrainer.CriticResult(lossSum / parts, penaltySum / parts, realSum / parts, fakeSum / parts,
                hasEstimate ? OptionalDouble.of(estimateSum / parts) : OptionalDouble.empty(), gradSumOfSquares, skipped);
    }
}
