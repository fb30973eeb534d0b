package io.jgan.losses;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

/**
 * The targets the discriminator's cross-entropy is taken against, with the soft- and noisy-label
 * training tricks of the source texts.
 *
 * <ul>
 *   <li><b>One-sided label smoothing</b> (Salimans et al. 2016): real samples get the target
 *       {@code realTarget} (typically 0.9) instead of 1, so D is not rewarded for ever more
 *       confident logits; fake samples keep the target 0, because smoothing the fake side would
 *       reward G for staying where D's target is not 0.</li>
 *   <li><b>Label noise</b>: each sample's label is flipped (a real sample gets the fake target and
 *       vice versa) with probability {@code flipProbability}, drawn from {@code rng} so that runs
 *       are reproducible.</li>
 * </ul>
 * Only the discriminator's loss uses these; the generator's losses always aim at "real".
 *
 * @param realTarget the target for real samples, in [0, 1]
 * @param fakeTarget the target for fake samples, in [0, 1] (0 for one-sided smoothing)
 * @param flipProbability the per-sample flip probability, in [0, 1]
 * @param rng the generator of flips; may be null only when {@code flipProbability} is 0
 */
public record Labels(float realTarget, float fakeTarget, double flipProbability, Rng rng) {

    private static final Labels HARD = new Labels(1f, 0f, 0, null);

    /** Validates the ranges. */
    public Labels {
        if (!(realTarget >= 0f && realTarget <= 1f)) {
            throw new IllegalArgumentException("realTarget must be in [0, 1], got " + realTarget);
        }
        if (!(fakeTarget >= 0f && fakeTarget <= 1f)) {
            throw new IllegalArgumentException("fakeTarget must be in [0, 1], got " + fakeTarget);
        }
        if (!(flipProbability >= 0 && flipProbability <= 1)) {
            throw new IllegalArgumentException("flipProbability must be in [0, 1], got " + flipProbability);
        }
        if (flipProbability > 0 && rng == null) {
            throw new IllegalArgumentException("flipProbability " + flipProbability + " needs an Rng, got null");
        }
    }

    /** @return real target 1, fake target 0, no flips: the plain cross-entropy of the 2014 paper */
    public static Labels hard() {
        return HARD;
    }

    /**
     * @param realTarget the smoothed real target, e.g. 0.9
     * @return one-sided smoothing: real target {@code realTarget}, fake target 0, no flips
     */
    public static Labels oneSidedSmoothing(float realTarget) {
        return new Labels(realTarget, 0f, 0, null);
    }

    /**
     * @param probability the per-sample flip probability
     * @param flips the seeded generator of flips
     * @return these labels with label noise added
     */
    public Labels withFlips(double probability, Rng flips) {
        return new Labels(realTarget, fakeTarget, probability, flips);
    }

    /** @return true for the hard targets 1 and 0 with no flips, where the losses use cheaper exact forms */
    public boolean isHard() {
        return realTarget == 1f && fakeTarget == 0f && flipProbability == 0;
    }

    /**
     * Draws the targets of one batch; consumes {@code rng} only when flips are on.
     *
     * @param real whether the batch is real data
     * @param dims the shape of the critic scores
     * @return the per-sample targets
     */
    public Tensor targets(boolean real, int... dims) {
        float own = real ? realTarget : fakeTarget;
        float other = real ? fakeTarget : realTarget;
        Tensor t = Tensor.full(own, dims);
        if (flipProbability > 0) {
            float[] data = t.data();
            int off = t.offset();
            for (int i = 0; i < t.size(); i++) {
                if (rng.nextBernoulli(flipProbability)) {
                    data[off + i] = other;
                }
            }
        }
        return t;
    }
}
