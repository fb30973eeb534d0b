package io.jgan.train;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

/**
 * A {@link BatchSource} over samples already in memory ([N, ...] in the range the model expects),
 * shuffled every epoch from its own seeded stream; drop-last, so every batch is full. Its state is
 * the epoch order's stream and the position, so resuming gives the same batches.
 */
public final class InMemoryBatches implements BatchSource {
    private final Tensor data;
    private final int[] labels;
    private final int batch;
    private final Rng rng;
    private int[] order;
    private int pos;
    private long[] epochStart;

    /**
     * @param data samples [N, ...]
     * @param labels labels of length N, or null
     * @param batchSize samples per batch, at most N
     * @param seed the shuffling seed
     */
    public InMemoryBatches(Tensor data, int[] labels, int batchSize, long seed) {
        if (data.rank() < 1 || batchSize <= 0 || batchSize > data.dim(0)) {
            throw new IllegalArgumentException("batch size " + batchSize + " does not fit data of shape " + data.shape());
        }
        if (labels != null && labels.length != data.dim(0)) {
            throw new IllegalArgumentException(labels.length + " labels for " + data.dim(0) + " samples");
        }
        this.data = data;
        this.labels = labels;
        this.batch = batchSize;
        this.rng = new Rng(seed).split("data-order");
        newEpoch();
    }

    private void newEpoch() {
        epochStart = rng.state();
        order = rng.permutation(data.dim(0));
        pos = 0;
    }

    @Override
    public RealBatch next() {
        if (pos + batch > order.length) {
            newEpoch();
        }
        int row = data.size() / data.dim(0);
        int[] dims = data.dims();
        dims[0] = batch;
        Tensor x = Tensor.zeros(dims);
        int[] y = labels == null ? null : new int[batch];
        for (int i = 0; i < batch; i++) {
            int src = order[pos + i];
            System.arraycopy(data.data(), data.offset() + src * row, x.data(), i * row, row);
            if (y != null) {
                y[i] = labels[src];
            }
        }
        pos += batch;
        return new RealBatch(x, y);
    }

    @Override
    public String state() {
        return epochStart[0] + ":" + epochStart[1] + ":" + pos;
    }

    @Override
    public void restore(String state) {
        String[] p = state == null ? new String[0] : state.split(":");
        if (p.length != 3) {
            throw new IllegalArgumentException("not an in-memory data position: " + state);
        }
        long[] s = {Long.parseLong(p[0]), Long.parseLong(p[1])};
        int at = Integer.parseInt(p[2]);
        if (at < 0 || at > data.dim(0)) {
            throw new IllegalArgumentException("data position " + at + " outside the " + data.dim(0) + " samples");
        }
        rng.restore(s);
        epochStart = rng.state();
        order = rng.permutation(data.dim(0));
        pos = at;
    }
}
