package io.jgan.datasets;

import io.jgan.tensor.Tensor;

/**
 * One mini-batch from a {@link DataLoader}.
 *
 * @param images the images as floats, shape [N, C, H, W]
 * @param labels one label per image ({@link Dataset#NO_LABEL} for unlabelled images)
 */
public record Batch(Tensor images, int[] labels) {
    /**
     * @throws IllegalArgumentException if the images are not rank 4 or the label count differs
     */
    public Batch {
        if (images.rank() != 4) {
            throw new IllegalArgumentException("batch images must be [N, C, H, W], got " + images.shape());
        }
        if (labels.length != images.dim(0)) {
            throw new IllegalArgumentException(images.dim(0) + " images but " + labels.length + " labels");
        }
    }

    /** @return the number of images N */
    public int size() {
        return labels.length;
    }
}
