package io.jgan.train.spec;

import io.jgan.autograd.Variable;
import io.jgan.optim.Adam;
import io.jgan.optim.Optimizer;
import io.jgan.optim.RmsProp;
import io.jgan.optim.Sgd;

import java.util.List;

/**
 * One network's optimiser.
 *
 * @param kind the optimiser
 * @param lr the learning rate, &gt; 0
 * @param beta1 Adam's beta1, in [0, 1) (kept, unused, by the others)
 * @param beta2 Adam's beta2, in [0, 1)
 */
public record OptimizerSpec(OptimizerKind kind, double lr, double beta1, double beta2) {

    /** Validates the values (field names relative to the optimiser). */
    public OptimizerSpec {
        SpecException.require(kind != null, "kind", "must not be null");
        SpecException.require(lr > 0 && Double.isFinite(lr), "lr", "must be > 0, got " + lr);
        SpecException.require(beta1 >= 0 && beta1 < 1, "beta1", "must be in [0, 1), got " + beta1);
        SpecException.require(beta2 >= 0 && beta2 < 1, "beta2", "must be in [0, 1), got " + beta2);
    }

    /**
     * @param params the parameters to optimise
     * @return the optimiser, its state made eagerly
     */
    public Optimizer build(List<Variable> params) {
        return switch (kind) {
            case ADAM -> new Adam(params, Adam.Config.of(lr).withBetas(beta1, beta2));
            case RMSPROP -> new RmsProp(params, RmsProp.Config.of(lr));
            case SGD -> new Sgd(params, Sgd.Config.of(lr));
        };
    }

    /** @param newLr the learning rate @return a copy with it */
    public OptimizerSpec withLr(double newLr) {
        return new OptimizerSpec(kind, newLr, beta1, beta2);
    }
}
