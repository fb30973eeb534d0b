package io.jgan.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code jgan completion}: prints a bash completion script (picocli's {@link AutoComplete}) for the
 * subcommands, their options, and the values of every option that declares its choices
 * ({@code completionCandidates}: {@code --model}, {@code --loss}, {@code --dataset},
 * {@code --optimizer}...).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash completion script for jgan: subcommands, options, and the choices of --model, --loss, --dataset and the other named values.",
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
        labelChoicesApart(root);
        main.out().print(AutoComplete.bash("jgan", root));
        return Main.OK;
    }

    /**
     * picocli's script keeps an option's choices in a bash array named after its parameter label, and
     * --model, --loss and --dataset all have the label NAME: the last array would serve all three.
     * Each option with choices gets a label of its own (its long name), in this command line only:
     * picocli specs are immutable, so the option is replaced by a copy.
     */
    private static void labelChoicesApart(CommandLine cl) {
        CommandSpec cmd = cl.getCommandSpec();
        for (OptionSpec option : new ArrayList<>(cmd.options())) {
            if (option.completionCandidates() == null || option.arity().max() == 0) {
                continue;
            }
            String label = option.longestName().replaceFirst("^-+", "").replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
            cmd.remove(option);
            cmd.addOption(OptionSpec.builder(option).paramLabel(label).build());
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            labelChoicesApart(sub);
        }
    }
}
