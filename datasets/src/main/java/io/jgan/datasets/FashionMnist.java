package io.jgan.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Zalando's Fashion-MNIST: a drop-in replacement for MNIST (same four-file IDX layout, 60,000 +
 * 10,000 grayscale 28x28 images) showing ten kinds of clothing.
 */
public final class FashionMnist {
    /** The class names: T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot. */
    public static final List<String> CLASS_NAMES = IdxLayout.FASHION_MNIST.classNames();

    private FashionMnist() {
    }

    /**
     * Loads a split from a directory with the standard file names.
     *
     * @param dir the directory
     * @param split which split
     * @return the images (1 x 28 x 28) and labels
     * @throws java.nio.file.NoSuchFileException if a file is missing (the message names it)
     * @throws DatasetFormatException if a file is malformed
     * @throws IOException if a file cannot be read
     */
    public static ImageDataset load(Path dir, Split split) throws IOException {
        return IdxLayout.FASHION_MNIST.load(dir, split);
    }
}
