package io.jgan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --spark} and {@code --workers} mistakes are one line and exit 2 with nothing written; and
 * without the gan-spark module on the path (as in this module's tests) {@code --spark} says how to
 * get it. (gan-spark's own tests cover an unreachable master and data the executors cannot read.)
 */
class ClusterOptionsTest {
    @TempDir
    Path tmp;

    private void refused(String expected, String... options) {
        Path out = tmp.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "--model", "toy", "--dataset", "ring8", "--steps", "1", "--out", out.toString()));
        args.addAll(List.of(options));
        Cli r = Cli.run(args.toArray(String[]::new));
        ErrorsTest.assertUsageError(r);
        assertTrue(r.err().contains(expected), r.toString());
        assertFalse(Files.exists(out), "nothing is written: " + out);
    }

    @Test
    void workersWithoutSparkZeroWorkersAndWorkersThatDoNotDivideTheBatchAreOneLine() {
        refused("--workers needs --spark MASTER (on one machine the same split is --micro-batches 2)", "--workers", "2");
        refused("--workers must be >= 1, got 0", "--spark", "local[2]", "--workers", "0");
        refused("--workers 3 must divide the batch size 64 into equal parts: every worker computes an equal share of each batch",
                "--spark", "local[2]", "--workers", "3");
        refused("--spark needs --workers W", "--spark", "local[2]");
        refused("--micro-batches 4 with --workers 2", "--spark", "local[2]", "--workers", "2", "--micro-batches", "4");
    }

    @Test
    void sparkWithoutTheModuleSaysHowToGetIt() {
        refused("--spark needs the gan-spark module, which is not on the path: build it once with", "--spark", "local[2]",
                "--workers", "2");
    }
}
