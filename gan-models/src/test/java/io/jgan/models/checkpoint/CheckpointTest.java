package io.jgan.models.checkpoint;

import io.jgan.nn.BatchNorm;
import io.jgan.nn.BatchNorm2d;
import io.jgan.nn.Conv2d;
import io.jgan.nn.ConvTranspose2d;
import io.jgan.nn.Flatten;
import io.jgan.nn.LeakyReLU;
import io.jgan.nn.Linear;
import io.jgan.nn.ReLU;
import io.jgan.nn.Reshape;
import io.jgan.nn.Sequential;
import io.jgan.nn.Tanh;
import io.jgan.autograd.Variable;
import io.jgan.optim.Adam;
import io.jgan.optim.RmsProp;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.Json;
import io.jgan.tensor.io.SafetensorsFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {
    /** z [N, 8] to [N, 1, 8, 8]. */
    static Sequential generator(Rng rng) {
        return new Sequential(
                new Linear(Linear.Config.of(8, 16 * 4 * 4), rng), new Reshape(16, 4, 4),
                new BatchNorm2d(BatchNorm.Config.of(16)), new ReLU(),
                new ConvTranspose2d(new ConvTranspose2d.Config(16, 1, 4, 2, 1, 0, false), rng), new Tanh());
    }

    /** [N, 1, 8, 8] to [N, 1]. */
    static Sequential critic(Rng rng) {
        return new Sequential(new Conv2d(new Conv2d.Config(1, 4, 4, 2, 1, true), rng), new LeakyReLU(0.2f), new Flatten(),
                new Linear(Linear.Config.of(4 * 4 * 4, 1), rng));
    }

    /** A trained-a-little setup: two steps of each optimiser, so every state tensor is non-trivial. */
    record Setup(Sequential g, Sequential d, Adam optG, RmsProp optD, Rng noise) {
        static Setup create(long seed) {
            Rng rng = new Rng(seed);
            Sequential g = generator(rng.split("init"));
            Sequential d = critic(rng.split("init-d"));
            Adam optG = new Adam(g.parameters(), new Adam.Config(2e-4f, 0.5, 0.999, 1e-8, 0));
            RmsProp optD = new RmsProp(d.parameters(), RmsProp.Config.of(5e-5f));
            return new Setup(g, d, optG, optD, rng.split("noise"));
        }

        void train(int steps) {
            for (int i = 0; i < steps; i++) {
                Variable fake = g.forward(Tensor.randn(noise, 4, 8));
                Variable loss = d.forward(fake).mean();
                loss.backward();
                optG.step();
                optD.step();
                g.zeroGrad();
                d.zeroGrad();
            }
        }

        Checkpoint.Writer writer() {
            return Checkpoint.writer().module("G", g).module("D", d).optimizer("G", optG).optimizer("D", optD)
                    .rng("noise", noise).metadata("step", "2");
        }

        void loadFrom(Checkpoint c) throws CheckpointException {
            c.loadModule("G", g, true);
            c.loadModule("D", d, true);
            c.loadOptimizer("G", optG);
            c.loadOptimizer("D", optD);
        }
    }

    @Test
    void roundTripGivesIdenticalStateAndResumesExactly(@TempDir Path dir) throws IOException {
        Setup a = Setup.create(1);
        a.train(2);
        Path file = dir.resolve("ckpt.safetensors");
        a.writer().write(file);
        Setup b = Setup.create(2);
        Checkpoint c = Checkpoint.read(file);
        b.loadFrom(c);
        Rng noise = c.rng("noise");
        assertEquals("2", c.metadata("step"));
        assertEquals(List.of("G", "D"), c.moduleNames());
        for (var e : a.g().stateDict().entrySet()) {
            assertArrayEquals(e.getValue().toArray(), b.g().stateDict().get(e.getKey()).toArray(), e.getKey());
        }
        for (var e : a.optG().stateDict().entrySet()) {
            assertArrayEquals(e.getValue().toArray(), b.optG().stateDict().get(e.getKey()).toArray(), e.getKey());
        }
        assertArrayEquals(a.noise().state(), noise.state());
        Setup resumed = new Setup(b.g(), b.d(), b.optG(), b.optD(), noise);
        a.train(2);
        resumed.train(2);
        for (var e : a.g().stateDict().entrySet()) {
            assertArrayEquals(e.getValue().toArray(), resumed.g().stateDict().get(e.getKey()).toArray(), "after resuming: " + e.getKey());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "the atomic write leaves no temporary file behind");
        }
    }

    @Test
    void strictLoadOfAMismatchedModelNamesTheKeys(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("g.safetensors");
        Checkpoint.writer().module(generator(new Rng(3))).write(file);
        Sequential other = new Sequential(new Linear(Linear.Config.of(8, 16 * 4 * 4), new Rng(4)), new Reshape(16, 4, 4),
                new BatchNorm2d(BatchNorm.Config.of(16)), new Tanh(), new ReLU(),
                new ConvTranspose2d(new ConvTranspose2d.Config(16, 2, 4, 2, 1, 0, false), new Rng(4)));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(file).loadModule(other, true));
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()), m);
        assertTrue(m.contains("missing keys [5.weight]") && m.contains("unexpected keys [4.weight]"), m);
        Checkpoint.Writer w = Checkpoint.writer().module("G", generator(new Rng(3)));
        assertThrows(CheckpointException.class, () -> Checkpoint.read(w.toBytes(), "mem").loadModule("D", critic(new Rng(5)), true));
    }

    @Test
    void truncatedAndCorruptedFilesFailWithTheFileAndTheProblem(@TempDir Path dir) throws IOException {
        Setup s = Setup.create(6);
        byte[] good = s.writer().toBytes();
        long headerLen = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        int[] cuts = {0, 5, 8, 20, (int) headerLen, (int) headerLen + 8, good.length - 1};
        for (int cut : cuts) {
            Path f = dir.resolve("cut" + cut + ".safetensors");
            Files.write(f, java.util.Arrays.copyOf(good, cut));
            SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Checkpoint.read(f));
            assertTrue(e.getMessage().startsWith(f.toString() + ": not a valid safetensors file: "), e.getMessage());
        }
        byte[] bad = good.clone();
        bad[8] = '[';
        Path f = dir.resolve("json.safetensors");
        Files.write(f, bad);
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Checkpoint.read(f));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    /** Builds a file from a header JSON and a data section. */
    static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    @Test
    void hostileHeadersAreRejectedBeforeAnyLargeAllocation() {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, byte[]> hostile = new java.util.LinkedHashMap<>();
        byte[] beyond = file("{}", 0);
        ByteBuffer.wrap(beyond).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        hostile.put("header length beyond the file", beyond);
        byte[] huge = file("{}", 0);
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, (100L << 20) + 1);
        hostile.put("header length above 100 MiB", huge);
        byte[] negative = file("{}", 0);
        ByteBuffer.wrap(negative).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -8);
        hostile.put("negative header length", negative);
        hostile.put("offsets that overflow", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[18446744073709551612,0]}}", 4));
        hostile.put("offsets past the end", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1048576],\"data_offsets\":[0,4194304]}}", 4));
        hostile.put("overlapping tensors", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12));
        hostile.put("shape product not matching the byte range",
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[100000,100000,100000],\"data_offsets\":[0,16]}}", 16));
        hostile.put("shape product overflowing", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],"
                + "\"data_offsets\":[0,0]}}", 0));
        hostile.put("unknown dtype", file("{\"w\":{\"dtype\":\"Q7\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4));
        hostile.put("non-F32 dtype", file("{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4));
        hostile.put("deep nesting", file("[".repeat(10000), 0));
        hostile.put("duplicate names", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8));
        for (var e : hostile.entrySet()) {
            long before = mx.getCurrentThreadAllocatedBytes();
            SafetensorsFormatException ex = assertThrows(SafetensorsFormatException.class,
                    () -> Checkpoint.read(e.getValue(), e.getKey()), e.getKey());
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertTrue(ex.getMessage().startsWith(e.getKey() + ": not a valid safetensors file"), ex.getMessage());
            assertTrue(allocated < (1 << 20), e.getKey() + ": allocated " + allocated + " bytes before rejecting");
        }
    }

    @Test
    void badJganMetadataIsACheckpointError() throws IOException {
        byte[] ok = Checkpoint.writer().module("G", generator(new Rng(7))).rng("noise", new Rng(8)).toBytes();
        Checkpoint c = Checkpoint.read(ok, "ok");
        assertEquals(new Rng(8).state()[0], c.rng("noise").seed());
        assertThrows(CheckpointException.class, () -> c.rng("absent"));
        assertThrows(CheckpointException.class, () -> c.loadOptimizer("G", new Adam(generator(new Rng(9)).parameters(),
                Adam.Config.of(1e-3f))));
        Tensor t = Tensor.zeros(1);
        byte[] badList = io.jgan.tensor.io.Safetensors.toBytes(Map.of("x", t), Map.of("jgan.modules", "{\"no\":1}"));
        assertThrows(CheckpointException.class, () -> Checkpoint.read(badList, "bad"));
        byte[] badRng = io.jgan.tensor.io.Safetensors.toBytes(Map.of("x", t), Map.of("rng.noise", "12:x"));
        assertThrows(CheckpointException.class, () -> Checkpoint.read(badRng, "bad").rng("noise"));
    }

    /**
     * Reads a jgan checkpoint exactly as the safetensors format specifies, independently of the
     * project's reader: u64 little-endian header size N, N bytes of UTF-8 JSON, then a byte buffer
     * holding each tensor's little-endian F32 values at data_offsets relative to its start.
     */
    @Test
    void fileFollowsTheSafetensorsSpecificationSoPyTorchCanReadIt() throws IOException {
        Sequential g = generator(new Rng(10));
        byte[] bytes = Checkpoint.writer().module(g).toBytes();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(0);
        assertEquals(0, (8 + n) % 8, "the data section starts 8-byte aligned, as the reference writer does");
        @SuppressWarnings("unchecked")
        Map<String, Object> header = (Map<String, Object>) Json.parse(new String(bytes, 8, (int) n, StandardCharsets.UTF_8).strip());
        Map<String, Tensor> sd = g.stateDict();
        List<String> names = header.keySet().stream().filter(k -> !k.equals("__metadata__")).toList();
        assertEquals(List.copyOf(sd.keySet()), names, "tensor names are the PyTorch state-dict names");
        for (String name : names) {
            @SuppressWarnings("unchecked")
            Map<String, Object> info = (Map<String, Object>) header.get(name);
            assertEquals("F32", info.get("dtype"));
            List<?> shape = (List<?>) info.get("shape");
            List<?> offs = (List<?>) info.get("data_offsets");
            Tensor expected = sd.get(name);
            assertEquals(expected.rank(), shape.size());
            for (int i = 0; i < shape.size(); i++) {
                assertEquals((long) expected.dim(i), shape.get(i));
            }
            long begin = (Long) offs.get(0);
            long end = (Long) offs.get(1);
            assertEquals(4L * expected.size(), end - begin);
            float[] values = new float[expected.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = b.getFloat((int) (8 + n + begin + 4L * i));
            }
            assertArrayEquals(expected.toArray(), values, name);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> md = (Map<String, Object>) header.get("__metadata__");
        md.values().forEach(v -> assertTrue(v instanceof String, "metadata values are strings, as safetensors requires"));
    }

    @Test
    void writerRefusesAmbiguousNames() {
        Sequential g = generator(new Rng(11));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.writer().module("optim", g));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.writer().module("G", g).module("G", g));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.writer().module(g).module("0", g).toBytes());
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.writer().metadata("jgan.modules", "[]"));
    }
}
