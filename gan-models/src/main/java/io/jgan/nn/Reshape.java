package io.jgan.nn;

import io.jgan.autograd.Variable;

import java.util.Arrays;

/**
 * Reshapes each sample, keeping the batch axis ({@code torch.nn.Unflatten(1, shape)} for a flat
 * input): [N, ...] to [N, *shape], e.g. a generator's [N, 128 * 7 * 7] to [N, 128, 7, 7].
 * No parameters.
 */
public final class Reshape extends Module {
    private final int[] shape;

    /** @param shape the per-sample shape; its size must equal the input's per-sample size */
    public Reshape(int... shape) {
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("Reshape needs positive sizes, got " + Arrays.toString(shape));
        }
        this.shape = shape.clone();
    }

    @Override
    public Variable forward(Variable x) {
        int[] dims = new int[shape.length + 1];
        dims[0] = x.dim(0);
        System.arraycopy(shape, 0, dims, 1, shape.length);
        return x.reshape(dims);
    }

    @Override
    protected String extraRepr() {
        return Arrays.toString(shape);
    }
}
