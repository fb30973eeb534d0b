package io.jgan.cli;

import io.jgan.datasets.download.DatasetSource;
import io.jgan.datasets.download.DatasetSources;
import io.jgan.datasets.download.Downloader;
import io.jgan.datasets.download.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jgan data}: dataset management; {@code jgan data fetch NAME --dir DIR} downloads and verifies a dataset. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Dataset downloads.",
        subcommands = DataCommand.Fetch.class)
final class DataCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(main.out());
        return Main.OK;
    }

    /** Downloads a dataset with checksums (resuming nothing already verified), showing a progress bar per file. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download a dataset (mnist, fashion-mnist, cifar10, cifar100) into DIR, checking every file's checksum.")
    static final class Fetch implements Callable<Integer> {
        @ParentCommand
        DataCommand data;

        @Parameters(index = "0", paramLabel = "NAME", description = "mnist, fashion-mnist, cifar10, cifar100")
        String name;
        @Option(names = "--dir", paramLabel = "DIR", description = "target directory (default data/NAME)")
        Path dir;
        @Option(names = {"-q", "--quiet"}, description = "no progress")
        boolean quiet;

        @Override
        public Integer call() throws IOException {
            DatasetSource source;
            try {
                source = DatasetSource.named(name);
            } catch (IllegalArgumentException e) {
                throw new UserError(e);
            }
            if (dir != null && dir.toString().isEmpty()) {
                throw new UserError("--dir must name a directory, got an empty value");
            }
            Path target = dir != null ? dir : Path.of("data", source.name());
            PrintStream out = data.main.out();
            try (FileProgress progress = new FileProgress(out, data.main.err(), quiet)) {
                List<Path> files = Downloader.create(progress).fetch(source, target);
                progress.close();
                out.println("fetched " + source.name() + ": " + files.size() + " file(s) verified in " + target
                        + (source == DatasetSources.MNIST ? " (train with: jgan train --data-dir " + target + ")"
                        : " (train with: jgan train --dataset " + source.name() + " --data-dir " + target + ")"));
            }
            return Main.OK;
        }
    }

    /** One progress bar per file on a terminal; a line per finished file otherwise. */
    static final class FileProgress implements ProgressListener, AutoCloseable {
        private final PrintStream out;
        private final PrintStream err;
        private final boolean quiet;
        private final boolean terminal;
        private String current;
        private ProgressBar bar;

        FileProgress(PrintStream out, PrintStream err, boolean quiet) {
            this.out = out;
            this.err = err;
            this.quiet = quiet;
            var console = System.console();
            this.terminal = console != null && console.isTerminal() && out == System.out;
        }

        @Override
        public void progress(String file, long done, long total) {
            if (quiet) {
                return;
            }
            if (!file.equals(current)) {
                close();
                current = file;
                if (terminal) {
                    bar = new ProgressBarBuilder().setTaskName(file).setInitialMax(Math.max(total, 0))
                            .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err))
                            .setUnit(" MiB", 1 << 20).showSpeed().build();
                }
            }
            if (bar != null) {
                if (total > 0 && bar.getMax() != total) {
                    bar.maxHint(total);
                }
                bar.stepTo(done);
            }
            if (!terminal && total >= 0 && done == total) {
                out.println(file + ": " + total + " bytes, verified");
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
