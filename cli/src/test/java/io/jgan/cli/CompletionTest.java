package io.jgan.cli;

import io.jgan.cli.data.TrainData;
import io.jgan.cli.train.Choices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jgan completion}: the printed script, loaded into bash, completes as a user would see it. */
class CompletionTest {
    @TempDir
    Path tmp;

    @Test
    void completesSubcommandsOptionsAndTheNamesOfModelLossAndDataset() throws Exception {
        Cli c = Cli.run("completion");
        assertEquals(0, c.code(), c.toString());
        assertTrue(c.err().isEmpty(), c.err());
        Path script = tmp.resolve("jgan-completion.bash");
        Files.writeString(script, c.out());

        assertEquals(List.of("train", "train-classifier"), complete(script, "jgan", "tr"));
        assertTrue(complete(script, "jgan", "").contains("completion"));
        assertTrue(complete(script, "jgan", "train", "--ste").contains("--steps"));
        assertEquals(List.of("toy"), complete(script, "jgan", "train", "--model", "to"));
        assertEquals(List.of("wgan", "wgan-gp"), complete(script, "jgan", "train", "--loss", "wg"));
        assertEquals(List.of("fgan:kl"), complete(script, "jgan", "train", "--loss", "fgan:k"));
        assertEquals(List.of("ring8"), complete(script, "jgan", "train", "--dataset", "ri"));
        // each option offers exactly its own choices (they once shared one list: all three are labelled NAME)
        assertEquals(names(new Choices.Models()), complete(script, "jgan", "train", "--model", ""));
        assertEquals(names(new Choices.Losses()), complete(script, "jgan", "train", "--loss", ""));
        assertEquals(new TreeSet<>(TrainData.NAMES), new TreeSet<>(complete(script, "jgan", "train", "--dataset", "")));
        assertEquals(names(new Choices.Optimizers()), complete(script, "jgan", "train", "--optimizer", ""));
    }

    @Test
    void helpStillShowsTheOriginalLabels() {
        Cli c = Cli.run("train", "--help");
        assertEquals(0, c.code(), c.toString());
        assertTrue(c.out().contains("--model=NAME"), c.out());
    }

    private static List<String> names(Iterable<String> choices) {
        TreeSet<String> s = new TreeSet<>();
        choices.forEach(s::add);
        return List.copyOf(s);
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
