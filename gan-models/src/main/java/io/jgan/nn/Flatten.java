package io.jgan.nn;

import io.jgan.autograd.Variable;

/**
 * Flattens all axes after the batch axis ({@code torch.nn.Flatten}): [N, d1, d2, ...] to
 * [N, d1 d2 ...]. No parameters.
 */
public final class Flatten extends Module {
    /** Creates the layer. */
    public Flatten() {
    }

    @Override
    public Variable forward(Variable x) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException("Flatten needs a batch axis, got a scalar");
        }
        return x.reshape(x.dim(0), x.size() / Math.max(1, x.dim(0)));
    }
}
