package io.jgan.train;

import io.jgan.tensor.Tensor;

/**
 * Where the trainer gets real data. gan-models never depends on the datasets module: the command
 * line adapts a {@code DataLoader} to this interface (and tests use in-memory tensors).
 * The position in the data is part of the training state, so a resumed run sees the same batches.
 */
public interface BatchSource {
    /**
     * One batch of real data.
     *
     * @param x the samples, [B, C, H, W] in [-1, 1] for images or [B, 2] for 2-D data
     * @param labels class labels (conditional models), or null
     */
    record RealBatch(Tensor x, int[] labels) {}

    /** @return the next batch (sources cycle through epochs forever) */
    RealBatch next();

    /** @return the exact position, as text, for checkpoints */
    String state();

    /**
     * @param state a value returned by {@link #state()}
     */
    void restore(String state);
}
