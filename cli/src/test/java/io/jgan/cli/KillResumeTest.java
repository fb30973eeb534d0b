package io.jgan.cli;

import io.jgan.tensor.io.Safetensors;
import io.jgan.train.CheckpointPair;
import io.jgan.train.TrainerState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 23's crash acceptance: a training run checkpointing every step is killed with SIGKILL at
 * random moments 20 times and resumed each time; afterwards metrics.jsonl has each step exactly
 * once, and after every kill each checkpoint on disk loads and the pair (last + generator) is of
 * one step. While a child trains, a second trainer of the same run is refused (the lock works
 * across processes).
 */
@Tag("slow") // 21 JVMs: about 2 minutes on 2 idle cores, 6.5 under a load average of 18
class KillResumeTest {
    private static final int KILLS = 20;
    private static final long STEPS = 80;

    @TempDir
    Path tmp;

    private Process start(Path run, boolean resume, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx512m", "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "--quiet", "--steps", Long.toString(STEPS)));
        if (resume) {
            cmd.addAll(List.of("--resume", run.toString()));
        } else {
            cmd.addAll(List.of("--model", "toy", "--dataset", "ring8", "--checkpoint-every", "1", "--log-every", "1",
                    "--sample-every", "50", "--keep-checkpoints", "2", "--out", run.toString()));
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static long lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            return 0; // being rewritten at this instant
        }
    }

    @Test
    void killedTwentyTimesAndResumed() throws Exception {
        Path run = tmp.resolve("run");
        Path log = tmp.resolve("children.log");
        Random random = new Random(23);
        int midCommit = 0;
        boolean lockChecked = false;
        for (int kill = 0; kill < KILLS; kill++) {
            long before = lines(run.resolve("metrics.jsonl"));
            Process p = start(run, Files.exists(run.resolve("checkpoints")), log);
            // wait until it trains (a new metrics line), then a random moment later: usually inside a checkpoint write
            long t0 = System.nanoTime();
            // (and, the first time, until a checkpoint exists: a run killed before its first one has nothing to resume)
            while (p.isAlive() && (lines(run.resolve("metrics.jsonl")) <= before || !Files.exists(run.resolve("checkpoints/last.safetensors")))
                    && System.nanoTime() - t0 < 120_000_000_000L) {
                Thread.sleep(20);
            }
            if (!p.isAlive()) {
                throw new AssertionError("child " + kill + " ended early with exit " + p.waitFor() + ": " + Files.readString(log));
            }
            if (!lockChecked && Files.exists(run.resolve("checkpoints/last.safetensors"))) {
                Cli second = Cli.run("train", "--resume", run.toString(), "--steps", Long.toString(STEPS), "--quiet");
                ErrorsTest.assertUsageError(second);
                assertTrue(second.err().contains("in use by another jgan train (pid " + p.pid() + ")"), second.toString());
                lockChecked = true;
            }
            Thread.sleep(random.nextInt(400));
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            Path ck = run.resolve("checkpoints");
            if (Files.exists(ck.resolve(CheckpointPair.COMMITTED)) || Files.exists(ck.resolve(CheckpointPair.STAGING))) {
                midCommit++;
            }
            if (Files.exists(ck)) {
                checkCheckpoints(ck);
            }
        }
        Process last = start(run, true, log);
        assertTrue(last.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, last.exitValue(), Files.readString(log));
        List<Long> steps = RunDirectoryTest.metricSteps(run);
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= STEPS; s++) {
            expected.add(s);
        }
        assertEquals(expected, steps, "each step once, in order");
        checkCheckpoints(run.resolve("checkpoints"));
        String out = Files.readString(log);
        long repairs = out.lines().filter(l -> l.contains("metrics.jsonl: removed")).count();
        System.out.println("kill/resume: " + KILLS + " kills, " + midCommit + " inside a checkpoint commit, " + repairs
                + " metrics repairs, " + STEPS + " steps once each");
        assertTrue(lockChecked, "the lock was exercised");
    }

    /** Every checkpoint file loads, and the pair (as a reader resolves it) is of one step. */
    private static void checkCheckpoints(Path ck) throws IOException {
        Path last = CheckpointPair.resolve(ck, "last.safetensors");
        Path gen = CheckpointPair.resolve(ck, "generator.safetensors");
        if (!Files.exists(last)) {
            assertTrue(!Files.exists(gen), "a generator without its training state");
            return; // killed before the first checkpoint
        }
        String a = TrainerState.metadata(last).get("step");
        String b = TrainerState.metadata(gen).get("step");
        assertEquals(a, b, "the pair is of one step");
        LoadedGenerator.load(last);
        LoadedGenerator.load(gen);
        try (var s = Files.list(ck)) {
            for (Path f : s.filter(p -> p.getFileName().toString().startsWith("step-")).toList()) {
                Safetensors.read(f);
                TrainerState.metadata(f);
            }
        }
    }
}
