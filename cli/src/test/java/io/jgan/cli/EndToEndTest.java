package io.jgan.cli;

import io.jgan.tensor.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tiny {@code train} runs on the bundled MNIST and on 2-D data, then {@code sample} and {@code interpolate} from them. */
class EndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void trainsMnistThenSamplesPngAndNpy() throws IOException {
        Path run = tmp.resolve("mnist-run");
        Cli t = Cli.run("train", "--model", "mlp", "--steps", "3", "--batch-size", "8", "--out", run.toString(),
                "--sample-every", "2", "--log-every", "1", "--ema", "0.9");
        assertEquals(0, t.code(), t.toString());
        assertEquals("run directory: " + run, t.outLines().getLast(), "the last line names the run directory");
        assertTrue(t.out().contains("seed 42"), "the default seed is printed");
        for (String f : List.of("config.json", "metrics.jsonl", "loss.png", "samples/step-000002.png", "samples/step-000003.png",
                "checkpoints/last.safetensors", "checkpoints/generator.safetensors")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f + " written");
        }
        Map<?, ?> cfg = (Map<?, ?>) Json.parse(Files.readString(run.resolve("config.json")));
        assertEquals("mlp", ((Map<?, ?>) cfg.get("model")).get("kind"));
        assertEquals(3L, ((Number) ((Map<?, ?>) cfg.get("schedule")).get("steps")).longValue());
        assertEquals(List.of(1L, 28L, 28L), ((Map<?, ?>) cfg.get("data")).get("shape"));
        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(3, metrics.size(), "one line per step with --log-every 1");
        BufferedImage grid = ImageIO.read(run.resolve("samples/step-000003.png").toFile());
        assertEquals(8 * 30 + 2, grid.getWidth(), "8 columns of 28 px with 2 px padding");

        Path png = tmp.resolve("s.png");
        Cli s = Cli.run("sample", "--checkpoint", run.toString(), "--n", "10", "--seed", "1", "--out", png.toString());
        assertEquals(0, s.code(), s.toString());
        assertTrue(s.out().contains("EMA weights"), s.out());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(4 * 30 + 2, img.getWidth(), "ceil(sqrt(10)) = 4 columns");
        assertEquals(3 * 30 + 2, img.getHeight(), "3 rows");

        Path npy = tmp.resolve("s.npy");
        assertEquals(0, Cli.run("sample", "--checkpoint", run.resolve("checkpoints/last.safetensors").toString(), "--n", "5",
                "--out", npy.toString()).code());
        float[] values = readNpy(npy, "(5, 1, 28, 28)");
        assertEquals(5 * 28 * 28, values.length);
        for (float v : values) {
            assertTrue(v >= -1 && v <= 1, "tanh output in [-1, 1]: " + v);
        }
        // The generator.safetensors beside the checkpoint gives the same samples as the training checkpoint.
        Path npy2 = tmp.resolve("s2.npy");
        assertEquals(0, Cli.run("sample", "--checkpoint", run.resolve("checkpoints/generator.safetensors").toString(), "--n", "5",
                "--out", npy2.toString()).code());
        assertArrayEquals(Files.readAllBytes(npy), Files.readAllBytes(npy2));

        Path walk = tmp.resolve("walk.png");
        Cli i = Cli.run("interpolate", "--checkpoint", run.toString(), "--out", walk.toString(), "--steps", "5", "--rows", "3", "--slerp");
        assertEquals(0, i.code(), i.toString());
        BufferedImage w = ImageIO.read(walk.toFile());
        assertEquals(5 * 30 + 2, w.getWidth());
        assertEquals(3 * 30 + 2, w.getHeight());
    }

    @Test
    void trainsToyDataWithModeCoverageThenSamplesCsv() throws IOException {
        Path run = tmp.resolve("toy-run");
        Cli t = Cli.run("train", "--model", "toy", "--dataset", "ring8", "--steps", "4", "--batch-size", "32",
                "--out", run.toString(), "--sample-every", "2", "--quiet");
        assertEquals(0, t.code(), t.toString());
        assertEquals(List.of("run directory: " + run), t.outLines(), "--quiet prints only the run directory");
        List<String> coverage = Files.readAllLines(run.resolve("metrics.jsonl")).stream().filter(l -> l.contains("mode_coverage")).toList();
        assertEquals(2, coverage.size(), "coverage at steps 2 and 4, once each: " + coverage);
        Map<?, ?> c = (Map<?, ?>) Json.parse(coverage.getLast());
        assertEquals(8L, ((Number) c.get("modes")).longValue());
        assertTrue(ImageIO.read(run.resolve("samples/step-000004.png").toFile()).getWidth() > 100, "a scatter plot");

        Path csv = tmp.resolve("p.csv");
        assertEquals(0, Cli.run("sample", "--checkpoint", run.toString(), "--n", "7", "--out", csv.toString()).code());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("x,y", rows.getFirst());
        assertEquals(8, rows.size());
        for (String r : rows.subList(1, rows.size())) {
            String[] xy = r.split(",");
            assertEquals(2, xy.length);
            assertTrue(Float.isFinite(Float.parseFloat(xy[0])) && Float.isFinite(Float.parseFloat(xy[1])), r);
        }
        Path npy = tmp.resolve("p.npy");
        assertEquals(0, Cli.run("sample", "--checkpoint", run.toString(), "--n", "7", "--out", npy.toString()).code());
        assertEquals(14, readNpy(npy, "(7, 2)").length);
        Path png = tmp.resolve("p.png");
        assertEquals(0, Cli.run("sample", "--checkpoint", run.toString(), "--n", "50", "--out", png.toString()).code());
        assertTrue(ImageIO.read(png.toFile()).getWidth() > 0);
    }

    /** Reads a float32 .npy, checking its magic, header alignment and shape. */
    static float[] readNpy(Path file, String shape) throws IOException {
        byte[] b = Files.readAllBytes(file);
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLen) % 64, "data aligned to 64 bytes");
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'descr': '<f4'") && header.contains("'shape': " + shape), header);
        int n = (b.length - 10 - headerLen) / 4;
        assertEquals(b.length, 10 + headerLen + 4 * n);
        float[] v = new float[n];
        ByteBuffer.wrap(b, 10 + headerLen, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
