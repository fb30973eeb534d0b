package io.jgan.cli.data;

import io.jgan.datasets.Batch;
import io.jgan.datasets.DataLoader;
import io.jgan.train.BatchSource;

import java.io.Closeable;

/**
 * The trainer's {@link BatchSource} over a datasets {@link DataLoader}: gan-models never depends
 * on the datasets module, so this adapter is where they meet. The position saved in a checkpoint
 * is the loader's {@link DataLoader.State#encode()}, so a resumed run sees the same batches.
 */
public final class LoaderBatches implements BatchSource, Closeable {
    private final DataLoader loader;
    private final boolean labels;

    /**
     * @param loader the loader (owned by this source from now on: {@link #close()} closes it)
     * @param labels true to pass the labels on (conditional models), false to drop them
     */
    public LoaderBatches(DataLoader loader, boolean labels) {
        this.loader = loader;
        this.labels = labels;
    }

    @Override
    public RealBatch next() {
        Batch b = loader.next();
        return new RealBatch(b.images(), labels ? b.labels() : null);
    }

    @Override
    public String state() {
        return loader.state().encode();
    }

    @Override
    public void restore(String state) {
        loader.restore(DataLoader.State.decode(state));
    }

    /** @return the batches in one pass over the data */
    public int batchesPerEpoch() {
        return loader.batchesPerEpoch();
    }

    /** Stops the loader's prefetch thread. */
    @Override
    public void close() {
        loader.close();
    }
}
