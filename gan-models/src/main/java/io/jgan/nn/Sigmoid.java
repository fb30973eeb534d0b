package io.jgan.nn;

import io.jgan.autograd.Variable;

/** 1 / (1 + e^-x) ({@code torch.nn.Sigmoid}). Shapes: output like input. No parameters. */
public final class Sigmoid extends Module {
    /** Creates the activation. */
    public Sigmoid() {
    }

    @Override
    public Variable forward(Variable x) {
        return x.sigmoid();
    }
}
