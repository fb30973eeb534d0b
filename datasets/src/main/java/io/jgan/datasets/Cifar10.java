package io.jgan.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 (Krizhevsky, 2009) in its binary version: 50,000 training images in
 * {@code data_batch_1.bin} to {@code data_batch_5.bin} and 10,000 test images in
 * {@code test_batch.bin}, 3x32x32 RGB, ten classes named in {@code batches.meta.txt}. Each record
 * is one label byte then 3072 pixel bytes in CHW order.
 *
 * <p>The directory may be the one holding those files or its parent (the archive unpacks to
 * {@code cifar-10-batches-bin/}).
 */
public final class Cifar10 {
    /** The class names, used when {@code batches.meta.txt} is absent. */
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    /** The directory the official archive unpacks to. */
    public static final String ARCHIVE_DIR = "cifar-10-batches-bin";
    /** Bytes per record: one label byte and 3072 pixels. */
    public static final int RECORD_BYTES = 1 + CifarBinary.IMAGE_BYTES;

    private Cifar10() {
    }

    /**
     * @param split the split
     * @return the file names of that split, in reading order
     */
    public static List<String> files(Split split) {
        if (split == Split.TEST) {
            return List.of("test_batch.bin");
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            names.add("data_batch_" + i + ".bin");
        }
        return names;
    }

    /**
     * Loads a split.
     *
     * @param dir the directory holding the batch files, or its parent
     * @param split which split
     * @return the images (3 x 32 x 32) with their labels
     * @throws java.nio.file.NoSuchFileException if a batch file is missing
     * @throws DatasetFormatException if a file is malformed
     * @throws IOException if a file cannot be read
     */
    public static ImageDataset load(Path dir, Split split) throws IOException {
        Path base = CifarBinary.locate(dir, ARCHIVE_DIR, files(split).get(0));
        List<Path> paths = new ArrayList<>();
        for (String name : files(split)) {
            paths.add(base.resolve(name));
        }
        List<String> names = CifarBinary.names(base.resolve("batches.meta.txt"), CLASS_NAMES);
        CifarBinary.Records records = CifarBinary.read(paths, 1, new int[] {names.size()});
        return new ImageDataset("CIFAR-10 " + split.name().toLowerCase(java.util.Locale.ROOT), records.pixels(), 3,
                CifarBinary.SIDE, CifarBinary.SIDE, records.labels()[0], names);
    }
}
