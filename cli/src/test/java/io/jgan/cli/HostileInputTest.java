package io.jgan.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 23 cases 1, 7 and 11, the image pixel cap, streamed sample outputs (.npy, PNG folder) and
 * the classification of errors: the user's mistakes exit 2 in one line, the library's own failures
 * exit 1 naming a log.
 */
class HostileInputTest {
    @TempDir
    static Path tmp;
    static Path mlp;

    @BeforeAll
    static void train() {
        mlp = tmp.resolve("mlp");
        Cli r = Cli.run("train", "--model", "mlp", "--batch-size", "8", "--steps", "1", "--quiet", "--out", mlp.toString());
        assertEquals(0, r.code(), r.toString());
    }

    @Test
    void case1AHugeHeaderOfNumbersIsOneLine() throws Exception {
        Path f = tmp.resolve("numbers.safetensors");
        long len = 20L << 20;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(len).array());
            out.write('{');
            byte[] unit = "\"a\":1,".getBytes(StandardCharsets.US_ASCII);
            long i = 1;
            for (; i + unit.length <= len; i += unit.length) {
                out.write(unit);
            }
            for (; i < len; i++) {
                out.write(' ');
            }
        }
        long size = Files.size(f);
        Cli r = Cli.run("sample", "--checkpoint", f.toString(), "--out", tmp.resolve("n.npy").toString());
        ErrorsTest.assertUsageError(r);
        assertTrue(r.err().contains("entry \"a\" is not an object") && r.err().contains(f.toString()), r.err());
        assertEquals(size, Files.size(f));
    }

    private static Path imageFolder(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("a.png").toFile());
        return dir;
    }

    @Test
    void case7AnImageSizeBeyondAnyArrayIsOneLine() throws Exception {
        Path dir = imageFolder("folder7");
        for (String size : new String[] {"100000", "2147483647", "46341"}) {
            Cli r = Cli.run("train", "--dataset", "folder", "--data-dir", dir.toString(), "--image-size", size, "--steps", "1",
                    "--quiet", "--out", tmp.resolve("r7-" + size).toString());
            ErrorsTest.assertUsageError(r);
            assertTrue(r.err().contains("pixels") || r.err().contains("exceed"), r.err());
        }
    }

    /** A PNG whose header declares 14000 x 14000 pixels, with a tiny (invalid) body: never decoded. */
    private static byte[] hugePng() {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(14000).putInt(14000).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(b, "IHDR", ihdr.array());
        chunk(b, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00});
        chunk(b, "IEND", new byte[0]);
        return b.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream b, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        b.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        b.writeBytes(t);
        b.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void aPngDeclaringTooManyPixelsIsRefusedFromItsHeader() throws Exception {
        Path dir = imageFolder("huge");
        Path png = dir.resolve("b.png");
        byte[] bytes = hugePng();
        Files.write(png, bytes);
        long t0 = System.nanoTime();
        Cli r = Cli.run("train", "--dataset", "folder", "--data-dir", dir.toString(), "--image-size", "8", "--steps", "1", "--quiet",
                "--out", tmp.resolve("rh").toString());
        ErrorsTest.assertUsageError(r);
        assertTrue(r.err().contains(png.toString()) && r.err().contains("14000x14000 = 196000000 pixels is over the limit of 67108864"),
                r.err());
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L);
        ErrorsTest.assertUsageError(Cli.run("train", "--dataset", "folder", "--data-dir", dir.toString(), "--image-size", "8",
                "--max-pixels", "0", "--out", tmp.resolve("rz").toString()));
        assertArrayEquals(bytes, Files.readAllBytes(png), "the input is unchanged");
    }

    private static float[] npy(Path f, int[] shape) throws Exception {
        byte[] b = Files.readAllBytes(f);
        int headerLen = ByteBuffer.wrap(b, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        StringBuilder want = new StringBuilder("'shape': (");
        for (int i = 0; i < shape.length; i++) {
            want.append(i > 0 ? ", " : "").append(shape[i]);
        }
        assertTrue(header.contains(want + ")"), header);
        float[] f32 = new float[(b.length - 10 - headerLen) / 4];
        ByteBuffer.wrap(b, 10 + headerLen, f32.length * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f32);
        return f32;
    }

    @Test
    void streamedNpyBatchesConcatenateToOneDraw() throws Exception {
        Path a = tmp.resolve("a.npy");
        Path b = tmp.resolve("b.npy");
        assertEquals(0, Cli.run("sample", "--checkpoint", mlp.toString(), "--n", "600", "--out", a.toString()).code());
        assertEquals(0, Cli.run("sample", "--checkpoint", mlp.toString(), "--n", "250", "--out", b.toString()).code());
        float[] all = npy(a, new int[] {600, 1, 28, 28});
        float[] first = npy(b, new int[] {250, 1, 28, 28});
        assertEquals(600 * 784, all.length);
        assertArrayEquals(first, Arrays.copyOf(all, first.length), "the first batch of a longer draw is the shorter draw");
    }

    @Test
    void aFolderOfPngsFileByFile() throws Exception {
        Path dir = tmp.resolve("pngs");
        Cli r = Cli.run("sample", "--checkpoint", mlp.toString(), "--n", "5", "--out", dir + "/");
        assertEquals(0, r.code(), r.toString());
        try (var s = Files.list(dir)) {
            assertEquals(List.of("000000.png", "000001.png", "000002.png", "000003.png", "000004.png"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        BufferedImage img = ImageIO.read(dir.resolve("000003.png").toFile());
        assertEquals(28, img.getWidth());
        assertEquals(28, img.getHeight());
        byte[] before = Files.readAllBytes(dir.resolve("000000.png"));
        ErrorsTest.assertUsageError(Cli.run("sample", "--checkpoint", mlp.toString(), "--n", "2", "--out", dir + "/"));
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("000000.png")), "a non-empty folder is never written into");
        ErrorsTest.assertUsageError(Cli.run("sample", "--checkpoint", mlp.toString(), "--n", "20000", "--out", tmp.resolve("g.png").toString()));
    }

    /**
     * Case 11: 20000 samples stream through a 96 MB heap; drawn at once they would need 82 MB for
     * each 1024-wide activation alone.
     */
    @Test
    void case11SamplingMemoryDoesNotGrowWithN() throws Exception {
        Path out = tmp.resolve("big.npy");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx96m", "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "sample", "--checkpoint",
                mlp.resolve("checkpoints/generator.safetensors").toString(),
                "--n", "20000", "--out", out.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        assertEquals(128 + 20000L * 784 * 4, Files.size(out), "a 128-byte header and 20000 x 784 floats");
    }

    /**
     * Case 9, the part JSON reading decides: a number beyond any double is refused instead of becoming
     * infinity (and then Long.MAX_VALUE). Narrowing 4294967304 or 8.9 to an int is the configuration
     * reader's call, which the run-specification rewrite makes through Json.intValue (JsonStrictTest).
     */
    @Test
    void case9ANumberBeyondRangeInAConfigIsOneLine() throws Exception {
        Path cfg = tmp.resolve("huge-steps.json");
        Files.writeString(cfg, "{\"model\": \"mlp\", \"steps\": 1e400}");
        Cli r = Cli.run("train", "--config", cfg.toString(), "--out", tmp.resolve("r9").toString(), "--quiet");
        ErrorsTest.assertUsageError(r);
        assertTrue(r.err().contains("out of range"), r.err());
        assertEquals("{\"model\": \"mlp\", \"steps\": 1e400}", Files.readString(cfg));
    }

    @Test
    void libraryArgumentErrorsAreInternalAndUserErrorsAreNot() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(Main.INTERNAL, Errors.report(new IllegalArgumentException("shapes [2, 3] and [4] do not match"), "sample", err));
        String line = bytes.toString(StandardCharsets.UTF_8).strip();
        assertTrue(line.startsWith("sample: internal error: java.lang.IllegalArgumentException: shapes") && line.contains("stack trace in "),
                line);
        Path log = Path.of(line.substring(line.indexOf("stack trace in ") + "stack trace in ".length(), line.length() - 1));
        assertTrue(Files.readString(log).contains("\tat "), "the log holds the stack trace");
        Files.delete(log);
        bytes.reset();
        assertEquals(Main.USAGE, Errors.report(new UserError("--n must be positive, got 0"), "sample", err));
        assertEquals("sample: --n must be positive, got 0", bytes.toString(StandardCharsets.UTF_8).strip());
        List<String> lines = new ArrayList<>(bytes.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals(1, lines.size());
    }
}
