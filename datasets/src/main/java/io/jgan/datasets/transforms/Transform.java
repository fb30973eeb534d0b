package io.jgan.datasets.transforms;

import io.jgan.tensor.Rng;
import java.util.List;

/**
 * An in-place, seeded operation on one image held as floats in CHW order.
 *
 * <p>Inputs arrive in [0, 1] (the loader maps bytes to [0, 1], runs the transforms, and only then
 * applies its output range), so zero padding is black and clamping is to [0, 1] whatever range
 * the model finally sees. A transform must draw randomness only from {@code rng}, and the same
 * number of draws for every image (so that one image's content never shifts another's
 * randomness).
 */
@FunctionalInterface
public interface Transform {
    /**
     * Transforms one image in place.
     *
     * @param image the buffer holding the image
     * @param offset index of the image's first value in {@code image}
     * @param channels C
     * @param height H
     * @param width W
     * @param rng the source of randomness for this image
     */
    void apply(float[] image, int offset, int channels, int height, int width, Rng rng);

    /**
     * Applies transforms one after another.
     *
     * @param transforms in order of application
     * @return the composition (the identity if empty)
     */
    static Transform compose(List<Transform> transforms) {
        List<Transform> copy = List.copyOf(transforms);
        return (image, offset, c, h, w, rng) -> {
            for (Transform t : copy) {
                t.apply(image, offset, c, h, w, rng);
            }
        };
    }

    /**
     * Applies transforms one after another.
     *
     * @param transforms in order of application
     * @return the composition
     */
    static Transform compose(Transform... transforms) {
        return compose(List.of(transforms));
    }
}
