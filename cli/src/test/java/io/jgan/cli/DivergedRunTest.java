package io.jgan.cli;

import io.jgan.train.TrainerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run the NaN guard stops exits 3, keeps the guard's last good snapshot as last.safetensors
 * (loadable, sampleable), and continues from it with a lower learning rate. The run is f-GAN KL on
 * ring8 at batch 128 in the paper's plain setup (simultaneous updates, saturating generator, no R1:
 * what {@code fgan:kl} was before its recipe), which diverges near step 175 (issue 26).
 */
class DivergedRunTest {
    @TempDir
    Path tmp;

    private static final String[] RUN = {"train", "--model", "toy", "--dataset", "ring8", "--loss", "fgan:kl",
        "--updates", "simultaneous", "--fgan-generator", "saturating", "--penalty", "r1:0", "--batch-size", "128",
        "--seed", "1", "--sample-every", "0", "--quiet"};

    private static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(RUN, RUN.length + more.length);
        System.arraycopy(more, 0, all, RUN.length, more.length);
        return all;
    }

    @Test
    void aDivergedRunLosesNoWorkAndContinuesWithALowerLearningRate() throws Exception {
        Path run = tmp.resolve("run");
        Cli diverged = Cli.run(with("--steps", "400", "--out", run.toString()));
        assertEquals(Main.DIVERGED, diverged.code(), diverged.toString());
        assertEquals(1, diverged.errLines().size(), diverged.toString());
        assertTrue(diverged.err().contains("diverged") && diverged.err().contains("last good state"), diverged.err());
        Path last = run.resolve("checkpoints/last.safetensors");
        var md = TrainerState.metadata(last);
        assertTrue(TrainerState.diverged(md), md.toString());
        long stoppedAt = Long.parseLong(md.get("step"));
        assertTrue(stoppedAt > 0 && stoppedAt < 400, md.toString());

        Cli sample = Cli.run("sample", "--checkpoint", run.toString(), "--n", "16", "--out", tmp.resolve("s.csv").toString());
        assertEquals(0, sample.code(), sample.toString());

        Cli otherChange = Cli.run(with("--steps", "400", "--batch-size", "64", "--out", run.toString(), "--resume"));
        assertEquals(2, otherChange.code(), "only the learning rates may change after a divergence: " + otherChange);
        Cli lower = Cli.run(with("--lr", "2e-5", "--steps", Long.toString(stoppedAt + 10), "--out", run.toString(), "--resume"));
        assertEquals(0, lower.code(), lower.toString());
        var after = TrainerState.metadata(last);
        assertEquals(stoppedAt + 10, Long.parseLong(after.get("step")));
        assertTrue(!TrainerState.diverged(after), "a good continuation is an ordinary run again");
    }

    @Test
    void aResumedRunWithNoGoodStepKeepsTheStateItStartedFrom() throws Exception {
        Path run = tmp.resolve("run");
        // at --lr 10 the first step already leaves weights that no later step survives
        Cli first = Cli.run(with("--lr", "10", "--steps", "300", "--out", run.toString()));
        assertEquals(Main.DIVERGED, first.code(), first.toString());
        Path last = run.resolve("checkpoints/last.safetensors");
        byte[] kept = java.nio.file.Files.readAllBytes(last);
        Cli again = Cli.run(with("--lr", "2e-4", "--steps", "300", "--out", run.toString(), "--resume"));
        assertEquals(Main.DIVERGED, again.code(), again.toString());
        assertTrue(again.err().contains("is unchanged"), again.err());
        assertTrue(java.util.Arrays.equals(kept, java.nio.file.Files.readAllBytes(last)), "the state it resumed from is kept");
    }
}
