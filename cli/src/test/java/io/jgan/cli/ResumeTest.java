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
        assertTrue(cfg.contains("\"steps\":3") && cfg.contains("\"lrG\":0.001") && cfg.contains("\"seed\":7"), cfg);
    }

    private static String[] cat(String[] common, String... more) {
        String[] all = new String[more.length + common.length];
        System.arraycopy(more, 0, all, 0, more.length);
        System.arraycopy(common, 0, all, more.length, common.length);
        return all;
    }
}
