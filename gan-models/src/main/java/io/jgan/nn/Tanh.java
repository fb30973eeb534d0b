package io.jgan.nn;

import io.jgan.autograd.Variable;

/** tanh(x), the usual last layer of a generator for data in [-1, 1] ({@code torch.nn.Tanh}). Shapes: output like input. No parameters. */
public final class Tanh extends Module {
    /** Creates the activation. */
    public Tanh() {
    }

    @Override
    public Variable forward(Variable x) {
        return x.tanh();
    }
}
