package io.jgan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * Entry point of the {@code jgan} command: {@code train}, {@code sample}, {@code interpolate},
 * {@code info}, {@code data fetch}, {@code eval}, {@code demo}, {@code train-classifier},
 * {@code bench} and {@code report}, parsed by picocli. Exit codes: 0 success, 2 bad arguments or bad input (one line on
 * stderr), 1 internal failure (one line naming a log with the stack trace).
 */
@Command(name = "jgan", mixinStandardHelpOptions = true, versionProvider = Versions.Provider.class,
        description = "Generative Adversarial Networks trained on the CPU in pure Java.",
        subcommands = {TrainCommand.class, SampleCommand.class, InterpolateCommand.class, InfoCommand.class,
                DataCommand.class, EvalCommand.class, DemoCommand.class, TrainClassifierCommand.class,
                BenchCommand.class, CompletionCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit code of a successful command. */
    public static final int OK = 0;
    /** Exit code of an internal failure (a bug or an environment problem). */
    public static final int INTERNAL = 1;
    /** Exit code of bad arguments or bad input files. */
    public static final int USAGE = 2;
    /** Exit code: training stopped because it diverged (the last good state is saved; resume with a lower learning rate). */
    public static final int DIVERGED = 3;

    private final PrintStream out;
    private final PrintStream err;

    @Spec
    CommandSpec spec;

    private Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** @return where commands print results */
    PrintStream out() {
        return out;
    }

    /** @return where commands print progress and errors */
    PrintStream err() {
        return err;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(out);
        return OK;
    }

    /**
     * Runs the command line with the given streams; never calls {@code System.exit}, so tests can
     * run commands in-process.
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Main main = new Main(out, err);
        CommandLine cl = new CommandLine(main);
        cl.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            // One line, no usage dump: the help is one --help away.
            err.println(ex.getCommandLine().getCommandName() + ": " + Errors.oneLine(ex.getMessage())
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> Errors.report(ex, c.getCommandName(), err));
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError oom) {
            // picocli only handles Exceptions; the heap is the launcher's choice, so say how to change it
            err.println("jgan: out of memory (" + Errors.oneLine(String.valueOf(oom.getMessage()))
                    + "): give the JVM more heap, e.g. JGAN_JAVA_OPTS=\"-Xmx2g -XX:+UseParallelGC\" ./jgan ...");
            return INTERNAL;
        }
    }

    /**
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }
}
