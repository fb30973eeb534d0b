package io.jgan.tensor.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 23 case 1: headers built to exhaust memory fail at once, in bounded memory, and are read once. */
class HostileHeaderTest {
    @TempDir
    Path dir;

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Writes a header of {@code size} bytes: {@code prefix}, then {@code unit} repeated, then {@code suffix}. */
    private Path headerFile(String name, String prefix, String unit, String suffix, long size) throws Exception {
        Path f = dir.resolve(name);
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] u = unit.getBytes(StandardCharsets.US_ASCII);
        byte[] s = suffix.getBytes(StandardCharsets.US_ASCII);
        long reps = (size - p.length - s.length) / u.length;
        long len = p.length + reps * u.length + s.length;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(len).array());
            out.write(p);
            for (long i = 0; i < reps; i++) {
                out.write(u);
            }
            out.write(s);
        }
        return f;
    }

    private void refusedCheaply(Path f, String fragment) throws Exception {
        byte[] before = Files.size(f) < (1 << 20) ? Files.readAllBytes(f) : null;
        long t0 = System.nanoTime();
        long a0 = allocated();
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(f));
        long bytes = allocated() - a0;
        double secs = (System.nanoTime() - t0) / 1e9;
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(fragment), e.getMessage());
        assertTrue(bytes < 32L << 20, "reading allocated " + bytes + " bytes");
        assertTrue(secs < 30, "took " + secs + " s");
        if (before != null) {
            assertArrayEquals(before, Files.readAllBytes(f));
        }
    }

    @Test
    void aHundredMebibytesOfNumbersFailsAtTheFirstToken() throws Exception {
        long size = 100L << 20;
        refusedCheaply(headerFile("numbers.safetensors", "[", "12345678,", "0]", size), "not a JSON object");
        // a shape list of numbers is capped at the largest rank
        refusedCheaply(headerFile("shape.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[", "1,", "1]}}", size), "more than 32");
        // a metadata value that is a number
        refusedCheaply(headerFile("meta.safetensors", "{\"__metadata__\":{\"k\":", "1", "}}", size), "not a string");
        // a number with a million digits
        refusedCheaply(headerFile("digits.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[", "9", "]}}", 4 << 20), "beyond 64 bits");
        refusedCheaply(headerFile("zeros.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1", "0", "]}}", 4 << 20), "more than 19 digits");
    }

    @Test
    void retainedStringsAndTensorCountsAreCapped() throws Exception {
        // one 20 MiB metadata string: over the retained-string budget
        refusedCheaply(headerFile("string.safetensors", "{\"__metadata__\":{\"k\":\"", "abcdefgh", "\"}}", 20L << 20), "MiB");
        // 70000 empty tensors: over the tensor cap (each description is tiny)
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < 70_000; i++) {
            b.append(i > 0 ? "," : "").append("\"t").append(i).append("\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}");
        }
        Path f = headerFile("many.safetensors", b.append('}').toString(), " ", "", b.length() + 8);
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains("more than 65536 tensors"), e.getMessage());
    }

    @Test
    void strictStructure() {
        byte[][] bad = {
            header("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"extra\":1}}"),
            header("{\"a\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}"),
            header("{\"a\":{\"dtype\":\"F32\",\"shape\":[02],\"data_offsets\":[0,8]}}"),
            header("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"a\":{}}"),
            header("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,9]}}"),
            header("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}} x"),
            header("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}"),
            header("{\"__metadata__\":{\"k\":\"v\"},\"__metadata__\":{}}"),
            header("{\"a\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999],\"data_offsets\":[0,8]}}"),
        };
        for (byte[] b : bad) {
            assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(b, "bad"), new String(b, StandardCharsets.UTF_8));
        }
    }

    @Test
    void escapesAndUnicodeSurviveTheStreamingParser() throws Exception {
        String meta = "{\"__metadata__\":{\"k\\\"ey\":\"caf\u00e9 \\u00e9\\n\\/\"},\"w\\u00e9\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        byte[] h = meta.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).putFloat(1.5f);
        Safetensors.Contents c = Safetensors.read(b.array(), "ok");
        assertEquals("caf\u00e9 \u00e9\n/", c.metadata().get("k\"ey"));
        assertEquals(1.5f, c.tensors().get("w\u00e9").data()[0]);
    }

    private static byte[] header(String json) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }
}
