package io.jgan.datasets.idx;

import static io.jgan.datasets.TestFiles.digest;
import static io.jgan.datasets.TestFiles.gzip;
import static io.jgan.datasets.TestFiles.idx;
import static io.jgan.datasets.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgan.datasets.DatasetFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path tmp;

    /** Big-endian elements 0, -1, 2, -3, ... of the given type. */
    private static byte[] elements(IdxType type, int n) {
        ByteBuffer b = ByteBuffer.allocate(n * type.bytes());
        for (int i = 0; i < n; i++) {
            int v = i % 2 == 0 ? i : -i;
            switch (type) {
                case UBYTE -> b.put((byte) (i * 37));
                case BYTE -> b.put((byte) v);
                case SHORT -> b.putShort((short) (v * 1000));
                case INT -> b.putInt(v * 100_000);
                case FLOAT -> b.putFloat(v * 0.5f);
                case DOUBLE -> b.putDouble(v * 0.25);
            }
        }
        return b.array();
    }

    private static double expected(IdxType type, int i) {
        int v = i % 2 == 0 ? i : -i;
        return switch (type) {
            case UBYTE -> (i * 37) & 0xFF;
            case BYTE -> (byte) v;
            case SHORT -> (short) (v * 1000);
            case INT -> v * 100_000;
            case FLOAT -> v * 0.5f;
            case DOUBLE -> v * 0.25;
        };
    }

    @Test
    void readsEveryTypeAndRankPlainAndGzip() throws IOException {
        int[][] shapes = {{7}, {3, 4}, {2, 3, 5}, {2, 1, 3, 2}};
        for (IdxType type : IdxType.values()) {
            for (int[] dims : shapes) {
                int n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
                byte[] file = idx(type.code(), dims, elements(type, n));
                for (boolean gz : new boolean[] {false, true}) {
                    // The name says nothing about compression: detection is from the bytes.
                    Path p = write(tmp.resolve(type + "-" + dims.length + "-" + gz + ".idx"), gz ? gzip(file) : file);
                    IdxArray a = IdxReader.read(p);
                    assertEquals(type, a.type());
                    assertArrayEquals(dims, a.dims());
                    assertEquals(n, a.count());
                    for (int i = 0; i < n; i++) {
                        assertEquals(expected(type, i), a.getDouble(i), 0.0, type + " element " + i);
                    }
                }
            }
        }
    }

    @Test
    void integerAccessorsSignExtendAndRefuseFloats() throws IOException {
        IdxArray u = IdxReader.read(write(tmp.resolve("u"), idx(0x08, new int[] {1}, new byte[] {(byte) 200})));
        IdxArray s = IdxReader.read(write(tmp.resolve("s"), idx(0x09, new int[] {1}, new byte[] {(byte) 200})));
        assertEquals(200, u.getLong(0));
        assertEquals(-56, s.getLong(0));
        IdxArray f = IdxReader.read(write(tmp.resolve("f"), idx(0x0D, new int[] {2}, elements(IdxType.FLOAT, 2))));
        assertThrows(IllegalStateException.class, () -> f.getLong(0));
        assertArrayEquals(new float[] {0f, -0.5f}, f.toFloatArray());
    }

    /** Reads the file expecting a format error; checks the message and that the file is unchanged. */
    private DatasetFormatException bad(String name, byte[] bytes, String... fragments) throws IOException {
        Path p = write(tmp.resolve(name), bytes);
        String before = digest(p, "SHA-256");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(p));
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' missing from: " + e.getMessage());
        }
        assertEquals(before, digest(p, "SHA-256"), "input file modified");
        assertEquals(p.toString(), e.source());
        return e;
    }

    @Test
    void wrongMagic() throws IOException {
        byte[] f = idx(0x08, new int[] {2}, new byte[] {1, 2});
        f[0] = 0x12;
        DatasetFormatException e = bad("magic.idx", f, "wrong magic", "12 00 08 01", "at byte offset 0");
        assertEquals(0, e.offset());
    }

    @Test
    void unknownTypeCode() throws IOException {
        DatasetFormatException e = bad("type.idx", idx(0x0A, new int[] {2}, new byte[] {1, 2}),
                "unknown IDX type code 0x0A", "at byte offset 2");
        assertEquals(2, e.offset());
    }

    @Test
    void truncatedData() throws IOException {
        byte[] full = idx(0x08, new int[] {10, 4}, new byte[40]);
        byte[] cut = Arrays.copyOf(full, full.length - 15);
        DatasetFormatException e = bad("cut.idx", cut, "truncated data", "[10, 4] UBYTE");
        assertEquals(12 + 25, e.offset());
        // The same truncation inside a gzip file is reported in decompressed bytes.
        DatasetFormatException g = bad("cut.gz", gzip(cut), "truncated data", "decompressed");
        assertEquals(12 + 25, g.offset());
    }

    @Test
    void truncatedHeaderAndAbsurdDimensions() throws IOException {
        byte[] full = idx(0x08, new int[] {10, 4}, new byte[40]);
        bad("header.idx", Arrays.copyOf(full, 9), "truncated header", "rank 2 needs 12");
        // A header claiming 2 GB in a 20-byte file fails before allocating anything.
        bad("huge.idx", idx(0x0D, new int[] {1 << 14, 1 << 14}, new byte[8]), "truncated data",
                "[16384, 16384] FLOAT");
        bad("overflow.idx", idx(0x0E, new int[] {1 << 16, 1 << 16}, new byte[8]), "exceeds 2 GiB");
    }

    @Test
    void trailingBytes() throws IOException {
        byte[] f = idx(0x08, new int[] {2}, new byte[] {1, 2, 3});
        assertEquals(10, bad("trail.idx", f, "trailing bytes").offset());
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] raw = idx(0x08, new int[] {1000}, elements(IdxType.UBYTE, 1000));
        byte[] gz = gzip(raw);
        byte[] broken = gz.clone();
        for (int i = 12; i < 30; i++) {
            broken[i] ^= (byte) 0x5A; // inside the deflate stream
        }
        bad("broken.gz", broken, "gzip");
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 6] ^= 1; // the CRC-32 of the trailer
        bad("crc.gz", badCrc, "corrupt gzip");
        bad("short.gz", Arrays.copyOf(gz, gz.length / 2), "gzip");
        bad("header.gz", Arrays.copyOf(gz, 5), "gzip");
    }

    @Test
    void emptyFile() throws IOException {
        assertEquals(0, bad("empty.idx", new byte[0], "empty file").offset());
        bad("empty.gz", gzip(new byte[0]), "empty file");
    }

    @Test
    void rankZeroAndNegativeDimension() throws IOException {
        bad("rank0.idx", new byte[] {0, 0, 8, 0}, "rank 0");
        byte[] neg = idx(0x08, new int[] {-1}, new byte[0]);
        assertEquals(4, bad("neg.idx", neg, "negative").offset());
    }
}
