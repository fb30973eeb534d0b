package io.jgan.tensor.io;

import io.jgan.tensor.Rng;
import io.jgan.tensor.SharedFiles;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round trips, the PyTorch fixtures, and hostile files. */
class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripIsExactAndAtomicWriteLeavesNoTemp() throws Exception {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("a.weight", Tensor.randn(new Rng(1), 3, 5));
        m.put("b", Tensor.scalar(2.5f));
        m.put("empty", Tensor.zeros(0, 4));
        Path f = dir.resolve("x.safetensors");
        Safetensors.write(f, m, Map.of("step", "12"));
        Safetensors.write(f, m, Map.of("step", "12")); // overwrite in place
        Safetensors.Contents c = Safetensors.read(f);
        assertEquals(List.of("a.weight", "b", "empty"), List.copyOf(c.tensors().keySet()));
        assertArrayEquals(m.get("a.weight").toArray(), c.tensors().get("a.weight").toArray());
        assertArrayEquals(new int[] {}, c.tensors().get("b").dims());
        assertEquals("12", c.metadata().get("step"));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
        long headerLen = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLen % 8);
    }

    @Test
    void readsEveryTorchFixture() throws Exception {
        Path fx = SharedFiles.torchFixtures();
        int n = 0;
        try (var s = Files.list(fx)) {
            for (Path p : s.filter(q -> q.toString().endsWith(".safetensors")).toList()) {
                Safetensors.Contents c = Safetensors.read(p);
                assertTrue(c.metadata().containsKey("op"), p.toString());
                n++;
            }
        }
        assertTrue(n >= 60, "found " + n + " fixtures");
    }

    private byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    private void rejects(byte[] bytes, String fragment) {
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(bytes, "bad.safetensors"));
        assertTrue(e.getMessage().contains("bad.safetensors") && e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void hostileHeadersAreRejectedBeforeAllocating() {
        rejects(new byte[3], "shorter");
        byte[] huge = new byte[16];
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
        rejects(huge, "header length");
        byte[] past = new byte[16];
        ByteBuffer.wrap(past).order(ByteOrder.LITTLE_ENDIAN).putLong(100);
        rejects(past, "past the end");
        rejects(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", 8), "JSON");
        rejects(file("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), "F32 only");
        rejects(file("{\"a\":{\"dtype\":\"Q9\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "unknown dtype");
        rejects(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "needs 12 bytes");
        rejects(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "overlaps");
        rejects(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 16), "hole");
        rejects(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,9223372036854775807]}}", 8), "outside");
        rejects(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,8]}}", 8), "too large");
        rejects(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8), "non-negative");
        rejects(file("{\"__metadata__\":{\"k\":3}}", 0), "not a string");
        rejects(file("[1,2]", 0), "not a JSON object");
    }
}
