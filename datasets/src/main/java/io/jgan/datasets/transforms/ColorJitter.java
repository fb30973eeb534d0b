package io.jgan.datasets.transforms;

import io.jgan.tensor.Rng;

/**
 * Random brightness and contrast changes (the source texts' "contrast/brightness changes";
 * torchvision's ColorJitter without hue and saturation). Brightness multiplies every value by a
 * factor drawn from [1 - brightness, 1 + brightness]; contrast blends the image with its mean
 * grey level by a factor from [1 - contrast, 1 + contrast]. Results are clamped to [0, 1]. Two
 * random draws per image, always, so that the stream does not depend on the settings.
 *
 * @param brightness the maximum relative brightness change, in [0, 1]
 * @param contrast the maximum relative contrast change, in [0, 1]
 */
public record ColorJitter(double brightness, double contrast) implements Transform {
    /**
     * @throws IllegalArgumentException if a strength is outside [0, 1]
     */
    public ColorJitter {
        if (!(brightness >= 0 && brightness <= 1) || !(contrast >= 0 && contrast <= 1)) {
            throw new IllegalArgumentException("jitter strengths must be in [0, 1], got brightness " + brightness
                    + ", contrast " + contrast);
        }
    }

    @Override
    public void apply(float[] image, int offset, int channels, int height, int width, Rng rng) {
        float b = (float) (1 + brightness * (2 * rng.nextDouble() - 1));
        float k = (float) (1 + contrast * (2 * rng.nextDouble() - 1));
        int n = channels * height * width;
        int plane = height * width;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float v = Math.min(1f, image[offset + i] * b);
            image[offset + i] = v;
        }
        // The mean grey level (ITU-R 601 luma for RGB, as torchvision uses) after brightness.
        if (channels == 3) {
            for (int i = 0; i < plane; i++) {
                sum += 0.299 * image[offset + i] + 0.587 * image[offset + plane + i] + 0.114 * image[offset + 2 * plane + i];
            }
            sum *= 3;
        } else {
            for (int i = 0; i < n; i++) {
                sum += image[offset + i];
            }
        }
        float mean = (float) (sum / n);
        for (int i = 0; i < n; i++) {
            float v = mean + k * (image[offset + i] - mean);
            image[offset + i] = Math.max(0f, Math.min(1f, v));
        }
    }
}
