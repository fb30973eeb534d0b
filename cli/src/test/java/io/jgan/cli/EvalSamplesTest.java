package io.jgan.cli;

import io.jgan.cli.output.Npy;
import io.jgan.datasets.ImageDataset;
import io.jgan.datasets.Mnist;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jgan eval --samples FILE.npy}: samples from any source scored by the project's evaluator.
 * The samples here are real MNIST test images, so the scores are known: the class counts are the
 * images' labels (up to the classifier's few errors), the FID against the whole test split is
 * small, and the same images in any accepted layout or float width score identically.
 */
class EvalSamplesTest {
    private static final int N = 1000;
    @TempDir
    static Path tmp;
    private static ImageDataset mnist;
    private static float[] pixels;

    @BeforeAll
    static void images() throws IOException {
        mnist = Mnist.bundledTest();
        pixels = new float[N * 784];
        byte[] img = new byte[784];
        for (int i = 0; i < N; i++) {
            mnist.copyImage(i, img, 0);
            for (int p = 0; p < 784; p++) {
                pixels[i * 784 + p] = (img[p] & 0xff) / 127.5f - 1;
            }
        }
    }

    private static Path npy(String name, float[] values, int... dims) throws IOException {
        Path f = tmp.resolve(name);
        Npy.write(Tensor.wrap(values, dims), f);
        return f;
    }

    private static Map<?, ?> eval(Path file, String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "eval";
        args[1] = "--samples";
        args[2] = file.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        Cli r = Cli.run(args);
        assertEquals(0, r.code(), r.toString());
        assertEquals(1, r.outLines().size(), r.toString());
        return (Map<?, ?>) Json.parse(r.outLines().getFirst());
    }

    @Test
    void realImagesScoreAsRealInEveryLayout() throws IOException {
        Map<?, ?> m = eval(npy("real4.npy", pixels, N, 1, 28, 28));
        assertEquals((long) N, ((Number) m.get("n")).longValue());
        assertEquals((long) N, ((Number) m.get("samples")).longValue());
        long[] want = new long[10];
        for (int i = 0; i < N; i++) {
            want[mnist.label(i)]++;
        }
        List<?> counts = (List<?>) m.get("class_counts");
        long off = 0;
        for (int k = 0; k < 10; k++) {
            off += Math.abs(((Number) counts.get(k)).longValue() - want[k]);
        }
        assertTrue(off <= N / 50, "the classifier reads real digits as their labels: " + counts + " vs " + Arrays.toString(want));
        double fid = ((Number) m.get("fid")).doubleValue();
        // FID is biased upwards at small N: 1000 real test images against the 10000 score 14.0 (noise scores about 1950)
        assertTrue(fid < 20, "1000 test images against the 10000: FID " + fid);
        assertTrue(((Number) m.get("precision")).doubleValue() > 0.9, m.toString());

        Map<?, ?> flat = eval(npy("real3.npy", pixels, N, 28, 28));
        Map<?, ?> f64 = eval(float64("real64.npy", pixels, N, 28, 28));
        for (String key : List.of("fid", "kid_mean", "is_mean", "precision", "recall", "class_counts")) {
            assertEquals(m.get(key), flat.get(key), key + ": N x 28 x 28 and N x 1 x 28 x 28 are the same images");
            assertEquals(m.get(key), f64.get(key), key + ": float64 values that are floats score as the floats");
        }
        Map<?, ?> first = eval(npy("again.npy", pixels, N, 1, 28, 28), "--n", "100");
        assertEquals(100L, ((Number) first.get("samples")).longValue());
        assertArrayEquals(new long[] {N}, new long[] {((List<?>) m.get("class_counts")).stream().mapToLong(c -> ((Number) c).longValue()).sum()});
    }

    private static Path float64(String name, float[] v, int... dims) throws IOException {
        byte[] h = Npy.header(dims);
        String header = new String(h, java.nio.charset.StandardCharsets.ISO_8859_1).replace("'<f4'", "'<f8'");
        ByteBuffer b = ByteBuffer.allocate(h.length + 8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        for (float x : v) {
            b.putDouble(x);
        }
        Path f = tmp.resolve(name);
        Files.write(f, b.array());
        return f;
    }

    @Test
    void badFilesGetOneLineAndExitTwo() throws IOException {
        float[] bytes = new float[20 * 784];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (i % 256);
        }
        Cli r = Cli.run("eval", "--samples", npy("bytes.npy", bytes, 20, 28, 28).toString());
        assertOneLine(r);
        assertTrue(r.err().contains("[0.0, 255.0]") && r.err().contains("[-1, 1]"), r.err());
        float[] nan = Arrays.copyOf(pixels, 20 * 784);
        nan[5 * 784 + 3] = Float.NaN;
        r = Cli.run("eval", "--samples", npy("nan.npy", nan, 20, 784).toString());
        assertOneLine(r);
        assertTrue(r.err().contains("non-finite") && r.err().contains("sample 5"), r.err());
        r = Cli.run("eval", "--samples", npy("small.npy", new float[20 * 32 * 32], 20, 32, 32).toString());
        assertOneLine(r);
        assertTrue(r.err().contains("[32, 32]"), r.err());
        Path cut = tmp.resolve("cut.npy");
        byte[] whole = Files.readAllBytes(npy("whole.npy", Arrays.copyOf(pixels, 20 * 784), 20, 784));
        Files.write(cut, Arrays.copyOf(whole, whole.length - 100));
        r = Cli.run("eval", "--samples", cut.toString());
        assertOneLine(r);
        assertTrue(r.err().contains("truncated"), r.err());
        Path text = Files.writeString(tmp.resolve("x.npy"), "not numpy");
        assertOneLine(Cli.run("eval", "--samples", text.toString()));
        assertOneLine(Cli.run("eval", "--samples", tmp.resolve("missing.npy").toString()));
        assertOneLine(Cli.run("eval", "--samples", cut.toString(), "--checkpoint", tmp.toString()));
        assertOneLine(Cli.run("eval"));
        r = Cli.run("eval", "--samples", npy("few.npy", Arrays.copyOf(pixels, 20 * 784), 20, 784).toString(), "--n", "30");
        assertOneLine(r);
        assertTrue(r.err().contains("holds 20 samples"), r.err());
    }

    private static void assertOneLine(Cli r) {
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.errLines().size(), "one line on stderr: " + r);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    }
}
