package io.jgan.optim;

/** A projection applied to parameters after each optimiser step (see {@link Optimizer#addConstraint}). */
@FunctionalInterface
public interface ParameterConstraint {
    /** Projects the parameters in place. */
    void apply();
}
