package io.jgan.nn;

import io.jgan.autograd.Ops;
import io.jgan.autograd.Variable;
import io.jgan.nn.init.Init;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

/**
 * A 2-D transposed convolution with square kernels ({@code torch.nn.ConvTranspose2d}), the
 * up-sampling layer of DCGAN generators.
 *
 * <p>Shapes: input [N, in, H, W], output [N, out, H', W'] with
 * {@code H' = (H - 1) stride - 2 padding + kernel + outputPadding}; parameters {@code weight}
 * [in, out, k, k] (PyTorch's layout) and {@code bias} [out]. Initialised as PyTorch does, whose
 * fan_in for this layout is {@code out * k * k} (weight dim 1).
 */
public final class ConvTranspose2d extends Module {
    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize the square kernel's side
     * @param stride the stride
     * @param padding rows and columns removed from each side of the full output
     * @param outputPadding extra rows and columns added on one side, in [0, stride)
     * @param bias whether to add a learned bias
     */
    public record Config(int inChannels, int outChannels, int kernelSize, int stride, int padding, int outputPadding,
                         boolean bias) {
        /** Validates the sizes. */
        public Config {
            if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0 || stride <= 0 || padding < 0) {
                throw new IllegalArgumentException("invalid ConvTranspose2d config " + inChannels + "->" + outChannels
                        + ", kernel " + kernelSize + ", stride " + stride + ", padding " + padding);
            }
            if (outputPadding < 0 || outputPadding >= stride) {
                throw new IllegalArgumentException("ConvTranspose2d outputPadding " + outputPadding + " must be in [0, stride="
                        + stride + ")");
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
    public ConvTranspose2d(Config config, Rng rng) {
        this.config = config;
        int k = config.kernelSize();
        weight = registerParameter("weight", Tensor.zeros(config.inChannels(), config.outChannels(), k, k));
        bias = config.bias() ? registerParameter("bias", Tensor.zeros(config.outChannels())) : null;
        Init.pytorchDefault(weight.value(), bias == null ? null : bias.value(), rng);
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    /** @return the weight [in, out, k, k] */
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
            throw new IllegalArgumentException("ConvTranspose2d expects [N, " + config.inChannels() + ", H, W], got " + x.shape());
        }
        return Ops.convTranspose2d(x, weight, bias, config.stride(), config.padding(), config.outputPadding());
    }

    @Override
    protected String extraRepr() {
        return "(" + config.inChannels() + ", " + config.outChannels() + ", kernel=" + config.kernelSize() + ", stride="
                + config.stride() + ", padding=" + config.padding() + ", output_padding=" + config.outputPadding()
                + ", bias=" + config.bias() + ")";
    }
}
