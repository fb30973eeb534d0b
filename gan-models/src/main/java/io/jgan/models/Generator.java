package io.jgan.models;

import io.jgan.autograd.Variable;
import io.jgan.nn.Module;

/**
 * A generator: latent codes [B, latentDim] (and class labels, for conditional models) to samples
 * [B, ...sampleShape] in [-1, 1] (tanh) or unbounded 2-D points (toy models).
 */
public abstract class Generator extends Module {
    /** @return the latent size */
    public abstract int latentDim();

    /** @return the shape of one sample: [C, H, W] for images, [2] for 2-D points */
    public abstract int[] sampleShape();

    /** @return true if {@link #generate} needs labels */
    public boolean conditional() {
        return false;
    }

    /**
     * @param z latent codes [B, latentDim]
     * @param labels class labels of length B for conditional models, else ignored (may be null)
     * @return samples [B, ...sampleShape]
     */
    public Variable generate(Variable z, int[] labels) {
        return forward(z);
    }
}
