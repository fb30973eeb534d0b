package io.jgan.train;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.train.spec.Tricks;

/**
 * Gaussian noise added to the critic's inputs (Sonderby et al. 2016; Arjovsky and Bottou 2017),
 * its std decaying linearly from the initial value to 0 over the configured steps.
 */
final class InstanceNoise {
    private final double sigma0;
    private final long steps;
    private final Rng rng;

    InstanceNoise(Tricks tricks, Rng rng) {
        this.sigma0 = tricks.instanceNoise();
        this.steps = tricks.instanceNoiseSteps();
        this.rng = rng;
    }

    /**
     * @param x a critic input
     * @param step the generator step
     * @return x plus the step's noise (x itself when off)
     */
    Variable apply(Variable x, long step) {
        if (sigma0 <= 0) {
            return x;
        }
        double frac = steps > 0 ? Math.max(0, 1 - (double) step / steps) : 1;
        float sigma = (float) (sigma0 * frac);
        if (sigma == 0f) {
            return x;
        }
        Tensor n = Tensor.randn(rng, x.dims()).mul(sigma);
        return x.add(Variable.of(n));
    }
}
