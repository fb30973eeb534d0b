package io.jgan.train;

import java.util.List;

/**
 * Where a data-parallel driver's phases are computed: every shard of a phase, somewhere else (Spark
 * tasks, threads). A trainer built with one ({@link GanTrainer#GanTrainer(io.jgan.train.spec.RunSpec,
 * io.jgan.models.Generator, io.jgan.models.Critic, BatchSource, ShardExecutor)}) computes no
 * gradient itself: it sums the shards' in shard order, divides as one process with that many
 * micro-batches would, and steps its optimisers. Each shard is computed by a {@link ShardWorker}.
 */
public interface ShardExecutor {
    /** @return W, the number of shards of every batch */
    int shards();

    /**
     * Computes every shard of one phase.
     *
     * @param request the driver's state at the start of the phase (live tensors: copy before returning)
     * @return the W results, in shard order 0..W-1
     */
    List<ShardResult> compute(PhaseRequest request);
}
