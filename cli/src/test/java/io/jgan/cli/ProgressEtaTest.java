package io.jgan.cli;

import org.junit.jupiter.api.Test;

import io.jgan.train.GanTrainer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress line's ETA: the steps at the rate so far, bounded by the time limit. */
class ProgressEtaTest {
    @Test
    void etaIsBoundedByTheTimeLimit() {
        // --steps 10000000 --time-limit 600s, 100 steps in 10 s: the steps would take 278 h, the limit ends it in 590 s
        assertEquals(590, Progress.eta(10, 100, 10_000_000 - 100, 600), 1e-9);
        // steps that end before the limit: the steps decide
        assertEquals(90, Progress.eta(10, 100, 900, 600), 1e-9);
        // no limit: the steps alone
        assertEquals(999_990, Progress.eta(10, 100, 9_999_900, 0), 1e-9);
        // past the limit (the last step finishing): never negative
        assertEquals(0, Progress.eta(601, 100, 50, 600), 1e-9);
        // before the first step: no rate yet, no division by zero
        assertEquals(0, Progress.eta(0, 0, 10, 0), 1e-9);
    }

    @Test
    void theProgressLineOfATimeLimitedRunShowsAtMostTheTimeLeft() throws InterruptedException {
        var bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        // what TrainCommand passes for --steps 10000000 --time-limit 10s (not a terminal under the tests: plain lines)
        try (Progress p = Progress.create(out, out, false, 0, 10_000_000, 10)) {
            Thread.sleep(1000);
            p.step(new GanTrainer.StepStats(500_000, 1, 1, 0.5, 0.5, OptionalDouble.empty(), 0, 1, 1, 1, false, 0.01));
        }
        String line = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(line.contains("step 500000/10000000"), line);
        // 500000 steps took just over 1 s: 9.5 million left at that rate take 19 s or more; the limit leaves at most 9 s
        String eta = line.strip().substring(line.strip().lastIndexOf("ETA ") + 4);
        assertTrue(eta.matches("[0-9]s") && Integer.parseInt(eta.substring(0, 1)) <= 9, line);
    }
}
