package io.jgan.models;

import io.jgan.autograd.Variable;
import io.jgan.nn.Module;

/**
 * A discriminator or critic: samples (and labels, for conditional models) to raw scores [B, 1]
 * (logits: the losses apply any sigmoid in their stable forms).
 */
public abstract class Critic extends Module {
    /** @return true if {@link #score} needs labels */
    public boolean conditional() {
        return false;
    }

    /**
     * @param x samples [B, ...]
     * @param labels class labels of length B for conditional models, else ignored (may be null)
     * @return scores [B, 1]
     */
    public Variable score(Variable x, int[] labels) {
        return forward(x);
    }
}
