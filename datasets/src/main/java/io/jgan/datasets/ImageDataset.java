package io.jgan.datasets;

import java.util.List;
import java.util.Objects;

/**
 * An in-memory {@link Dataset}: all images in one byte array (N x C x H x W, unsigned) and the
 * labels in an int array. Every reader in this package returns one; it is immutable.
 */
public final class ImageDataset implements Dataset {
    private final String name;
    private final byte[] pixels;
    private final int count;
    private final int channels;
    private final int height;
    private final int width;
    private final int[] labels;
    private final List<String> classNames;

    /**
     * @param name a description for messages, e.g. "MNIST train"
     * @param pixels N*C*H*W unsigned bytes; not copied, so the caller must not change it afterwards
     * @param channels C
     * @param height H
     * @param width W
     * @param labels one label per image in [0, classNames.size()), or null for unlabelled images
     * @param classNames the class names (empty when unlabelled)
     * @throws IllegalArgumentException if the sizes disagree or a label is out of range
     */
    public ImageDataset(String name, byte[] pixels, int channels, int height, int width, int[] labels,
            List<String> classNames) {
        Objects.requireNonNull(pixels, "pixels");
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        long per = (long) channels * height * width;
        if (pixels.length % per != 0) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes are not a whole number of "
                    + channels + "x" + height + "x" + width + " images");
        }
        this.count = (int) (pixels.length / per);
        this.classNames = List.copyOf(classNames);
        if (labels != null) {
            if (labels.length != count) {
                throw new IllegalArgumentException(count + " images but " + labels.length + " labels");
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= this.classNames.size()) {
                    throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is outside 0.."
                            + (this.classNames.size() - 1));
                }
            }
        }
        this.name = name;
        this.pixels = pixels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.labels = labels;
    }

    /** @return the description given at construction */
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public void copyImage(int index, byte[] dst, int offset) {
        Objects.checkIndex(index, count);
        int n = imageBytes();
        System.arraycopy(pixels, index * n, dst, offset, n);
    }

    @Override
    public int label(int index) {
        Objects.checkIndex(index, count);
        return labels == null ? NO_LABEL : labels[index];
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    /**
     * One pixel value, for inspection and tests.
     *
     * @param index the image
     * @param c the channel
     * @param y the row
     * @param x the column
     * @return the unsigned byte value 0..255
     */
    public int pixel(int index, int c, int y, int x) {
        Objects.checkIndex(index, count);
        Objects.checkIndex(c, channels);
        Objects.checkIndex(y, height);
        Objects.checkIndex(x, width);
        return pixels[index * imageBytes() + (c * height + y) * width + x] & 0xFF;
    }

    /** @return a copy of the labels, or null if unlabelled */
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /**
     * The same images with other labels, e.g. CIFAR-100's coarse instead of fine classes. The
     * pixels are shared, not copied.
     *
     * @param newLabels one label per image
     * @param newClassNames the names of those labels
     * @return the relabelled dataset
     */
    public ImageDataset withLabels(int[] newLabels, List<String> newClassNames) {
        return new ImageDataset(name, pixels, channels, height, width, newLabels.clone(), newClassNames);
    }

    /**
     * The images {@code from} (inclusive) to {@code to} (exclusive), copied, e.g. for a quick run
     * on the first thousand.
     *
     * @param from first image
     * @param to one past the last image
     * @return the subset
     */
    public ImageDataset subset(int from, int to) {
        Objects.checkFromToIndex(from, to, count);
        int n = imageBytes();
        byte[] sub = java.util.Arrays.copyOfRange(pixels, from * n, to * n);
        int[] subLabels = labels == null ? null : java.util.Arrays.copyOfRange(labels, from, to);
        return new ImageDataset(name + "[" + from + ":" + to + "]", sub, channels, height, width, subLabels, classNames);
    }

    @Override
    public String toString() {
        return name + " (" + count + " images of " + channels + "x" + height + "x" + width + ")";
    }
}
