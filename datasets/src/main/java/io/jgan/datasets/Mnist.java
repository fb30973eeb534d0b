package io.jgan.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The MNIST handwritten digits (LeCun, Cortes and Burges): 60,000 training and 10,000 test
 * grayscale images of 28x28, labels 0 to 9. Reads the four standard IDX files, gzipped or not;
 * the test split also ships inside this module ({@link #bundledTest()}) so that a first training
 * run needs no download.
 */
public final class Mnist {
    /** The class names, "0" to "9". */
    public static final List<String> CLASS_NAMES = IdxLayout.MNIST.classNames();

    static final String BUNDLED_IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String BUNDLED_LABELS = "t10k-labels-idx1-ubyte.gz";
    /** The attribution and licence of the bundled files (CC BY-SA 3.0). */
    static final String BUNDLED_ATTRIBUTION = "MNIST-ATTRIBUTION.txt";

    private Mnist() {
    }

    /**
     * Loads a split from a directory with the standard file names.
     *
     * @param dir the directory, e.g. the one {@code jgan data fetch mnist --dir DIR} filled
     * @param split which split
     * @return the images (1 x 28 x 28) and labels
     * @throws java.nio.file.NoSuchFileException if a file is missing (the message names it)
     * @throws DatasetFormatException if a file is malformed
     * @throws IOException if a file cannot be read
     */
    public static ImageDataset load(Path dir, Split split) throws IOException {
        return IdxLayout.MNIST.load(dir, split);
    }

    /**
     * The MNIST test split bundled as a resource of this module: what jgan trains on when no data
     * directory is given. Attribution: see {@link #bundledAttribution()}.
     *
     * @return the 10,000 test images and labels
     * @throws IOException if the resource is missing or damaged (a broken build)
     */
    public static ImageDataset bundledTest() throws IOException {
        try (InputStream images = open(BUNDLED_IMAGES); InputStream labels = open(BUNDLED_LABELS)) {
            return IdxLayout.MNIST.load(images, "resource io/jgan/datasets/" + BUNDLED_IMAGES, labels,
                    "resource io/jgan/datasets/" + BUNDLED_LABELS, "MNIST test (bundled)");
        }
    }

    /**
     * @return the attribution and licence text of the bundled MNIST files
     * @throws IOException if the resource is missing
     */
    public static String bundledAttribution() throws IOException {
        try (InputStream in = open(BUNDLED_ATTRIBUTION)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static InputStream open(String resource) throws IOException {
        // Class.getResourceAsStream resolves against this class's own package, which a named
        // module may always read, whether jgan runs on the class path or the module path.
        InputStream in = Mnist.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("resource io/jgan/datasets/" + resource + " is missing from the jgan datasets module");
        }
        return in;
    }
}
