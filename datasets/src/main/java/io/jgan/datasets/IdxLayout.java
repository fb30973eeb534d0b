package io.jgan.datasets;

import io.jgan.datasets.idx.IdxArray;
import io.jgan.datasets.idx.IdxReader;
import io.jgan.datasets.idx.IdxType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The four-file IDX layout MNIST made standard: {@code <prefix><tag>-images-idx3-ubyte} and
 * {@code <prefix><tag>-labels-idx1-ubyte} for a train tag and a test tag, each optionally with
 * {@code .gz}. MNIST, Fashion-MNIST and KMNIST use it with no prefix and the tags
 * {@code train}/{@code t10k}; EMNIST uses {@code emnist-<split>-} with {@code train}/{@code test}
 * and stores its images transposed.
 *
 * @param name the dataset's name, for messages
 * @param prefix the file-name prefix ("" for MNIST)
 * @param trainTag the tag of the training files
 * @param testTag the tag of the test files
 * @param classNames the class names, indexed by label
 * @param transposed whether images are stored column-major (EMNIST) and must be transposed
 */
public record IdxLayout(String name, String prefix, String trainTag, String testTag, List<String> classNames,
        boolean transposed) {

    /** MNIST handwritten digits: classes "0" to "9". */
    public static final IdxLayout MNIST = new IdxLayout("MNIST", "", "train", "t10k",
            IntStream.range(0, 10).mapToObj(Integer::toString).toList(), false);

    /** Zalando's Fashion-MNIST: ten clothing classes. */
    public static final IdxLayout FASHION_MNIST = new IdxLayout("Fashion-MNIST", "", "train", "t10k",
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"), false);

    /** Kuzushiji-MNIST: ten cursive hiragana, named by their romanisation. */
    public static final IdxLayout KMNIST = new IdxLayout("KMNIST", "", "train", "t10k",
            List.of("o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"), false);

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a name or tag is empty or there are no classes
     */
    public IdxLayout {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        if (trainTag == null || trainTag.isEmpty() || testTag == null || testTag.isEmpty()) {
            throw new IllegalArgumentException("train and test tags must be non-empty");
        }
        classNames = List.copyOf(classNames);
        if (classNames.isEmpty() || classNames.size() > 256) {
            throw new IllegalArgumentException("an IDX label file holds 1 to 256 classes, got " + classNames.size());
        }
    }

    /**
     * An EMNIST split, e.g. {@code emnist("digits", digitNames)}: files
     * {@code emnist-<split>-train-images-idx3-ubyte.gz} and so on, images transposed.
     *
     * @param split the EMNIST split name (byclass, bymerge, balanced, letters, digits, mnist)
     * @param classNames the names of that split's labels (for "letters", labels start at 1, so
     *     give 27 names with a placeholder first)
     * @return the layout
     */
    public static IdxLayout emnist(String split, List<String> classNames) {
        return new IdxLayout("EMNIST " + split, "emnist-" + split + "-", "train", "test", classNames, true);
    }

    /**
     * @param split the split
     * @return the base name of its image file, without ".gz"
     */
    public String imagesFile(Split split) {
        return prefix + tag(split) + "-images-idx3-ubyte";
    }

    /**
     * @param split the split
     * @return the base name of its label file, without ".gz"
     */
    public String labelsFile(Split split) {
        return prefix + tag(split) + "-labels-idx1-ubyte";
    }

    private String tag(Split split) {
        return split == Split.TRAIN ? trainTag : testTag;
    }

    /**
     * Loads one split from a directory holding the four files (gzipped or not).
     *
     * @param dir the directory
     * @param split which split
     * @return the images (1 x H x W) with their labels
     * @throws NoSuchFileException naming both accepted file names if a file is missing
     * @throws DatasetFormatException if a file is malformed or the files disagree
     * @throws IOException if a file cannot be read
     */
    public ImageDataset load(Path dir, Split split) throws IOException {
        Objects.requireNonNull(split, "split");
        Path imagesPath = find(dir, imagesFile(split));
        Path labelsPath = find(dir, labelsFile(split));
        IdxArray images = IdxReader.read(imagesPath);
        IdxArray labels = IdxReader.read(labelsPath);
        return assemble(name + " " + split.name().toLowerCase(java.util.Locale.ROOT), images, imagesPath.toString(),
                labels, labelsPath.toString());
    }

    /**
     * Loads one split from two streams (for example module resources). The streams are not closed.
     *
     * @param images the image file's bytes
     * @param imagesName its name, for messages
     * @param labels the label file's bytes
     * @param labelsName its name, for messages
     * @param description the dataset's description
     * @return the dataset
     * @throws DatasetFormatException if the data are malformed or disagree
     * @throws IOException if a stream fails
     */
    public ImageDataset load(InputStream images, String imagesName, InputStream labels, String labelsName,
            String description) throws IOException {
        return assemble(description, IdxReader.read(images, imagesName), imagesName, IdxReader.read(labels, labelsName),
                labelsName);
    }

    private Path find(Path dir, String base) throws NoSuchFileException {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new NoSuchFileException(gz.toString(), null, name + " file missing: place " + base + ".gz (or " + base
                + " unzipped) in " + dir);
    }

    private ImageDataset assemble(String description, IdxArray images, String imagesName, IdxArray labels,
            String labelsName) throws DatasetFormatException {
        if (images.type() != IdxType.UBYTE || images.rank() != 3) {
            throw new DatasetFormatException(imagesName, "expected an image file of UBYTE [N, H, W], found "
                    + images, 2);
        }
        if (labels.type() != IdxType.UBYTE || labels.rank() != 1) {
            throw new DatasetFormatException(labelsName, "expected a label file of UBYTE [N], found " + labels, 2);
        }
        int n = images.dim(0);
        if (labels.dim(0) != n) {
            throw new DatasetFormatException(labelsName, "image/label count mismatch: this file holds " + labels.dim(0)
                    + " labels but " + imagesName + " holds " + n + " images", 4);
        }
        byte[] raw = labels.rawBytes();
        int[] labelInts = new int[n];
        for (int i = 0; i < n; i++) {
            int label = raw[i] & 0xFF;
            if (label >= classNames.size()) {
                throw new DatasetFormatException(labelsName, "label " + label + " of example " + i + " is outside 0.."
                        + (classNames.size() - 1) + " (" + name + " has " + classNames.size() + " classes)", 8 + i);
            }
            labelInts[i] = label;
        }
        int h = images.dim(1);
        int w = images.dim(2);
        if (h == 0 || w == 0) {
            throw new DatasetFormatException(imagesName, "images of size " + h + "x" + w + " are empty", 8);
        }
        byte[] pixels = transposed ? transposeAll(images.rawBytes(), n, h, w) : images.rawBytes();
        return new ImageDataset(description, pixels, 1, transposed ? w : h, transposed ? h : w, labelInts, classNames);
    }

    private static byte[] transposeAll(byte[] src, int n, int h, int w) {
        byte[] dst = new byte[src.length];
        int per = h * w;
        for (int i = 0; i < n; i++) {
            int base = i * per;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    dst[base + x * h + y] = src[base + y * w + x];
                }
            }
        }
        return dst;
    }
}
