package io.jgan.cli;

import io.jgan.cli.data.TrainData;
import io.jgan.losses.GanLosses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jgan completion}: the printed script, loaded into bash, completes as a user would see it. */
class CompletionTest {
    @TempDir
    Path tmp;

    @Test
    void completesSubcommandsAndTheNamesOfModelLossAndDataset() throws Exception {
        Cli c = Cli.run("completion");
        assertEquals(0, c.code(), c.toString());
        assertTrue(c.err().isEmpty(), c.err());
        Path script = tmp.resolve("jgan-completion.bash");
        Files.writeString(script, c.out());

        assertEquals(List.of("train", "train-classifier"), complete(script, "jgan", "tr"));
        assertTrue(complete(script, "jgan", "").contains("completion"));
        assertEquals(List.of("toy"), complete(script, "jgan", "train", "--model", "to"));
        assertEquals(new TreeSet<>(CompletionCommand.models()), new TreeSet<>(complete(script, "jgan", "train", "--model", "")));
        assertEquals(List.of("wgan", "wgan-gp"), complete(script, "jgan", "train", "--loss", "wg"));
        assertEquals(List.of("fgan:kl"), complete(script, "jgan", "train", "--loss", "fgan:k"));
        assertEquals(List.of("ring8"), complete(script, "jgan", "train", "--dataset", "ri"));
        assertEquals(new TreeSet<>(TrainData.NAMES), new TreeSet<>(complete(script, "jgan", "train", "--dataset", "")));
        assertTrue(complete(script, "jgan", "train", "--ste").contains("--steps"));
    }

    @Test
    void everyOfferedLossIsOneTheTrainerAccepts() {
        for (String loss : CompletionCommand.losses()) {
            // wgan-gp is the trainer's name for wgan plus the gradient penalty
            String objective = loss.equals("wgan-gp") ? "wgan" : loss;
            assertDoesNotThrow(() -> GanLosses.byName(objective), loss);
        }
        assertTrue(CompletionCommand.models().contains("dcgan"), CompletionCommand.models().toString());
    }

    /** Runs the script's completion function on the words typed so far (the last one being completed). */
    private static List<String> complete(Path script, String... words) throws Exception {
        String array = String.join(" ", Arrays.stream(words).map(w -> "'" + w + "'").toList());
        String cmd = "source \"$1\"; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _complete_jgan; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Shell.Result r = Shell.run(script.getParent(), env -> { }, List.of("bash", "-c", cmd, "_", script.toString()));
        assertEquals(0, r.code(), r.toString());
        return r.out().lines().filter(l -> !l.isBlank()).map(String::strip).sorted().toList();
    }
}
