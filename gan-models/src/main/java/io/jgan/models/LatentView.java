package io.jgan.models;

import io.jgan.autograd.Variable;

/**
 * A generator whose network takes z joined with a label code, reporting only z's size as its
 * latent size (what the trainer samples). Used inside conditional generators.
 */
final class LatentView extends Generator {
    private final Generator inner;
    private final int latent;

    LatentView(Generator inner, int latent) {
        this.inner = registerModule("net", inner);
        this.latent = latent;
    }

    @Override public int latentDim() { return latent; }
    @Override public int[] sampleShape() { return inner.sampleShape(); }
    @Override public Variable forward(Variable zc) { return inner.forward(zc); }
}
