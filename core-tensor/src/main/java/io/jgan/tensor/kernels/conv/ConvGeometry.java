package io.jgan.tensor.kernels.conv;

/**
 * The sizes of one 2-D convolution {@code y = conv2d(x, w)}: input {@code x} is
 * {@code [n, cin, h, w]}, weights are {@code [cout, cin, kh, kw]} and output {@code y} is
 * {@code [n, cout, ho, wo]} with {@code ho = (h + 2 ph - kh) / sh + 1} (floor), likewise {@code wo}.
 *
 * @param n batch size
 * @param cin input channels
 * @param h input height
 * @param w input width
 * @param cout output channels
 * @param kh kernel height
 * @param kw kernel width
 * @param sh vertical stride
 * @param sw horizontal stride
 * @param ph vertical zero padding (each side)
 * @param pw horizontal zero padding (each side)
 */
public record ConvGeometry(int n, int cin, int h, int w, int cout, int kh, int kw, int sh, int sw, int ph, int pw) {
    /** Validates the sizes. */
    public ConvGeometry {
        if (n < 0 || cin < 1 || h < 1 || w < 1 || cout < 1 || kh < 1 || kw < 1) {
            throw new IllegalArgumentException("conv2d: bad sizes " + this);
        }
        if (sh < 1 || sw < 1) {
            throw new IllegalArgumentException("conv2d: stride must be >= 1, got " + sh + "x" + sw);
        }
        if (ph < 0 || pw < 0) {
            throw new IllegalArgumentException("conv2d: padding must be >= 0, got " + ph + "x" + pw);
        }
        if (h + 2 * ph < kh || w + 2 * pw < kw) {
            throw new IllegalArgumentException("conv2d: kernel " + kh + "x" + kw + " larger than padded input "
                    + (h + 2 * ph) + "x" + (w + 2 * pw));
        }
    }

    /**
     * A square-kernel, same-stride-and-padding geometry.
     *
     * @param n batch
     * @param cin input channels
     * @param h input height
     * @param w input width
     * @param cout output channels
     * @param k kernel size
     * @param stride stride
     * @param padding padding
     * @return the geometry
     */
    public static ConvGeometry of(int n, int cin, int h, int w, int cout, int k, int stride, int padding) {
        return new ConvGeometry(n, cin, h, w, cout, k, k, stride, stride, padding, padding);
    }

    /** @return output height */
    public int ho() {
        return (h + 2 * ph - kh) / sh + 1;
    }

    /** @return output width */
    public int wo() {
        return (w + 2 * pw - kw) / sw + 1;
    }

    /** @return rows of the im2col matrix: {@code cin * kh * kw} (the GEMM depth) */
    public int patch() {
        return cin * kh * kw;
    }

    /** @return output pixels per image: {@code ho * wo} */
    public int outPixels() {
        return ho() * wo();
    }

    /** @return floats in one input image */
    public int inImage() {
        return cin * h * w;
    }

    /** @return floats in one output image */
    public int outImage() {
        return cout * ho() * wo();
    }

    /** @return floats in the weights */
    public int weightSize() {
        return cout * patch();
    }

    /** @return the floating-point operations of the forward pass (2 per multiply-add) */
    public long forwardFlops() {
        return 2L * n * cout * patch() * outPixels();
    }
}
