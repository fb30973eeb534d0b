package io.jgan.nn;

import io.jgan.autograd.Ops;
import io.jgan.autograd.Variable;
import io.jgan.nn.init.Init;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

/**
 * A 2-D convolution (cross-correlation) with square kernels ({@code torch.nn.Conv2d}).
 *
 * <p>Shapes: input [N, in, H, W], output [N, out, H', W'] with
 * {@code H' = (H + 2 padding - kernel) / stride + 1}; parameters {@code weight} [out, in, k, k] and
 * {@code bias} [out]. Initialised as PyTorch does (see {@link Init#pytorchDefault}).
 */
public final class Conv2d extends Module {
    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize the square kernel's side
     * @param stride the stride on both axes
     * @param padding zero padding on every side
     * @param bias whether to add a learned bias
     */
    public record Config(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias) {
        /** Validates the sizes. */
        public Config {
            if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0 || stride <= 0 || padding < 0) {
                throw new IllegalArgumentException("invalid Conv2d config " + inChannels + "->" + outChannels + ", kernel "
                        + kernelSize + ", stride " + stride + ", padding " + padding);
            }
        }
    }

    private final Config config;
    private final Variable weight;
    private final Variable bias;

    /**
     * @param config the configuration
     * @param rng the initialisation stream
     */
    public Conv2d(Config config, Rng rng) {
        this.config = config;
        int k = config.kernelSize();
        weight = registerParameter("weight", Tensor.zeros(config.outChannels(), config.inChannels(), k, k));
        bias = config.bias() ? registerParameter("bias", Tensor.zeros(config.outChannels())) : null;
        Init.pytorchDefault(weight.value(), bias == null ? null : bias.value(), rng);
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    /** @return the weight [out, in, k, k] */
    public Variable weight() {
        return weight;
    }

    /** @return the bias [out], or null */
    public Variable bias() {
        return bias;
    }

    @Override
    public Variable forward(Variable x) {
        if (x.rank() != 4 || x.dim(1) != config.inChannels()) {
            throw new IllegalArgumentException("Conv2d expects [N, " + config.inChannels() + ", H, W], got " + x.shape());
        }
        return Ops.conv2d(x, weight, bias, config.stride(), config.padding());
    }

    @Override
    protected String extraRepr() {
        return "(" + config.inChannels() + ", " + config.outChannels() + ", kernel=" + config.kernelSize() + ", stride="
                + config.stride() + ", padding=" + config.padding() + ", bias=" + config.bias() + ")";
    }
}
