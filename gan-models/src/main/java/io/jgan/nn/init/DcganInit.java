package io.jgan.nn.init;

import io.jgan.nn.BatchNorm;
import io.jgan.nn.Conv2d;
import io.jgan.nn.ConvTranspose2d;
import io.jgan.nn.Linear;
import io.jgan.nn.Module;
import io.jgan.tensor.Rng;

/**
 * The initialisation Radford et al. (2016) prescribe for DCGAN: every convolution, transposed
 * convolution and linear weight ~ N(0, 0.02), batch-norm gamma ~ N(1, 0.02) and beta = 0 (the
 * PyTorch DCGAN example's {@code weights_init}). Biases of the other layers are set to zero: the
 * paper initialises "all weights" from the normal and a zero bias is the neutral choice.
 */
public final class DcganInit {
    /** The standard deviation DCGAN uses. */
    public static final double STD = 0.02;

    private DcganInit() {}

    /**
     * Re-initialises every layer of a module tree in place, in {@link Module#modules()} order.
     *
     * @param root the model
     * @param rng the initialisation stream
     * @return root
     */
    public static Module apply(Module root, Rng rng) {
        return apply(root, rng, true);
    }

    /**
     * Re-initialises a module tree in place, in {@link Module#modules()} order.
     *
     * @param root the model
     * @param rng the initialisation stream
     * @param biasesAndNorms true: also zero every bias and draw batch-norm gamma ~ N(1, 0.02) (the
     *                       DCGAN example's {@code weights_init}); false: only the convolution and
     *                       linear weights, biases and batch norm keeping PyTorch's defaults (what
     *                       {@code torch_train_baseline.py} does, and what trains faster per step)
     * @return root
     */
    public static Module apply(Module root, Rng rng, boolean biasesAndNorms) {
        for (Module m : root.modules()) {
            switch (m) {
                case Conv2d c -> init(c.weight().value(), c.bias() == null ? null : c.bias().value(), 0, rng, biasesAndNorms);
                case ConvTranspose2d c -> init(c.weight().value(), c.bias() == null ? null : c.bias().value(), 0, rng, biasesAndNorms);
                case Linear l -> init(l.weight().value(), l.bias() == null ? null : l.bias().value(), 0, rng, biasesAndNorms);
                case BatchNorm b when b.weight() != null && biasesAndNorms -> init(b.weight().value(), b.bias().value(), 1, rng, true);
                default -> { }
            }
        }
        return root;
    }

    private static void init(io.jgan.tensor.Tensor weight, io.jgan.tensor.Tensor bias, double mean, Rng rng, boolean zeroBias) {
        Init.normal(weight, mean, STD, rng);
        if (bias != null && zeroBias) {
            Init.zeros(bias);
        }
    }
}
