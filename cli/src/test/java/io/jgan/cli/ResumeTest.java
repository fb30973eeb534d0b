package io.jgan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --resume} continues a run exactly: 2 steps, then resumed to 4, equals 4 steps straight. */
class ResumeTest {
    @TempDir
    Path tmp;

    @Test
    void resumedRunEqualsStraightRun() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        String[] common = {"--model", "mlp", "--batch-size", "8", "--quiet", "--log-every", "1"};
        assertEquals(0, Cli.run(cat(common, "train", "--steps", "2", "--out", a.toString())).code());
        Cli resumed = Cli.run("train", "--resume", a.toString(), "--steps", "4", "--quiet");
        assertEquals(0, resumed.code(), resumed.toString());
        assertEquals(0, Cli.run(cat(common, "train", "--steps", "4", "--out", b.toString())).code());

        for (String f : new String[] {"checkpoints/generator.safetensors", "checkpoints/last.safetensors", "config.json"}) {
            assertArrayEquals(Files.readAllBytes(b.resolve(f)), Files.readAllBytes(a.resolve(f)), f + " differs from the straight run");
        }
        assertEquals(Files.readAllLines(b.resolve("metrics.jsonl")).size(), Files.readAllLines(a.resolve("metrics.jsonl")).size(),
                "the resumed run appends its steps to metrics.jsonl");
        assertTrue(Files.exists(a.resolve("samples/step-000004.png")));
    }

    @Test
    void resumeWithOutAndFlagAndNothingLeftToDo() {
        Path a = tmp.resolve("c");
        assertEquals(0, Cli.run("train", "--model", "mlp", "--batch-size", "8", "--steps", "1", "--out", a.toString(), "--quiet").code());
        Cli again = Cli.run("train", "--out", a.toString(), "--resume");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("nothing to do"), again.out());
        Cli changed = Cli.run("train", "--resume", a.toString(), "--steps", "2", "--lr", "0.1");
        assertEquals(2, changed.code(), changed.toString());
        assertEquals(1, changed.errLines().size(), changed.toString());
    }

    @Test
    void configJsonReproducesARunAndExplicitOptionsOverrideIt() throws IOException {
        Path a = tmp.resolve("first");
        assertEquals(0, Cli.run("train", "--model", "mlp", "--batch-size", "8", "--steps", "2", "--lr", "0.001", "--seed", "7",
                "--out", a.toString(), "--quiet").code());
        Path b = tmp.resolve("again");
        Cli again = Cli.run("train", "--config", a.resolve("config.json").toString(), "--out", b.toString());
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("seed 7"), again.out());
        assertArrayEquals(Files.readAllBytes(a.resolve("checkpoints/generator.safetensors")),
                Files.readAllBytes(b.resolve("checkpoints/generator.safetensors")), "the same run again");
        Path c = tmp.resolve("longer");
        assertEquals(0, Cli.run("train", "--config", a.resolve("config.json").toString(), "--steps", "3", "--out", c.toString(),
                "--quiet").code());
        String cfg = Files.readString(c.resolve("config.json"));
        assertTrue(cfg.contains("\"steps\":3") && cfg.contains("\"lr\":0.001") && cfg.contains("\"seed\":7"), cfg);
    }

    @Test
    void theSameCommandLinePlusResumeContinuesBitIdentically() throws Exception {
        String[] cmd = {"train", "--model", "toy", "--dataset", "ring8", "--loss", "wgan-gp", "--penalty", "r1:0.5", "--batch-size", "16",
            "--micro-batches", "2", "--seed", "3", "--sample-every", "0", "--quiet"};
        Path straight = tmp.resolve("straight");
        assertEquals(0, Cli.run(concat(cmd, "--steps", "6", "--out", straight.toString())).code());
        Path resumed = tmp.resolve("resumed");
        assertEquals(0, Cli.run(concat(cmd, "--steps", "3", "--out", resumed.toString())).code());
        Cli again = Cli.run(concat(cmd, "--steps", "6", "--out", resumed.toString(), "--resume"));
        assertEquals(0, again.code(), again.toString());
        assertEquals(LegacyRunDirectoryTest.hash(straight.resolve("checkpoints/last.safetensors")),
                LegacyRunDirectoryTest.hash(resumed.resolve("checkpoints/last.safetensors")));
    }

    @Test
    void aChangedOptionIsRefusedInOneLineAndTheRunDirectoryIsUntouched() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, Cli.run("train", "--model", "toy", "--dataset", "ring8", "--batch-size", "16", "--steps", "2", "--out",
                run.toString(), "--quiet").code());
        java.util.Map<Path, String> before = snapshot(run);
        Cli changed = Cli.run("train", "--model", "toy", "--dataset", "ring8", "--batch-size", "16", "--steps", "4", "--lr", "0.001",
                "--out", run.toString(), "--resume");
        assertEquals(2, changed.code(), changed.toString());
        assertEquals(1, changed.errLines().size(), changed.toString());
        assertTrue(changed.err().contains("--lr 0.001") && changed.err().contains("2.0E-4"), changed.err());
        assertEquals(before, snapshot(run), "the run directory is untouched");
    }

    private static String[] concat(String[] first, String... then) {
        String[] all = java.util.Arrays.copyOf(first, first.length + then.length);
        System.arraycopy(then, 0, all, first.length, then.length);
        return all;
    }

    /** Every file of a directory with its size, modification time and digest. */
    private static java.util.Map<Path, String> snapshot(Path dir) throws Exception {
        java.util.Map<Path, String> m = new java.util.TreeMap<>();
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(p);
                m.put(dir.relativize(p), b.length + " " + Files.getLastModifiedTime(p) + " "
                        + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b)));
            }
        }
        return m;
    }

    private static String[] cat(String[] common, String... more) {
        String[] all = new String[more.length + common.length];
        System.arraycopy(more, 0, all, 0, more.length);
        System.arraycopy(common, 0, all, more.length, common.length);
        return all;
    }
}
