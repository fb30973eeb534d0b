package io.jgan.cli;

import io.jgan.cli.report.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jgan report RUN [RUN...]}: regenerates each run's report.html and, for several runs, a comparison page. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Regenerate report.html in each run directory; given several runs, also write one page comparing them.",
                "Open the pages in any browser: they load nothing from the network."})
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "RUN", arity = "1..*", description = "run directories")
    List<Path> runs;

    @Option(names = "--out", paramLabel = "FILE", description = "the comparison page (default compare.html in the current directory)")
    Path out;

    @Option(names = "--embed", description = "put the sample images inside the pages (one file to share) instead of linking to samples/")
    boolean embed;

    @Override
    public Integer call() throws IOException {
        try {
            return write();
        } catch (IllegalArgumentException e) {
            throw new UserError(e); // every check here is of the runs and options the user named
        }
    }

    private Integer write() throws IOException {
        if (runs.size() == 1 && out != null) {
            throw new IllegalArgumentException("--out names the comparison page, which needs two or more runs");
        }
        for (Path run : runs) {
            main.out().println(Reports.writeRun(run, embed));
        }
        if (runs.size() > 1) {
            Path page = out != null ? out : Path.of("compare.html");
            Reports.writeComparison(runs, page, embed);
            main.out().println(page);
        }
        return Main.OK;
    }
}
