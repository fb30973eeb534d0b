package io.jgan.nn;

import io.jgan.autograd.Variable;

/**
 * {@code x > 0 ? x : slope x} ({@code torch.nn.LeakyReLU}); DCGAN's discriminator uses slope 0.2.
 * Shapes: output like input. No parameters.
 */
public final class LeakyReLU extends Module {
    private final float slope;

    /** @param negativeSlope the slope for negative inputs (PyTorch's default is 0.01) */
    public LeakyReLU(float negativeSlope) {
        this.slope = negativeSlope;
    }

    /** @return the negative slope */
    public float negativeSlope() {
        return slope;
    }

    @Override
    public Variable forward(Variable x) {
        return x.leakyRelu(slope);
    }

    @Override
    protected String extraRepr() {
        return "(negative_slope=" + slope + ")";
    }
}
