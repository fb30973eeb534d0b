package io.jgan.datasets.transforms;

import io.jgan.tensor.Rng;

/**
 * Pads the image with {@code padding} zero (black) pixels on every side and crops a window of the
 * original size at a uniformly random position (torchvision's RandomCrop(size, padding), the
 * standard CIFAR augmentation with padding 4). Two random draws per image.
 *
 * @param padding pixels added on each side, at least 0
 */
public record RandomCrop(int padding) implements Transform {
    /**
     * @throws IllegalArgumentException if padding is negative
     */
    public RandomCrop {
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        }
    }

    @Override
    public void apply(float[] image, int offset, int channels, int height, int width, Rng rng) {
        // The window's top-left corner in padded coordinates; a shift of (dy, dx) from the centre.
        int dy = rng.nextInt(2 * padding + 1) - padding;
        int dx = rng.nextInt(2 * padding + 1) - padding;
        if (dy == 0 && dx == 0) {
            return;
        }
        int plane = height * width;
        float[] src = new float[plane];
        for (int c = 0; c < channels; c++) {
            int base = offset + c * plane;
            System.arraycopy(image, base, src, 0, plane);
            for (int y = 0; y < height; y++) {
                int sy = y + dy;
                for (int x = 0; x < width; x++) {
                    int sx = x + dx;
                    boolean inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
                    image[base + y * width + x] = inside ? src[sy * width + sx] : 0f;
                }
            }
        }
    }
}
