package io.jgan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad arguments and bad input files: exit code 2 and exactly one line on stderr, never a stack trace. */
class ErrorsTest {
    @TempDir
    Path tmp;

    /** Arguments of {@code jgan train}, separated by spaces, that must be refused before training. */
    @ParameterizedTest
    @ValueSource(strings = {
        "--steps -1", "--steps 0", "--steps abc", "--epochs 0", "--steps 5 --epochs 1",
        "--batch-size 0", "--batch-size -8", "--batch-size 20000",
        "--lr 0", "--lr -0.001", "--lr-g 0", "--lr-d -1", "--lr nan",
        "--beta1 1.5", "--beta1 -0.1", "--beta2 1", "--beta2 1.0001",
        "--model foo", "--loss foo", "--loss fgan:foo", "--loss fgan:", "--dataset foo", "--optimizer foo",
        "--critic-norm foo", "--critic-norm batch --loss wgan-gp", "--critic-norm batch --r1-gamma 1",
        "--n-critic 0", "--ema 1.5", "--ema -0.1", "--gp-lambda -1", "--clip -0.1", "--label-smoothing 0",
        "--label-smoothing 0.9 --loss wgan", "--latent 0", "--threads 0", "--image-size 32", "--time-limit 10x",
        "--time-limit 0s", "--model toy", "--dataset ring8", "--model dcgan-keras --dataset ring8",
        "--dataset cifar10", "--dataset folder", "--data-dir /nonexistent/jgan-data", "--unknown-option",
        "--resume", "--resume /nonexistent/jgan-run", "--config /nonexistent/config.json", "--sample-every -1",
    })
    void badTrainArguments(String args) {
        List<String> a = new ArrayList<>(List.of("train", "--quiet", "--out", tmp.resolve("run").toString()));
        a.addAll(List.of(args.split(" ")));
        assertUsageError(Cli.run(a.toArray(String[]::new)));
        assertFalse(Files.exists(tmp.resolve("run").resolve("config.json")), "no run is started");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sample --n 4", "sample --checkpoint /nonexistent.safetensors --out x.png", "sample --checkpoint /tmp --out x.png",
        "interpolate --checkpoint /nonexistent --out x.png", "data fetch nosuchdata --dir /tmp/x", "nosuchcommand",
        "data fetch", "info --bogus",
    })
    void badOtherArguments(String args) {
        assertUsageError(Cli.run(args.split(" ")));
    }

    @Test
    void corruptConfigFile() throws IOException {
        Path cfg = tmp.resolve("config.json");
        Files.writeString(cfg, "{\"model\": \"mlp\", \"stepz\": 3}");
        assertUsageError(Cli.run("train", "--config", cfg.toString(), "--out", tmp.resolve("r").toString()));
        Files.writeString(cfg, "{not json");
        assertUsageError(Cli.run("train", "--config", cfg.toString(), "--out", tmp.resolve("r").toString()));
    }

    @Test
    void truncatedIdxFileIsRefusedAndLeftAlone() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("mnist"));
        Path shared = shared().resolve("data/mnist");
        Files.copy(shared.resolve("train-labels-idx1-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
        // A truncated uncompressed IDX file (header says 60,000 images, far fewer bytes follow) ...
        byte[] images;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(shared.resolve("train-images-idx3-ubyte.gz")))) {
            images = in.readNBytes(16 + 100 * 784);
        }
        Path file = dir.resolve("train-images-idx3-ubyte");
        Files.write(file, images);
        FileTime mtime = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, mtime);
        assertUsageError(Cli.run("train", "--data-dir", dir.toString(), "--steps", "1", "--out", tmp.resolve("r1").toString()));
        assertArrayEquals(images, Files.readAllBytes(file), "the corrupt input is not modified");
        assertEquals(mtime, Files.getLastModifiedTime(file));

        // ... and a truncated gzip.
        Files.delete(file);
        byte[] gz = Files.readAllBytes(shared.resolve("train-images-idx3-ubyte.gz"));
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 3);
        Path gzFile = dir.resolve("train-images-idx3-ubyte.gz");
        Files.write(gzFile, cut);
        assertUsageError(Cli.run("train", "--data-dir", dir.toString(), "--steps", "1", "--out", tmp.resolve("r2").toString()));
        assertArrayEquals(cut, Files.readAllBytes(gzFile));
    }

    @Test
    void garbageCheckpointIsRefusedAndLeftAlone() throws IOException {
        Path ckpt = tmp.resolve("garbage.safetensors");
        byte[] junk = "this is not a safetensors file at all, just some bytes".getBytes();
        Files.write(ckpt, junk);
        assertUsageError(Cli.run("sample", "--checkpoint", ckpt.toString(), "--out", tmp.resolve("x.png").toString()));
        assertUsageError(Cli.run("interpolate", "--checkpoint", ckpt.toString(), "--out", tmp.resolve("x.png").toString()));
        // A plausible header length with a truncated header.
        byte[] half = {100, 0, 0, 0, 0, 0, 0, 0, '{', '"'};
        Files.write(ckpt, half);
        assertUsageError(Cli.run("sample", "--checkpoint", ckpt.toString(), "--out", tmp.resolve("x.npy").toString()));
        assertArrayEquals(half, Files.readAllBytes(ckpt));
        assertFalse(Files.exists(tmp.resolve("x.png")) || Files.exists(tmp.resolve("x.npy")), "nothing written");
        // A garbage last.safetensors in a run directory stops --resume the same way.
        Path run = Files.createDirectories(tmp.resolve("run/checkpoints"));
        Files.write(run.resolve("last.safetensors"), junk);
        assertUsageError(Cli.run("train", "--resume", tmp.resolve("run").toString()));
        assertArrayEquals(junk, Files.readAllBytes(run.resolve("last.safetensors")));
    }

    @Test
    void sampleArgumentsCheckedAgainstTheCheckpoint() {
        Path run = tmp.resolve("run");
        assertEquals(0, Cli.run("train", "--model", "mlp", "--steps", "1", "--batch-size", "4", "--out", run.toString(), "--quiet").code());
        assertUsageError(Cli.run("sample", "--checkpoint", run.toString(), "--n", "0", "--out", tmp.resolve("a.png").toString()));
        assertUsageError(Cli.run("sample", "--checkpoint", run.toString(), "--out", tmp.resolve("a.txt").toString()));
        assertUsageError(Cli.run("sample", "--checkpoint", run.toString(), "--out", tmp.resolve("a.csv").toString()));
        assertUsageError(Cli.run("sample", "--checkpoint", run.toString(), "--class", "3", "--out", tmp.resolve("a.png").toString()));
        assertUsageError(Cli.run("interpolate", "--checkpoint", run.toString(), "--steps", "1", "--out", tmp.resolve("b.png").toString()));
        assertUsageError(Cli.run("interpolate", "--checkpoint", run.toString(), "--out", tmp.resolve("b.npy").toString()));
        // Starting a new run over an existing one is refused rather than overwriting it.
        assertUsageError(Cli.run("train", "--model", "mlp", "--steps", "1", "--out", run.toString()));
    }

    @Test
    void internalFailureNamesALogFile() {
        StringBuilder err = new StringBuilder();
        var buf = new java.io.ByteArrayOutputStream();
        int code = Errors.report(new IllegalStateException("boom"), "train", new java.io.PrintStream(buf, true));
        err.append(buf);
        assertEquals(Main.INTERNAL, code);
        String line = err.toString().strip();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.startsWith("train: internal error: java.lang.IllegalStateException: boom (stack trace in "), line);
        Path log = Path.of(line.substring(line.indexOf("stack trace in ") + 15, line.length() - 1));
        assertTrue(Files.isRegularFile(log), line);
    }

    static void assertUsageError(Cli r) {
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.errLines().size(), "exactly one line on stderr: " + r);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r);
    }

    static Path shared() {
        String p = System.getProperty("jgan.shared");
        if (p != null && Files.isDirectory(Path.of(p))) {
            return Path.of(p);
        }
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolveSibling("shared"))) {
                return d.resolveSibling("shared");
            }
        }
        throw new IllegalStateException("no shared/ directory (set -Djgan.shared)");
    }
}
