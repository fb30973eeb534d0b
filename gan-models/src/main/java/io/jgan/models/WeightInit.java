package io.jgan.models;

import java.util.Locale;

/**
 * How the DCGAN-family models (dcgan, cdcgan) initialise their weights; the other models keep
 * PyTorch's layer defaults.
 */
public enum WeightInit {
    /**
     * The PyTorch DCGAN example's {@code weights_init}, as jgan did before {@link #WEIGHTS}: every
     * convolution and linear weight ~ N(0, 0.02), every bias 0, batch-norm gamma ~ N(1, 0.02). Runs
     * recorded before this choice existed read as this, so they resume as they ran.
     */
    DCGAN,
    /**
     * Convolution and linear weights ~ N(0, 0.02) (Radford et al.), biases and batch norm at PyTorch's
     * defaults (bias ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)), gamma 1, beta 0): what the PyTorch peer
     * {@code torch_train_baseline.py} does. The default for new runs: on the MNIST DCGAN (seed 1) it
     * reached FID 68.4 at step 500 where {@link #DCGAN} reached 105.2 (the README's time-to-quality section).
     */
    WEIGHTS;

    /** @return the command-line name */
    public String cliName() {
        return this == DCGAN ? "dcgan" : "weights";
    }

    /**
     * @param name {@code dcgan} or {@code weights}
     * @return the choice
     * @throws IllegalArgumentException naming the choices
     */
    public static WeightInit parse(String name) {
        for (WeightInit w : values()) {
            if (w.cliName().equals(name.toLowerCase(Locale.ROOT))) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown init '" + name + "' (choices: dcgan, weights)");
    }
}
