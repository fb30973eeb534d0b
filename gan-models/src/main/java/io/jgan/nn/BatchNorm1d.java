package io.jgan.nn;

import io.jgan.autograd.Variable;

/**
 * Batch normalisation of [N, C] or [N, C, L] inputs ({@code torch.nn.BatchNorm1d}); statistics run
 * over N (and L). The output has the input's shape. See {@link BatchNorm} for modes and state.
 */
public final class BatchNorm1d extends BatchNorm {
    /** @param config the configuration */
    public BatchNorm1d(Config config) {
        super(config);
    }

    @Override
    int[] reduceDims(Variable x) {
        if (x.rank() != 2 && x.rank() != 3) {
            throw new IllegalArgumentException("BatchNorm1d expects [N, C] or [N, C, L], got " + x.shape());
        }
        checkChannels(x);
        return x.rank() == 2 ? new int[] {0} : new int[] {0, 2};
    }
}
