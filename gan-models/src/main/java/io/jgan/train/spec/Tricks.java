package io.jgan.train.spec;

/**
 * The stabilisation tricks of a run.
 *
 * @param clip WGAN weight clipping c (0: off): critic weights clamped to [-c, c] after each update
 * @param instanceNoise initial std of Gaussian noise added to the critic's inputs (0: off)
 * @param instanceNoiseSteps generator steps over which that noise decays linearly to 0 (0: constant)
 * @param emaDecay the decay of an exponential moving average of G's weights used for sampling (0: off)
 * @param nanRetries consecutive non-finite steps tolerated before the run stops
 * @param nanHalveAfter halve both learning rates after this many non-finite steps in a row (0: never)
 * @param emaWarmup the EMA's decay warms up as {@code min(decay, (1 + t) / (10 + t))} (true for new runs;
 *                  false for runs recorded before it existed, which resume as they were)
 */
public record Tricks(double clip, double instanceNoise, long instanceNoiseSteps, double emaDecay, int nanRetries, int nanHalveAfter,
                     boolean emaWarmup) {

    /** Validates the values. */
    public Tricks {
        SpecException.require(clip >= 0 && Double.isFinite(clip), "clip", "must be >= 0, got " + clip);
        SpecException.require(instanceNoise >= 0 && Double.isFinite(instanceNoise), "instanceNoise", "must be >= 0, got " + instanceNoise);
        SpecException.require(instanceNoiseSteps >= 0, "instanceNoiseSteps", "must be >= 0, got " + instanceNoiseSteps);
        SpecException.require(emaDecay >= 0 && emaDecay < 1, "emaDecay", "must be in [0, 1), got " + emaDecay);
        SpecException.require(nanRetries >= 1, "nanRetries", "must be >= 1, got " + nanRetries);
        SpecException.require(nanHalveAfter >= 0, "nanHalveAfter", "must be >= 0, got " + nanHalveAfter);
    }

    /** The EMA decay of a new run: an average over about the last 1000 generator steps, warmed up over the first ones. */
    public static final double DEFAULT_EMA_DECAY = 0.999;

    /** @return no tricks; the NaN guard's defaults (10 retries, halve after 3); EMA warm-up on (for when an EMA is set) */
    public static Tricks none() {
        return new Tricks(0, 0, 0, 0, 10, 3, true);
    }

    /**
     * @return the tricks of a new run: none but the generator EMA ({@value #DEFAULT_EMA_DECAY}, warmed
     *     up), which samples and evaluations use (Yazici et al. 2019: an EMA of G scores better than
     *     G itself at almost no cost; see the README's time-to-quality section for jgan's measurement)
     */
    public static Tricks defaults() {
        return new Tricks(0, 0, 0, DEFAULT_EMA_DECAY, 10, 3, true);
    }
}
