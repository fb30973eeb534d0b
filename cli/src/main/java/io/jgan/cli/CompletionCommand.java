package io.jgan.cli;

import io.jgan.cli.data.TrainData;
import io.jgan.losses.GanLosses;
import io.jgan.models.Models;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code jgan completion}: prints a bash completion script (picocli's {@link AutoComplete}) for the
 * subcommands, their options, and the names {@code train} accepts for {@code --model},
 * {@code --loss} and {@code --dataset}.
 *
 * <p>Those options are plain strings (a loss may be {@code fgan:<divergence>}), so picocli cannot
 * see their choices; they are added here from the lists the library validates against, so the
 * completion offers exactly what {@code jgan train} accepts.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash completion script for jgan: subcommands, options, and the names of --model, --loss and --dataset.",
                "Install it with: jgan completion > ~/.local/share/bash-completion/completions/jgan",
                "or, for the current shell only: source <(jgan completion)"})
final class CompletionCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        CommandSpec train = root.getSubcommands().get("train").getCommandSpec();
        withChoices(train, "--model", models());
        withChoices(train, "--loss", losses());
        withChoices(train, "--dataset", TrainData.NAMES);
        main.out().print(AutoComplete.bash("jgan", root));
        return Main.OK;
    }

    /** @return the names of {@code --model} */
    static List<String> models() {
        return Arrays.asList(Models.NAMES.split(",\\s*"));
    }

    /** @return the names of {@code --loss}: the library's losses, and wgan-gp (wgan with the gradient penalty) */
    static List<String> losses() {
        List<String> names = new ArrayList<>(GanLosses.names());
        names.add(names.indexOf("wgan") + 1, "wgan-gp");
        return names;
    }

    /** Replaces an option of {@code cmd} with the same option that knows its values (picocli specs are immutable). */
    private static void withChoices(CommandSpec cmd, String name, List<String> choices) {
        OptionSpec option = cmd.findOption(name);
        if (option == null) {
            throw new IllegalStateException("jgan " + cmd.name() + " has no option " + name + " any more: update CompletionCommand");
        }
        cmd.remove(option);
        // picocli names the script's list of values after the parameter label, and these three share
        // the label NAME: give each its own, or the last list would serve all three
        String label = name.substring(2).toUpperCase(java.util.Locale.ROOT);
        cmd.addOption(OptionSpec.builder(option).paramLabel(label).completionCandidates(choices).build());
    }
}
