package io.jgan.nn.init;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

/**
 * Weight initialisers, in place and drawn from a seeded {@link Rng} (the "init" stream), with
 * PyTorch's {@code torch.nn.init} formulas: fans, gains, Xavier/Glorot and Kaiming/He.
 *
 * <p>Fans follow PyTorch's convention for every weight layout: {@code fan_in = dim(1) * receptive},
 * {@code fan_out = dim(0) * receptive}, where receptive is the product of the dims after the second.
 * For a transposed convolution's [in, out, kh, kw] weight this makes fan_in count the output
 * channels, exactly as PyTorch computes it.
 */
public final class Init {
    private Init() {}

    /** Which fan Kaiming initialisation preserves. */
    public enum FanMode {
        /** Preserves the variance of the activations in the forward pass. */
        FAN_IN,
        /** Preserves the variance of the gradients in the backward pass. */
        FAN_OUT
    }

    /**
     * The fans of a weight tensor.
     *
     * @param fanIn inputs feeding one output
     * @param fanOut outputs fed by one input
     */
    public record Fans(int fanIn, int fanOut) {}

    /**
     * @param t a weight with at least two dimensions
     * @return its fans, as {@code torch.nn.init._calculate_fan_in_and_fan_out}
     */
    public static Fans fans(Tensor t) {
        if (t.rank() < 2) {
            throw new IllegalArgumentException("fans need a tensor with at least 2 dimensions, got " + t.shape());
        }
        int receptive = t.shape().sizeBetween(2, t.rank());
        return new Fans(t.dim(1) * receptive, t.dim(0) * receptive);
    }

    /**
     * The recommended gain for a nonlinearity ({@code torch.nn.init.calculate_gain}).
     *
     * @param nonlinearity "linear", "conv2d", "conv_transpose2d", "sigmoid", "tanh", "relu" or "leaky_relu"
     * @param param the negative slope for "leaky_relu" (PyTorch's default 0.01 when NaN)
     * @return the gain
     */
    public static double gain(String nonlinearity, double param) {
        return switch (nonlinearity) {
            case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
                 "sigmoid" -> 1.0;
            case "tanh" -> 5.0 / 3.0;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> {
                double slope = Double.isNaN(param) ? 0.01 : param;
                yield Math.sqrt(2.0 / (1 + slope * slope));
            }
            default -> throw new IllegalArgumentException("unknown nonlinearity \"" + nonlinearity + "\"");
        };
    }

    /**
     * @param t the tensor, filled in place
     * @param lo lower bound
     * @param hi upper bound
     * @param rng the generator
     * @return t, with U[lo, hi) values
     */
    public static Tensor uniform(Tensor t, double lo, double hi, Rng rng) {
        float[] d = t.data();
        for (int i = t.offset(), end = t.offset() + t.size(); i < end; i++) {
            d[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        }
        return t;
    }

    /**
     * @param t the tensor, filled in place
     * @param mean the mean
     * @param std the standard deviation
     * @param rng the generator
     * @return t, with N(mean, std^2) values
     */
    public static Tensor normal(Tensor t, double mean, double std, Rng rng) {
        float[] d = t.data();
        for (int i = t.offset(), end = t.offset() + t.size(); i < end; i++) {
            d[i] = (float) (mean + std * rng.nextGaussian());
        }
        return t;
    }

    /** @param t the tensor @param value the value @return t, filled */
    public static Tensor constant(Tensor t, float value) {
        return t.fill(value);
    }

    /** @param t the tensor @return t, filled with zeros */
    public static Tensor zeros(Tensor t) {
        return t.fill(0f);
    }

    /** @param t the tensor @return t, filled with ones */
    public static Tensor ones(Tensor t) {
        return t.fill(1f);
    }

    /**
     * Glorot and Bengio (2010): U(-b, b) with b = gain * sqrt(6 / (fan_in + fan_out)).
     *
     * @param t the weight
     * @param gain the gain (see {@link #gain})
     * @param rng the generator
     * @return t
     */
    public static Tensor xavierUniform(Tensor t, double gain, Rng rng) {
        Fans f = fans(t);
        double bound = gain * Math.sqrt(6.0 / (f.fanIn() + f.fanOut()));
        return uniform(t, -bound, bound, rng);
    }

    /**
     * Glorot and Bengio (2010): N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out)).
     *
     * @param t the weight
     * @param gain the gain
     * @param rng the generator
     * @return t
     */
    public static Tensor xavierNormal(Tensor t, double gain, Rng rng) {
        Fans f = fans(t);
        return normal(t, 0, gain * Math.sqrt(2.0 / (f.fanIn() + f.fanOut())), rng);
    }

    /**
     * He et al. (2015), uniform form: U(-b, b) with b = gain * sqrt(3 / fan), gain for leaky_relu(a).
     *
     * @param t the weight
     * @param a the negative slope of the following leaky ReLU (0 for ReLU)
     * @param mode which fan to use
     * @param nonlinearity "relu" or "leaky_relu" (or any name {@link #gain} knows)
     * @param rng the generator
     * @return t
     */
    public static Tensor kaimingUniform(Tensor t, double a, FanMode mode, String nonlinearity, Rng rng) {
        double bound = gain(nonlinearity, a) * Math.sqrt(3.0 / fan(t, mode));
        return uniform(t, -bound, bound, rng);
    }

    /**
     * He et al. (2015), normal form: N(0, std^2) with std = gain / sqrt(fan).
     *
     * @param t the weight
     * @param a the negative slope of the following leaky ReLU (0 for ReLU)
     * @param mode which fan to use
     * @param nonlinearity "relu" or "leaky_relu" (or any name {@link #gain} knows)
     * @param rng the generator
     * @return t
     */
    public static Tensor kaimingNormal(Tensor t, double a, FanMode mode, String nonlinearity, Rng rng) {
        return normal(t, 0, gain(nonlinearity, a) / Math.sqrt(fan(t, mode)), rng);
    }

    private static int fan(Tensor t, FanMode mode) {
        Fans f = fans(t);
        int fan = mode == FanMode.FAN_IN ? f.fanIn() : f.fanOut();
        if (fan == 0) {
            throw new IllegalArgumentException("cannot initialise a weight with a zero fan, shape " + t.shape());
        }
        return fan;
    }

    /**
     * PyTorch's default for Linear and convolution layers: the weight gets kaiming_uniform with
     * a = sqrt(5) (which works out to U(-1/sqrt(fan_in), 1/sqrt(fan_in))) and the bias
     * U(-1/sqrt(fan_in), 1/sqrt(fan_in)), with fan_in taken from the weight.
     *
     * @param weight the weight
     * @param bias the bias, or null
     * @param rng the generator (weight drawn first, then bias)
     */
    public static void pytorchDefault(Tensor weight, Tensor bias, Rng rng) {
        kaimingUniform(weight, Math.sqrt(5.0), FanMode.FAN_IN, "leaky_relu", rng);
        if (bias != null) {
            int fanIn = fans(weight).fanIn();
            double bound = fanIn > 0 ? 1.0 / Math.sqrt(fanIn) : 0.0;
            uniform(bias, -bound, bound, rng);
        }
    }
}
