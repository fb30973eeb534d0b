package io.jgan.cli;

import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.Json;
import io.jgan.tensor.io.Safetensors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Run directories written by the version before the typed run specification (flat
 * {@code config.json}, recorded in {@code src/test/resources/legacy-runs}, see its README) still load
 * and resume bit-identically: retraining their 20 steps from the old {@code config.json} gives the
 * recorded tensors, and resuming the old directory (old metadata: flat config, stream states, data
 * position) to step 40 gives the recorded step-40 checkpoint and generator.
 */
class LegacyRunDirectoryTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"toy-ns", "toy-wgan", "toy-wgangp-r1", "toy-fgan-kl", "mlp-mnist-ns", "cmlp-hinge-sgd", "cmlp-hinge-rmsprop", "dcgan-lsgan",
            "cdcgan-minimax"})
    void oldRunDirectoriesResumeBitIdentically(String name) throws Exception {
        Path oldConfig = tmp.resolve("old-config.json");
        Files.writeString(oldConfig, resource(name, "config.json"));
        Path fresh = tmp.resolve("fresh");
        Cli first = Cli.run("train", "--config", oldConfig.toString(), "--out", fresh.toString(), "--quiet");
        assertEquals(0, first.code(), first.toString());
        Path freshCkpt = fresh.resolve("checkpoints/last.safetensors");
        // SGD's arithmetic changed on purpose in this version (fused multiply-adds where PyTorch fuses them, for bit
        // parity with torch.optim.SGD), so an SGD run is checked against a straight 40-step run of this version.
        boolean sgd = resource(name, "config.json").contains("\"optimizer\":\"sgd\"");
        if (!sgd) {
            assertEquals(expected(name, "hash-20.txt"), hash(freshCkpt), name + ": 20 steps from the old config.json");
        }

        Path old = tmp.resolve("old");
        Files.createDirectories(old.resolve("checkpoints"));
        Files.writeString(old.resolve("config.json"), resource(name, "config.json"));
        Files.writeString(old.resolve("metrics.jsonl"), resource(name, "metrics.jsonl"));
        Map<String, String> metadata = new LinkedHashMap<>();
        ((Map<?, ?>) Json.parse(resource(name, "checkpoint-metadata.json"))).forEach((k, v) -> metadata.put((String) k, (String) v));
        Safetensors.write(old.resolve("checkpoints/last.safetensors"), Safetensors.read(freshCkpt).tensors(), metadata);

        Cli resumed = Cli.run("train", "--resume", old.toString(), "--steps", "40", "--quiet");
        assertEquals(0, resumed.code(), resumed.toString());
        if (sgd) {
            Path straight = tmp.resolve("straight");
            assertEquals(0, Cli.run("train", "--config", oldConfig.toString(), "--steps", "40", "--out", straight.toString(), "--quiet")
                    .code());
            assertEquals(hash(straight.resolve("checkpoints/last.safetensors")), hash(old.resolve("checkpoints/last.safetensors")),
                    name + ": resumed to 40 = 40 steps straight");
            return;
        }
        assertEquals(expected(name, "hash-40.txt"), hash(old.resolve("checkpoints/last.safetensors")), name + ": resumed to 40");
        assertEquals(expected(name, "hash-40-generator.txt"), hash(old.resolve("checkpoints/generator.safetensors")),
                name + ": generator.safetensors at 40");
    }

    private static String resource(String run, String file) throws IOException {
        try (InputStream in = LegacyRunDirectoryTest.class.getResourceAsStream("/legacy-runs/" + run + "/" + file)) {
            if (in == null) {
                throw new IOException("missing test resource legacy-runs/" + run + "/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The recorded digest and tensor count (the step is checked through the file's metadata by the resume itself). */
    private static String expected(String run, String file) throws IOException {
        String[] parts = resource(run, file).trim().split(" ");
        return parts[0] + " " + parts[1];
    }

    /** SHA-256 over the tensors in name order: the name's bytes, then each float's raw bits little-endian, and the count. */
    static String hash(Path file) throws IOException, NoSuchAlgorithmException {
        Map<String, Tensor> tensors = new TreeMap<>(Safetensors.read(file).tensors());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            for (float f : e.getValue().toArray()) {
                int b = Float.floatToRawIntBits(f);
                md.update(new byte[] {(byte) b, (byte) (b >> 8), (byte) (b >> 16), (byte) (b >> 24)});
            }
        }
        return HexFormat.of().formatHex(md.digest()) + " " + tensors.size();
    }
}
