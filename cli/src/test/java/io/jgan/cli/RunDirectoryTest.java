package io.jgan.cli;

import io.jgan.tensor.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 23 cases 4, 5, 6 and 8 and the run directory's lock and retention, through the real command. */
class RunDirectoryTest {
    @TempDir
    Path tmp;

    private static Cli train(Path run, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--model", "toy", "--dataset", "ring8", "--log-every", "1", "--quiet",
                "--out", run.toString()));
        a.addAll(List.of(more));
        return Cli.run(a.toArray(String[]::new));
    }

    /** @return the step of every metrics line (those with losses), in file order */
    static List<Long> metricSteps(Path run) throws IOException {
        List<Long> steps = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            if (Json.parse(line) instanceof Map<?, ?> m && m.containsKey("d_loss")) {
                steps.add((Long) m.get("step"));
            }
        }
        return steps;
    }

    private static List<Long> oneTo(long n) {
        List<Long> l = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            l.add(i);
        }
        return l;
    }

    @Test
    void case4TornLastMetricsLineIsRepairedOnResume() throws IOException {
        Path run = tmp.resolve("torn");
        assertEquals(0, train(run, "--steps", "4").code());
        Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":5,\"d_loss\":0.69,\"g_lo", java.nio.file.StandardOpenOption.APPEND);
        Cli r = Cli.run("train", "--resume", run.toString(), "--steps", "6", "--quiet");
        assertEquals(0, r.code(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.err().contains(run.resolve("metrics.jsonl").toString()) && r.err().contains("1 torn line"), r.err());
        assertEquals(oneTo(6), metricSteps(run));
    }

    @Test
    void case5LinesAfterTheCheckpointAreNotDuplicatedAndASecondTrainerIsRefused() throws IOException {
        Path run = tmp.resolve("dup");
        assertEquals(0, train(run, "--steps", "4").code());
        List<String> kept = Files.readAllLines(run.resolve("metrics.jsonl"));
        // what a SIGKILL after step 6 leaves: lines of steps 5 and 6, but the checkpoint of step 4
        Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":5,\"d_loss\":9.0}\n{\"step\":6,\"d_loss\":9.0}\n",
                java.nio.file.StandardOpenOption.APPEND);
        Cli r = Cli.run("train", "--resume", run.toString(), "--steps", "6", "--quiet");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("2 line(s) after the checkpoint's step 4"), r.err());
        assertEquals(oneTo(6), metricSteps(run));
        assertEquals(kept, Files.readAllLines(run.resolve("metrics.jsonl")).subList(0, kept.size()), "the lines up to the checkpoint are kept");

        // a second trainer of the same run (here in this JVM, holding the lock) is refused in one line, touching nothing
        try (RunDirectory held = RunDirectory.lock(run)) {
            byte[] before = Files.readAllBytes(run.resolve("metrics.jsonl"));
            Cli second = Cli.run("train", "--resume", run.toString(), "--steps", "8", "--quiet");
            ErrorsTest.assertUsageError(second);
            assertTrue(second.err().contains("in use by another jgan train"), second.err());
            assertEquals(new String(before), new String(Files.readAllBytes(run.resolve("metrics.jsonl"))));
        }
        assertEquals(0, Cli.run("train", "--resume", run.toString(), "--steps", "7", "--quiet").code(), "released with the holder");
    }

    @Test
    void case6EmptyOutIsRefused() {
        Path cwd = Path.of("").toAbsolutePath();
        boolean hadConfig = Files.exists(cwd.resolve("config.json"));
        ErrorsTest.assertUsageError(Cli.run("train", "--model", "toy", "--dataset", "ring8", "--steps", "1", "--out", ""));
        ErrorsTest.assertUsageError(Cli.run("sample", "--checkpoint", tmp.toString(), "--out", ""));
        ErrorsTest.assertUsageError(Cli.run("interpolate", "--checkpoint", tmp.toString(), "--out", ""));
        assertEquals(hadConfig, Files.exists(cwd.resolve("config.json")), "nothing written into the current directory");
    }

    @Test
    void case8AHugeTimeLimitDoesNotStopAtOnce() throws IOException {
        Path run = tmp.resolve("limit");
        Cli r = train(run, "--steps", "3", "--time-limit", "10000000000s");
        assertEquals(0, r.code(), r.toString());
        assertEquals(oneTo(3), metricSteps(run));
        ErrorsTest.assertUsageError(train(tmp.resolve("x"), "--steps", "3", "--time-limit", "99999999999999999h"));
        ErrorsTest.assertUsageError(train(tmp.resolve("y"), "--steps", "3", "--time-limit", "3000000000000000h"));
    }

    @Test
    void periodicCheckpointsArePruned() throws IOException {
        Path run = tmp.resolve("keep");
        assertEquals(0, train(run, "--steps", "7", "--checkpoint-every", "1").code());
        assertEquals(List.of("generator.safetensors", "last.safetensors", "step-000005.safetensors", "step-000006.safetensors",
                "step-000007.safetensors"), names(run.resolve("checkpoints")));
        Path two = tmp.resolve("keep2");
        assertEquals(0, train(two, "--steps", "4", "--checkpoint-every", "1", "--keep-checkpoints", "0").code());
        assertEquals(List.of("generator.safetensors", "last.safetensors"), names(two.resolve("checkpoints")));
        ErrorsTest.assertUsageError(train(tmp.resolve("k"), "--steps", "1", "--keep-checkpoints", "-1"));
        assertTrue(names(run).contains(RunDirectory.LOCK));
    }

    private static List<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
