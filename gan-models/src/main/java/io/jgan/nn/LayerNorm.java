package io.jgan.nn;

import io.jgan.autograd.Ops;
import io.jgan.autograd.Variable;
import io.jgan.tensor.Tensor;

import java.util.Arrays;

/**
 * Layer normalisation (Ba et al., 2016) over the trailing {@code normalizedShape} axes
 * ({@code torch.nn.LayerNorm}), with the biased variance and no running statistics, so it behaves
 * the same in training and evaluation (the WGAN-GP critic's substitute for batch norm).
 *
 * <p>Shapes: input [..., *normalizedShape], output the same; parameters {@code weight} and
 * {@code bias} shaped like normalizedShape when elementwise-affine.
 */
public final class LayerNorm extends Module {
    /**
     * @param normalizedShape the trailing sizes to normalise over, e.g. [C, H, W]
     * @param eps added to the variance
     * @param elementwiseAffine whether to learn per-element gamma and beta
     */
    public record Config(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        /** Validates and copies the shape. */
        public Config {
            if (normalizedShape == null || normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(d -> d <= 0)
                    || !(eps > 0)) {
                throw new IllegalArgumentException("invalid LayerNorm config: shape "
                        + Arrays.toString(normalizedShape) + ", eps " + eps);
            }
            normalizedShape = normalizedShape.clone();
        }

        /** @param normalizedShape the trailing sizes @return PyTorch's defaults: eps 1e-5, affine */
        public static Config of(int... normalizedShape) {
            return new Config(normalizedShape, 1e-5, true);
        }

        @Override
        public int[] normalizedShape() {
            return normalizedShape.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Config c && Arrays.equals(normalizedShape, c.normalizedShape) && eps == c.eps
                    && elementwiseAffine == c.elementwiseAffine;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(normalizedShape) * 31 + Double.hashCode(eps) * 2 + (elementwiseAffine ? 1 : 0);
        }

        @Override
        public String toString() {
            return "Config[normalizedShape=" + Arrays.toString(normalizedShape) + ", eps=" + eps
                    + ", elementwiseAffine=" + elementwiseAffine + "]";
        }
    }

    private final Config config;
    private final int[] shape;
    private final Variable weight;
    private final Variable bias;

    /** @param config the configuration */
    public LayerNorm(Config config) {
        this.config = config;
        shape = config.normalizedShape();
        weight = config.elementwiseAffine() ? registerParameter("weight", Tensor.ones(shape)) : null;
        bias = config.elementwiseAffine() ? registerParameter("bias", Tensor.zeros(shape)) : null;
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    /** @return gamma, or null */
    public Variable weight() {
        return weight;
    }

    /** @return beta, or null */
    public Variable bias() {
        return bias;
    }

    @Override
    public Variable forward(Variable x) {
        int k = shape.length;
        int[] dims = x.dims();
        if (dims.length < k || !Arrays.equals(Arrays.copyOfRange(dims, dims.length - k, dims.length), shape)) {
            throw new IllegalArgumentException("LayerNorm over " + Arrays.toString(shape) + " got input " + x.shape());
        }
        return Ops.layerNorm(x, weight, bias, k, (float) config.eps());
    }

    @Override
    protected String extraRepr() {
        return "(" + Arrays.toString(shape) + ", eps=" + config.eps() + ", elementwise_affine=" + config.elementwiseAffine() + ")";
    }
}
