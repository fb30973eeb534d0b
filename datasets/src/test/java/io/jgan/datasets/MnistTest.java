package io.jgan.datasets;

import static io.jgan.datasets.TestFiles.gzip;
import static io.jgan.datasets.TestFiles.idx;
import static io.jgan.datasets.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheRealMnist() throws IOException {
        ImageDataset train = Mnist.load(TestFiles.mnistDir(), Split.TRAIN);
        ImageDataset test = Mnist.load(TestFiles.mnistDir(), Split.TEST);
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        for (ImageDataset d : List.of(train, test)) {
            assertEquals(1, d.channels());
            assertEquals(28, d.height());
            assertEquals(28, d.width());
            int[] counts = new int[10];
            for (int label : d.labels()) {
                counts[label]++; // out of range would throw
            }
            for (int c : counts) {
                assertTrue(c > 800, "every digit is well represented");
            }
        }
        assertEquals(5, train.label(0), "MNIST's first training digit is a 5");
        assertEquals(7, test.label(0), "and its first test digit a 7");
        assertEquals(Mnist.CLASS_NAMES, train.classNames());
        // The first training image: borders are blank, the centre has ink.
        assertEquals(0, train.pixel(0, 0, 0, 0));
        int ink = 0;
        for (byte b : train.image(0)) {
            ink += (b & 0xFF) > 128 ? 1 : 0;
        }
        assertTrue(ink > 50 && ink < 400, "ink pixels: " + ink);
    }

    @Test
    void sharedFilesMatchTheirPublishedSums() throws IOException {
        Path dir = TestFiles.mnistDir();
        List<String> lines = Files.readAllLines(dir.resolve("SHA256SUMS"));
        assertEquals(4, lines.size());
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+");
            assertEquals(parts[0], TestFiles.digest(dir.resolve(parts[1]), "SHA-256"), parts[1]);
        }
    }

    @Test
    void bundledTestSplitIsTheSharedOne() throws IOException {
        ImageDataset bundled = Mnist.bundledTest();
        ImageDataset shared = Mnist.load(TestFiles.mnistDir(), Split.TEST);
        assertEquals(10000, bundled.size());
        assertArrayEquals(shared.labels(), bundled.labels());
        for (int i : new int[] {0, 1234, 9999}) {
            assertArrayEquals(shared.image(i), bundled.image(i));
        }
        String attribution = Mnist.bundledAttribution();
        assertTrue(attribution.contains("CC BY-SA 3.0") && attribution.contains("LeCun")
                && attribution.contains("Cortes") && attribution.contains("Burges"), attribution);
    }

    /** Writes a tiny MNIST-layout split: n images of h x w whose pixel (y, x) of image i is i + y + x. */
    private void writeSplit(Path dir, String prefix, String tag, int n, int labelsCount, int h, int w, boolean gz)
            throws IOException {
        byte[] pixels = new byte[n * h * w];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    pixels[(i * h + y) * w + x] = (byte) (i * 10 + y * w + x);
                }
            }
        }
        byte[] labels = new byte[labelsCount];
        for (int i = 0; i < labelsCount; i++) {
            labels[i] = (byte) (i % 10);
        }
        byte[] img = idx(0x08, new int[] {n, h, w}, pixels);
        byte[] lab = idx(0x08, new int[] {labelsCount}, labels);
        String ext = gz ? ".gz" : "";
        write(dir.resolve(prefix + tag + "-images-idx3-ubyte" + ext), gz ? gzip(img) : img);
        write(dir.resolve(prefix + tag + "-labels-idx1-ubyte" + ext), gz ? gzip(lab) : lab);
    }

    @Test
    void otherLayoutsByPrefixAndTransposition() throws IOException {
        writeSplit(tmp, "", "train", 3, 3, 2, 3, false);
        ImageDataset fashion = FashionMnist.load(tmp, Split.TRAIN);
        assertEquals("Ankle boot", fashion.classNames().get(9));
        assertEquals(1 * 10 + 1 * 3 + 2, fashion.pixel(1, 0, 1, 2));

        writeSplit(tmp, "emnist-digits-", "test", 2, 2, 2, 3, true);
        IdxLayout emnist = IdxLayout.emnist("digits", Mnist.CLASS_NAMES);
        ImageDataset e = emnist.load(tmp, Split.TEST);
        // Stored column-major: a stored 2x3 image is a 3x2 image after transposition.
        assertEquals(3, e.height());
        assertEquals(2, e.width());
        assertEquals(10 + 1 * 3 + 2, e.pixel(1, 0, 2, 1)); // stored (y=1, x=2) appears at (y=2, x=1)
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        writeSplit(tmp, "", "t10k", 5, 4, 2, 2, true);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Mnist.load(tmp, Split.TEST));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz") && e.getMessage().contains("t10k-images")
                && e.getMessage().contains("count mismatch") && e.getMessage().contains("4 labels")
                && e.getMessage().contains("5 images"), e.getMessage());
    }

    @Test
    void labelOutOfRangeAndWrongKindOfFile() throws IOException {
        writeSplit(tmp, "", "t10k", 3, 3, 2, 2, false);
        Path labels = tmp.resolve("t10k-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(labels);
        bytes[8 + 2] = 10;
        Files.write(labels, bytes);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Mnist.load(tmp, Split.TEST));
        assertTrue(e.getMessage().contains("label 10 of example 2") && e.getMessage().endsWith("(at byte offset 10)"),
                e.getMessage());
        // Swapping the files: an image file where the labels belong.
        Files.copy(tmp.resolve("t10k-images-idx3-ubyte"), labels, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DatasetFormatException w = assertThrows(DatasetFormatException.class, () -> Mnist.load(tmp, Split.TEST));
        assertTrue(w.getMessage().contains("expected a label file"), w.getMessage());
    }

    @Test
    void missingFileSaysWhatToPlaceWhere() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Mnist.load(tmp, Split.TRAIN));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz") && e.getMessage().contains(tmp.toString()),
                e.getMessage());
    }
}
