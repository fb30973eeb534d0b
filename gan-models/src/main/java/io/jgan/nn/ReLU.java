package io.jgan.nn;

import io.jgan.autograd.Variable;

/** max(x, 0) ({@code torch.nn.ReLU}). Shapes: output like input. No parameters. */
public final class ReLU extends Module {
    /** Creates the activation. */
    public ReLU() {
    }

    @Override
    public Variable forward(Variable x) {
        return x.relu();
    }
}
