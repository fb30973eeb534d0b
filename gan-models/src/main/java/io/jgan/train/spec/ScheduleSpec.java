package io.jgan.train.spec;

/**
 * How long a run trains and how its updates are organised.
 *
 * @param steps generator steps to train to (0: use {@code epochs})
 * @param epochs passes over the data (used when steps is 0)
 * @param timeLimitSeconds stop cleanly after this much wall clock (0: none)
 * @param batchSize samples per batch, &gt; 0
 * @param microBatches equal parts the batch is split into; their gradients are summed in order
 *                     before one update (gradient accumulation; batch norm normalises each part by its own
 *                     statistics, and only part 0 updates the running statistics)
 * @param nCritic critic updates per generator update (the alternating and WGAN schedules)
 * @param updates how critic and generator updates alternate
 */
public record ScheduleSpec(long steps, int epochs, long timeLimitSeconds, int batchSize, int microBatches, int nCritic,
                           UpdateSchedule updates) {

    /** Validates the values. */
    public ScheduleSpec {
        SpecException.require(steps >= 0, "steps", "must be >= 0, got " + steps);
        SpecException.require(epochs >= 0, "epochs", "must be >= 0, got " + epochs);
        SpecException.require(timeLimitSeconds >= 0, "timeLimitSeconds", "must be >= 0, got " + timeLimitSeconds);
        SpecException.require(batchSize > 0, "batchSize", "must be positive, got " + batchSize);
        SpecException.require(microBatches > 0, "microBatches", "must be positive, got " + microBatches);
        SpecException.require(batchSize % microBatches == 0, "microBatches",
                microBatches + " must divide the batch size " + batchSize + " into equal parts");
        SpecException.require(nCritic >= 1, "nCritic", "must be >= 1, got " + nCritic);
        SpecException.require(updates != null, "updates", "must not be null");
        SpecException.require(updates != UpdateSchedule.SIMULTANEOUS || nCritic == 1, "nCritic",
                "must be 1 with simultaneous updates (one critic and one generator update per step), got " + nCritic);
    }
}
