package io.jgan.datasets;

import io.jgan.tensor.Shape;
import java.util.List;

/**
 * A finite, indexable set of images stored as unsigned bytes in CHW order, each with an optional
 * integer label. This is what a {@link DataLoader} batches; keeping pixels as bytes until a batch
 * is built costs a quarter of the memory of floats and lets the loader choose the value range.
 *
 * <p>Implementations are immutable and safe to read from several threads (the loader's prefetch
 * thread reads while the caller trains).
 */
public interface Dataset {
    /** Label of an image that has none (an {@link ImageFolder} without class subfolders). */
    int NO_LABEL = -1;

    /** @return the number of images */
    int size();

    /** @return the number of channels C (1 for grayscale, 3 for RGB) */
    int channels();

    /** @return the image height H in pixels */
    int height();

    /** @return the image width W in pixels */
    int width();

    /**
     * Copies image {@code index} into {@code dst} as C*H*W unsigned bytes, channel-major.
     *
     * @param index the image, in [0, size)
     * @param dst the destination
     * @param offset where in {@code dst} the image starts
     */
    void copyImage(int index, byte[] dst, int offset);

    /**
     * @param index the image, in [0, size)
     * @return its class label in [0, classNames().size()), or {@link #NO_LABEL}
     */
    int label(int index);

    /** @return the class names indexed by label; empty when the images are unlabelled */
    List<String> classNames();

    /** @return the shape of one image, [C, H, W] */
    default Shape imageShape() {
        return Shape.of(channels(), height(), width());
    }

    /** @return the number of bytes of one image, C*H*W */
    default int imageBytes() {
        return channels() * height() * width();
    }

    /**
     * Copies one image into a new array.
     *
     * @param index the image, in [0, size)
     * @return its C*H*W bytes
     */
    default byte[] image(int index) {
        byte[] out = new byte[imageBytes()];
        copyImage(index, out, 0);
        return out;
    }
}
