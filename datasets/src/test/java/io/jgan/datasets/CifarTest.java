package io.jgan.datasets;

import static io.jgan.datasets.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarTest {
    @TempDir
    Path tmp;

    /** The test pattern: a value that differs for every (record, channel, row, column) nearby. */
    static int pattern(int record, int c, int y, int x) {
        return (record * 7 + c * 50 + y * 3 + x * 5) & 0xFF;
    }

    /** Records in the exact CIFAR layout: label bytes, then 1024 R, 1024 G, 1024 B, rows of 32. */
    static byte[] records(int first, int count, int[]... labelsPerByte) {
        int labelBytes = labelsPerByte.length;
        int record = labelBytes + 3072;
        byte[] out = new byte[count * record];
        for (int r = 0; r < count; r++) {
            int base = r * record;
            for (int k = 0; k < labelBytes; k++) {
                out[base + k] = (byte) labelsPerByte[k][r];
            }
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        out[base + labelBytes + c * 1024 + y * 32 + x] = (byte) pattern(first + r, c, y, x);
                    }
                }
            }
        }
        return out;
    }

    private static int[] labels(int first, int count, int mod) {
        int[] l = new int[count];
        Arrays.setAll(l, i -> (first + i) % mod);
        return l;
    }

    @Test
    void cifar10ReadsEveryBatchInOrderWithPixelsInPlace() throws IOException {
        Path dir = tmp.resolve(Cifar10.ARCHIVE_DIR); // load from the parent, as the archive unpacks
        for (int b = 1; b <= 5; b++) {
            int first = (b - 1) * 3;
            write(dir.resolve("data_batch_" + b + ".bin"), records(first, 3, labels(first, 3, 10)));
        }
        write(dir.resolve("test_batch.bin"), records(100, 2, labels(100, 2, 10)));
        Files.writeString(dir.resolve("batches.meta.txt"), "a0\na1\na2\na3\na4\na5\na6\na7\na8\na9\n\n");
        ImageDataset train = Cifar10.load(tmp, Split.TRAIN);
        assertEquals(15, train.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        for (int i = 0; i < 15; i++) {
            assertEquals(i % 10, train.label(i));
            for (int[] p : new int[][] {{0, 0, 0}, {1, 5, 31}, {2, 31, 7}, {2, 17, 0}}) {
                assertEquals(pattern(i, p[0], p[1], p[2]), train.pixel(i, p[0], p[1], p[2]));
            }
        }
        assertEquals("a3", train.classNames().get(3));
        ImageDataset test = Cifar10.load(dir, Split.TEST);
        assertEquals(2, test.size());
        assertEquals(pattern(101, 1, 30, 2), test.pixel(1, 1, 30, 2));
        assertEquals(1, test.label(1));
    }

    @Test
    void cifar100KeepsBothLabelBytes() throws IOException {
        int[] coarse = {19, 0, 7};
        int[] fine = {3, 99, 42};
        write(tmp.resolve("train.bin"), records(0, 3, coarse, fine));
        Cifar100 data = Cifar100.load(tmp, Split.TRAIN);
        assertEquals(3, data.fine().size());
        for (int i = 0; i < 3; i++) {
            assertEquals(coarse[i], data.coarse().label(i));
            assertEquals(fine[i], data.fine().label(i));
            assertEquals(pattern(i, 2, 9, 9), data.fine().pixel(i, 2, 9, 9));
            assertEquals(pattern(i, 2, 9, 9), data.coarse().pixel(i, 2, 9, 9));
        }
        assertEquals(100, data.fine().classNames().size());
        assertEquals(20, data.coarse().classNames().size());
        assertEquals("worm", data.fine().classNames().get(99));
        assertEquals("vehicles_2", data.coarse().classNames().get(19));
    }

    @Test
    void sizeNotAMultipleOfTheRecord() throws IOException {
        byte[] two = records(0, 2, labels(0, 2, 10));
        Path f = write(tmp.resolve("test_batch.bin"), Arrays.copyOf(two, two.length - 100));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar10.load(tmp, Split.TEST));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("not a multiple of the 3073-byte")
                && e.getMessage().endsWith("(at byte offset 3073)"), e.getMessage());
        byte[] c100 = records(0, 1, new int[] {1}, new int[] {2});
        write(tmp.resolve("test.bin"), Arrays.copyOf(c100, 3073));
        DatasetFormatException e100 = assertThrows(DatasetFormatException.class, () -> Cifar100.load(tmp, Split.TEST));
        assertTrue(e100.getMessage().contains("3074-byte"), e100.getMessage());
    }

    @Test
    void emptyFileAndBadLabelsAndBadMeta() throws IOException {
        write(tmp.resolve("test_batch.bin"), new byte[0]);
        assertTrue(assertThrows(DatasetFormatException.class, () -> Cifar10.load(tmp, Split.TEST)).getMessage()
                .contains("empty file"));
        write(tmp.resolve("test_batch.bin"), records(0, 2, new int[] {3, 10}));
        DatasetFormatException label = assertThrows(DatasetFormatException.class, () -> Cifar10.load(tmp, Split.TEST));
        assertTrue(label.getMessage().contains("label 10 of record 1") && label.offset() == 3073, label.getMessage());
        write(tmp.resolve("test.bin"), records(0, 1, new int[] {20}, new int[] {0}));
        assertTrue(assertThrows(DatasetFormatException.class, () -> Cifar100.load(tmp, Split.TEST)).getMessage()
                .contains("label 20"));
        write(tmp.resolve("test_batch.bin"), records(0, 1, new int[] {3}));
        Files.writeString(tmp.resolve("batches.meta.txt"), "cat\ndog\n");
        assertTrue(assertThrows(DatasetFormatException.class, () -> Cifar10.load(tmp, Split.TEST)).getMessage()
                .contains("expected 10 class names"));
    }

    @Test
    void missingBatchIsNamed() throws IOException {
        write(tmp.resolve("data_batch_1.bin"), records(0, 1, new int[] {3}));
        var e = assertThrows(java.nio.file.NoSuchFileException.class, () -> Cifar10.load(tmp, Split.TRAIN));
        assertTrue(e.getMessage().contains("data_batch_2.bin"), e.getMessage());
    }
}
