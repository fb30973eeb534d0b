package io.jgan.datasets.transforms;

import io.jgan.tensor.Rng;

/**
 * Mirrors the image left-to-right with probability {@code p} (torchvision's
 * RandomHorizontalFlip). One random draw per image.
 *
 * @param p the flip probability, in [0, 1]
 */
public record RandomHorizontalFlip(double p) implements Transform {
    /**
     * @throws IllegalArgumentException if p is outside [0, 1]
     */
    public RandomHorizontalFlip {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("flip probability must be in [0, 1], got " + p);
        }
    }

    /** A flip with probability one half. */
    public RandomHorizontalFlip() {
        this(0.5);
    }

    @Override
    public void apply(float[] image, int offset, int channels, int height, int width, Rng rng) {
        if (!rng.nextBernoulli(p)) {
            return;
        }
        for (int row = 0; row < channels * height; row++) {
            int left = offset + row * width;
            int right = left + width - 1;
            while (left < right) {
                float t = image[left];
                image[left++] = image[right];
                image[right--] = t;
            }
        }
    }
}
