package io.jgan.datasets.transforms;

import io.jgan.tensor.Rng;

/**
 * Per-channel standardisation {@code (x - mean[c]) / std[c]} (torchvision's Normalize). Draws no
 * randomness. Use it with the loader's {@code [0, 1]} range, which leaves its output as is; for
 * the usual GAN input in [-1, 1] the loader's default range needs no Normalize at all.
 *
 * @param mean one mean per channel (or one for all channels)
 * @param std one standard deviation per channel (or one for all), all positive
 */
public record Normalize(float[] mean, float[] std) implements Transform {
    /**
     * @throws IllegalArgumentException if the arrays are empty, differ in length, or a std is not positive
     */
    public Normalize {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("mean and std need the same, non-zero length, got " + mean.length
                    + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive, got " + s);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    @Override
    public void apply(float[] image, int offset, int channels, int height, int width, Rng rng) {
        if (mean.length != 1 && mean.length != channels) {
            throw new IllegalArgumentException("Normalize has " + mean.length + " channel statistics, the image has "
                    + channels + " channels");
        }
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            float m = mean[mean.length == 1 ? 0 : c];
            float inv = 1f / std[std.length == 1 ? 0 : c];
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                image[base + i] = (image[base + i] - m) * inv;
            }
        }
    }
}
