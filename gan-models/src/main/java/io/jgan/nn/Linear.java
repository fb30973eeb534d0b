package io.jgan.nn;

import io.jgan.autograd.Ops;
import io.jgan.autograd.Variable;
import io.jgan.nn.init.Init;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

/**
 * A fully connected layer, {@code y = x W^T + b} ({@code torch.nn.Linear}).
 *
 * <p>Shapes: input [N, in], output [N, out]; parameters {@code weight} [out, in] and
 * {@code bias} [out]. Initialised as PyTorch does (see {@link Init#pytorchDefault}).
 */
public final class Linear extends Module {
    /**
     * @param inFeatures input size
     * @param outFeatures output size
     * @param bias whether to add a learned bias
     */
    public record Config(int inFeatures, int outFeatures, boolean bias) {
        /** Validates the sizes. */
        public Config {
            if (inFeatures <= 0 || outFeatures <= 0) {
                throw new IllegalArgumentException("Linear sizes must be positive, got in=" + inFeatures + ", out=" + outFeatures);
            }
        }

        /** @param in input size @param out output size @return a config with a bias */
        public static Config of(int in, int out) {
            return new Config(in, out, true);
        }
    }

    private final Config config;
    private final Variable weight;
    private final Variable bias;

    /**
     * @param config the sizes
     * @param rng the initialisation stream
     */
    public Linear(Config config, Rng rng) {
        this.config = config;
        weight = registerParameter("weight", Tensor.zeros(config.outFeatures(), config.inFeatures()));
        bias = config.bias() ? registerParameter("bias", Tensor.zeros(config.outFeatures())) : null;
        Init.pytorchDefault(weight.value(), bias == null ? null : bias.value(), rng);
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    /** @return the weight [out, in] */
    public Variable weight() {
        return weight;
    }

    /** @return the bias [out], or null */
    public Variable bias() {
        return bias;
    }

    @Override
    public Variable forward(Variable x) {
        if (x.rank() != 2 || x.dim(1) != config.inFeatures()) {
            throw new IllegalArgumentException("Linear expects [N, " + config.inFeatures() + "], got " + x.shape());
        }
        return Ops.linear(x, weight, bias);
    }

    @Override
    protected String extraRepr() {
        return "(in=" + config.inFeatures() + ", out=" + config.outFeatures() + ", bias=" + config.bias() + ")";
    }
}
