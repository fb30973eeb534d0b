package io.jgan.train;

import io.jgan.autograd.Variable;

import java.util.List;

/**
 * The seam between "gradients computed" and "optimiser step". After a phase has computed this
 * participant's gradients (the sum over its parts of the batch), the trainer calls
 * {@link #reduce}; afterwards every parameter's gradient must be the sum over all
 * {@link #shards()} shards, added in shard order (0, 1, ..., never in arrival order). The trainer
 * then divides by the total number of parts and steps the optimiser, so every participant applies
 * the same update and the weights stay identical everywhere.
 *
 * <p>Locally the reducer is {@link #IDENTITY} (one shard). A data-parallel runner gives each
 * worker a trainer over the same run with a reducer whose {@link #shardIndex()} is the worker's
 * index, which exchanges gradients with the others; since part q's data and randomness depend only
 * on q (see {@code --micro-batches}), W workers of one part each give bit-identical weights to one
 * trainer with W micro-batches. Batch norm's running statistics (used only for sampling) are
 * updated by part 0 alone, so shard 0's are the run's, as PyTorch DDP broadcasts rank 0's buffers:
 * a data-parallel runner checkpoints shard 0's state.
 */
public interface GradientReducer {
    /** Which update the gradients are for. */
    enum Phase {
        /** The critic's gradients of a critic step. */
        CRITIC,
        /** The generator's gradients of a generator step. */
        GENERATOR
    }

    /** The single-process reducer: one shard, nothing to exchange. */
    GradientReducer IDENTITY = (phase, params) -> { };

    /** @return how many participants share each batch (each computes {@code microBatches} parts of it) */
    default int shards() {
        return 1;
    }

    /** @return this participant's index in [0, shards) */
    default int shardIndex() {
        return 0;
    }

    /**
     * Replaces each parameter's gradient (this participant's sum) by the sum over all shards in
     * shard order. A parameter without a gradient (null) contributes zeros.
     *
     * @param phase the update the gradients are for
     * @param params the parameters of the network being updated, in a fixed order
     */
    void reduce(Phase phase, List<Variable> params);
}
