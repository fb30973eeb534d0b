package io.jgan.nn;

import io.jgan.autograd.Variable;

/**
 * Batch normalisation of [N, C, H, W] inputs ({@code torch.nn.BatchNorm2d}); statistics run over
 * N, H and W per channel. The output has the input's shape. See {@link BatchNorm} for modes and state.
 */
public final class BatchNorm2d extends BatchNorm {
    /** @param config the configuration */
    public BatchNorm2d(Config config) {
        super(config);
    }

    @Override
    int[] reduceDims(Variable x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("BatchNorm2d expects [N, C, H, W], got " + x.shape());
        }
        checkChannels(x);
        return new int[] {0, 2, 3};
    }
}
