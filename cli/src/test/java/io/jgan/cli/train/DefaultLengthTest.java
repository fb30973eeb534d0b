package io.jgan.cli.train;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The length of a run that names none, one that names only a time limit, and one that names steps. */
class DefaultLengthTest {
    static final RunAssembly.DefaultLength DEFAULTS = new RunAssembly.DefaultLength(2000, 300, 1_000_000_000L);

    @CommandLine.Command(name = "t")
    static final class Args {
        @Mixin
        RunOptions run = new RunOptions();
        @Mixin
        DataOptions data = new DataOptions();
    }

    private static RunAssembly.Assembled assemble(String... args) throws IOException {
        Args a = new Args();
        new CommandLine(a).parseArgs(args);
        return RunAssembly.newRun(a.run, a.data, null, DEFAULTS);
    }

    @Test
    void noLengthMeansTheStepsOrTheTimeWhicheverComesFirstWithEmaOn() throws IOException {
        RunAssembly.Assembled a = assemble("--model", "toy", "--dataset", "ring8");
        assertTrue(a.defaultLength());
        assertEquals(2000, a.spec().schedule().steps());
        assertEquals(300, a.spec().schedule().timeLimitSeconds());
        assertEquals(0.999, a.spec().tricks().emaDecay(), "new runs keep an EMA generator");
        assertTrue(a.spec().tricks().emaWarmup());
    }

    @Test
    void aTimeLimitAloneTrainsUntilIt() throws IOException {
        RunAssembly.Assembled a = assemble("--model", "toy", "--dataset", "ring8", "--time-limit", "10m");
        assertFalse(a.defaultLength());
        assertEquals(600, a.spec().schedule().timeLimitSeconds());
        assertEquals(1_000_000_000L, a.spec().schedule().steps());
    }

    @Test
    void givenStepsOrEpochsAreKeptWithoutATimeLimit() throws IOException {
        RunAssembly.Assembled s = assemble("--model", "toy", "--dataset", "ring8", "--steps", "30", "--ema", "0");
        assertFalse(s.defaultLength());
        assertEquals(30, s.spec().schedule().steps());
        assertEquals(0, s.spec().schedule().timeLimitSeconds());
        assertEquals(0, s.spec().tricks().emaDecay());
        RunAssembly.Assembled e = assemble("--model", "toy", "--dataset", "ring8", "--epochs", "1");
        assertEquals(0, e.spec().schedule().steps());
        assertEquals(1, e.spec().schedule().epochs());
        assertEquals(0, e.spec().schedule().timeLimitSeconds());
    }
}
