package io.jgan.optim;

import io.jgan.autograd.Variable;

import java.util.List;

/**
 * Clamps every parameter to [-c, c] in place, the WGAN critic's crude Lipschitz constraint
 * (Arjovsky et al., 2017, c = 0.01), applied after each critic step.
 */
public final class WeightClipping implements ParameterConstraint {
    /** The clipping bound of the WGAN paper. */
    public static final float WGAN_C = 0.01f;
    private final List<Variable> params;
    private final float c;

    /**
     * @param params the critic's parameters
     * @param c the bound, positive
     */
    public WeightClipping(List<Variable> params, float c) {
        if (!(c > 0) || !Float.isFinite(c)) {
            throw new IllegalArgumentException("clipping bound must be positive and finite, got " + c);
        }
        this.params = List.copyOf(params);
        this.c = c;
    }

    /** @return the bound c */
    public float bound() {
        return c;
    }

    @Override
    public void apply() {
        for (Variable p : params) {
            p.value().clampInPlace(-c, c);
        }
    }
}
