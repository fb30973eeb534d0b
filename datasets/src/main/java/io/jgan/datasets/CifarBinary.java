package io.jgan.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CIFAR binary record format shared by CIFAR-10 and CIFAR-100: each record is
 * {@code labelBytes} label bytes followed by 3072 pixel bytes (1024 red, 1024 green, 1024 blue,
 * each 32x32 row-major), which is already the CHW layout the loader wants.
 */
final class CifarBinary {
    static final int SIDE = 32;
    static final int IMAGE_BYTES = 3 * SIDE * SIDE;

    /** Pixels of all records in file order, and each record's label bytes. */
    record Records(byte[] pixels, int[][] labels) {
    }

    private CifarBinary() {
    }

    /**
     * Reads every record of the files, in order, validating sizes and label ranges before
     * returning anything.
     */
    static Records read(List<Path> files, int labelBytes, int[] classCounts) throws IOException {
        int record = labelBytes + IMAGE_BYTES;
        long total = 0;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new NoSuchFileException(f.toString(), null, "CIFAR file missing");
            }
            long size = Files.size(f);
            if (size == 0) {
                throw new DatasetFormatException(f.toString(), "empty file, expected records of " + record + " bytes", 0);
            }
            if (size % record != 0) {
                throw new DatasetFormatException(f.toString(), "size " + size + " is not a multiple of the "
                        + record + "-byte record (" + labelBytes + " label byte" + (labelBytes > 1 ? "s" : "")
                        + " + 3072 pixels); the last record is incomplete", size - size % record);
            }
            total += size / record;
        }
        if (total * IMAGE_BYTES > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many CIFAR records for one array: " + total);
        }
        int n = (int) total;
        byte[] pixels = new byte[n * IMAGE_BYTES];
        int[][] labels = new int[labelBytes][n];
        int at = 0;
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            int count = bytes.length / record;
            for (int i = 0; i < count; i++) {
                int base = i * record;
                for (int k = 0; k < labelBytes; k++) {
                    int label = bytes[base + k] & 0xFF;
                    if (label >= classCounts[k]) {
                        throw new DatasetFormatException(f.toString(), "label " + label + " of record " + i
                                + " is outside 0.." + (classCounts[k] - 1), base + k);
                    }
                    labels[k][at] = label;
                }
                System.arraycopy(bytes, base + labelBytes, pixels, at * IMAGE_BYTES, IMAGE_BYTES);
                at++;
            }
        }
        return new Records(pixels, labels);
    }

    /**
     * Reads a class-name file (one name per line, blank lines ignored), or returns the defaults
     * if the file does not exist.
     */
    static List<String> names(Path file, List<String> defaults) throws IOException {
        if (!Files.exists(file)) {
            return defaults;
        }
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        if (names.size() != defaults.size()) {
            throw new DatasetFormatException(file.toString(), "expected " + defaults.size() + " class names, one per line, found "
                    + names.size(), DatasetFormatException.NO_OFFSET);
        }
        return List.copyOf(names);
    }

    /** The directory holding {@code marker}: {@code dir} itself or its {@code subdir}. */
    static Path locate(Path dir, String subdir, String marker) {
        if (Files.exists(dir.resolve(marker))) {
            return dir;
        }
        Path nested = dir.resolve(subdir);
        return Files.isDirectory(nested) ? nested : dir;
    }
}
