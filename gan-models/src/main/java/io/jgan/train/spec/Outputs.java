package io.jgan.train.spec;

/**
 * What a run writes and how often.
 *
 * @param sampleEvery generator steps between sample grids (0: only at the end)
 * @param checkpointEvery generator steps between periodic checkpoints (0: only at the end)
 * @param logEvery generator steps between metric lines, &gt;= 1
 */
public record Outputs(int sampleEvery, int checkpointEvery, int logEvery) {

    /** Validates the values. */
    public Outputs {
        SpecException.require(sampleEvery >= 0, "sampleEvery", "must be >= 0, got " + sampleEvery);
        SpecException.require(checkpointEvery >= 0, "checkpointEvery", "must be >= 0, got " + checkpointEvery);
        SpecException.require(logEvery >= 1, "logEvery", "must be >= 1, got " + logEvery);
    }

    /** @return samples every 200 steps, checkpoints every 1000, a metric line every 10 */
    public static Outputs defaults() {
        return new Outputs(200, 1000, 10);
    }
}
