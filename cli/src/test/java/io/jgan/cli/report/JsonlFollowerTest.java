package io.jgan.cli.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Following a JSON-lines file that another writer appends to, truncates and cuts mid-line. */
class JsonlFollowerTest {
    @TempDir
    Path dir;

    @Test
    void returnsWholeNewLinesOnly() throws IOException {
        Path f = dir.resolve("m.jsonl");
        JsonlFollower follower = new JsonlFollower(f, 0, 0);
        assertEquals(List.of(), follower.poll(), "no file yet");
        append(f, "{\"step\":1,\"d_loss\":0.5}\n{\"step\":2,\"d_lo");
        assertEquals(List.of(1L), steps(follower.poll()), "the line being written waits");
        assertEquals(List.of(), follower.poll());
        append(f, "ss\":0.25}\n\nnot json\n[1,2]\n{\"step\":3}\n");
        List<Map<String, Object>> lines = follower.poll();
        assertEquals(List.of(2L, 3L), steps(lines), "blank, broken and non-object lines are skipped");
        assertEquals(0.25, lines.getFirst().get("d_loss"));
    }

    @Test
    void aTruncatedFileIsReadAgainPastTheResumedStep() throws IOException {
        Path f = dir.resolve("m.jsonl");
        append(f, "{\"step\":10}\n{\"step\":20}\n{\"step\":30}\n");
        JsonlFollower follower = new JsonlFollower(f, Files.size(f), 20);
        // The resumed run's own writer cuts the lines past its checkpoint (step 20), then appends.
        Files.writeString(f, "{\"step\":10}\n{\"step\":20}\n", StandardCharsets.UTF_8);
        assertEquals(List.of(), follower.poll());
        append(f, "{\"step\":21,\"d_loss\":1}\n");
        assertEquals(List.of(21L), steps(follower.poll()));
        append(f, "{\"step\":22}\n");
        assertEquals(List.of(22L), steps(follower.poll()));
    }

    @Test
    void aRewriteThatGrewPastThePointReachedIsNoticed() throws IOException {
        Path f = dir.resolve("m.jsonl");
        append(f, "{\"step\":10}\n{\"step\":20}\n{\"step\":30}\n");
        JsonlFollower follower = new JsonlFollower(f, Files.size(f), 20);
        // Cut back to step 20 and appended to before the first poll: the size alone does not show it.
        Files.writeString(f, "{\"step\":10}\n{\"step\":20}\n{\"step\":21}\n{\"step\":22}\n", StandardCharsets.UTF_8);
        assertEquals(List.of(21L, 22L), steps(follower.poll()));
        append(f, "{\"step\":23}\n");
        assertEquals(List.of(23L), steps(follower.poll()));
    }

    @Test
    void resumedWithoutTruncationFollowsFromTheEnd() throws IOException {
        Path f = dir.resolve("m.jsonl");
        append(f, "{\"step\":10}\n{\"step\":20}\n{\"step\":30}\n");
        JsonlFollower follower = new JsonlFollower(f, Files.size(f), 20);
        append(f, "{\"step\":21}\n");
        assertEquals(List.of(21L), steps(follower.poll()));
    }

    @Test
    void seriesOfARunRestartedAtAnEarlierStepKeepTheLaterValues() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"model\":\"mlp\"}");
        append(dir.resolve(RunData.METRICS), "{\"step\":1,\"d_loss\":1}\n{\"step\":2,\"d_loss\":2,\"skipped\":false}\n{\"step\":3,\"d_loss\":\"NaN\"}\n"
                + "{\"step\":2,\"d_loss\":20}\n{\"step\":3,\"d_loss\":30}\n{\"step\":3,\"event\":\"mode_coverage\",\"modes\":8}\n");
        RunData run = RunData.load(dir, Long.MAX_VALUE);
        RunData.Series s = run.series().get("loss/d_loss");
        assertEquals(3, s.size());
        assertEquals(20.0, s.y(1));
        assertEquals(30.0, s.y(2));
        assertEquals(8.0, run.series().get("coverage/modes").y(0));
        assertTrue(!run.series().containsKey("metrics/skipped"), "booleans are not numbers");
        RunData upTo2 = RunData.load(dir, 2);
        assertEquals(2, upTo2.series().get("loss/d_loss").size(), "lines after step 2 are left out");
        assertEquals(2, upTo2.lastStep());
    }

    private static List<Long> steps(List<Map<String, Object>> lines) {
        return lines.stream().map(Tags::step).toList();
    }

    private static void append(Path f, String s) throws IOException {
        Files.writeString(f, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
