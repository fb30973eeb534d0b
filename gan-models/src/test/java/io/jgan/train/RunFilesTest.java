package io.jgan.train;

import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run directory's crash safety: checkpoint pairs commit as one, logs are cut back to a checkpoint, deadlines never overflow. */
class RunFilesTest {
    @TempDir
    Path dir;

    private static List<CheckpointPair.Member> pair(float v) {
        Map<String, String> md = Map.of("step", Integer.toString((int) v));
        return List.of(new CheckpointPair.Member("generator.safetensors", Map.of("w", Tensor.full(v, 3)), md),
                new CheckpointPair.Member("last.safetensors", Map.of("w", Tensor.full(v, 5)), md));
    }

    private String steps() throws Exception {
        return Safetensors.read(dir.resolve("generator.safetensors")).metadata().get("step") + "/"
                + Safetensors.read(dir.resolve("last.safetensors")).metadata().get("step");
    }

    @Test
    void aPairIsReplacedAsOneAndInterruptedCommitsSettle() throws Exception {
        CheckpointPair.write(dir, pair(1));
        assertEquals("1/1", steps());
        CheckpointPair.write(dir, pair(2));
        assertEquals("2/2", steps());
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "no staging left behind");
        }
        // A crash while staging (before the commit rename): the old pair stays, the staging goes.
        Path staging = Files.createDirectories(dir.resolve(CheckpointPair.STAGING));
        Safetensors.writeSynced(staging.resolve("generator.safetensors"), Map.of("w", Tensor.full(3, 3)), Map.of("step", "3"));
        Files.write(staging.resolve("last.safetensors"), new byte[] {1, 2, 3}); // torn
        CheckpointPair.settle(dir);
        assertEquals("2/2", steps());
        assertFalse(Files.exists(staging));
        // A crash after the commit, with the generator already moved and last still pending.
        Path committed = Files.createDirectories(dir.resolve(CheckpointPair.COMMITTED));
        Safetensors.writeSynced(dir.resolve("generator.safetensors"), Map.of("w", Tensor.full(4, 3)), Map.of("step", "4"));
        Safetensors.writeSynced(committed.resolve("last.safetensors"), Map.of("w", Tensor.full(4, 5)), Map.of("step", "4"));
        assertEquals(committed.resolve("last.safetensors"), CheckpointPair.resolve(dir, "last.safetensors"), "readers see the new pair");
        CheckpointPair.settle(dir);
        assertEquals("4/4", steps());
        assertFalse(Files.exists(committed));
        assertEquals(dir.resolve("last.safetensors"), CheckpointPair.resolve(dir, "last.safetensors"));
    }

    @Test
    void logsAreCutBackToTheCheckpoint() throws Exception {
        Path log = dir.resolve("metrics.jsonl");
        StringBuilder b = new StringBuilder();
        for (int s = 1; s <= 7; s++) {
            b.append("{\"step\":").append(s).append(",\"d_loss\":1.0}\n");
        }
        // an earlier resume from step 5 repeated 6 and 7 (the bug this repairs), then a crash tore a line
        b.append("{\"step\":6,\"d_loss\":2.0}\n{\"step\":7,\"d_loss\":2.0}\n{\"step\":6,\"event\":\"non-finite\"}\n");
        b.append("{\"step\":8,\"d_loss\":2.0}\n{\"note\":\"no step\"}\n{\"step\":9,\"d_lo");
        Files.writeString(log, b.toString());
        JsonlRepair.Result r = JsonlRepair.truncate(log, 7);
        assertEquals(1, r.afterCheckpoint());
        assertEquals(1, r.torn());
        assertEquals(2, r.repeated());
        assertTrue(r.notice(7).contains(log.toString()), r.notice(7));
        List<String> lines = Files.readAllLines(log);
        assertEquals(List.of("{\"step\":1,\"d_loss\":1.0}", "{\"step\":2,\"d_loss\":1.0}", "{\"step\":3,\"d_loss\":1.0}",
                "{\"step\":4,\"d_loss\":1.0}", "{\"step\":5,\"d_loss\":1.0}", "{\"step\":6,\"d_loss\":2.0}",
                "{\"step\":7,\"d_loss\":2.0}", "{\"step\":6,\"event\":\"non-finite\"}", "{\"note\":\"no step\"}"), lines);
        byte[] repaired = Files.readAllBytes(log);
        assertFalse(JsonlRepair.truncate(log, 7).changed(), "a clean log is left alone");
        assertEquals(new String(repaired), new String(Files.readAllBytes(log)));
        assertFalse(JsonlRepair.truncate(dir.resolve("absent.jsonl"), 3).changed());
    }

    @Test
    void deadlinesSaturate() {
        long now = System.nanoTime();
        long d = TrainLoop.deadline(now, 10_000_000_000L); // 10^19 ns: beyond a long
        assertTrue(now - d < 0, "the deadline is in the future");
        assertTrue(System.nanoTime() - d < 0);
        assertTrue(System.nanoTime() - TrainLoop.deadline(now, 0) < 0, "no limit");
        assertTrue(TrainLoop.deadline(now, 2) - now == 2_000_000_000L);
    }

    @Test
    void pruningKeepsTheNewestBySteps() throws Exception {
        for (long s : new long[] {5, 999_999, 1_000_000, 1_000_001, 12}) {
            Files.writeString(dir.resolve(String.format("step-%06d.safetensors", s)), "x");
        }
        Files.writeString(dir.resolve("last.safetensors"), "x");
        TrainLoop.prune(dir, 2);
        try (var s = Files.list(dir)) {
            assertEquals(List.of("last.safetensors", "step-1000000.safetensors", "step-1000001.safetensors"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
