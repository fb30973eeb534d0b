package io.jgan.tensor;

/**
 * The four calls a 2-D convolution of one geometry can receive: its forward pass, its two adjoints
 * and the transposed convolution (the input gradient plus a bias, the forward pass of a
 * {@code ConvTranspose2d}). The convolution planner chooses an algorithm per geometry and pass, so a
 * layer's passes may run different algorithms (see {@link ConvPlan}).
 */
public enum ConvPass {
    /** {@code y = conv2d(x, w) + b}. */
    FORWARD("forward"),
    /** {@code dx}: the gradient of the forward pass with respect to its input. */
    INPUT_GRAD("input-grad"),
    /** {@code dw}: the gradient of the forward pass with respect to its weights, summed over the batch. */
    WEIGHT_GRAD("weight-grad"),
    /** {@code y = conv2d_x^T(x, w) + b}: the input gradient of {@code x} plus a bias. */
    TRANSPOSED("transposed");

    private final String label;

    ConvPass(String label) {
        this.label = label;
    }

    /** @return the lower-case name printed by {@code jgan info} ("forward", "input-grad", ...) */
    public String label() {
        return label;
    }
}
