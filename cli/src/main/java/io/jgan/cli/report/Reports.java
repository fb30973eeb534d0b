package io.jgan.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Writes report pages to disk: a run's {@code report.html}, or a comparison page of several runs. */
public final class Reports {
    private Reports() {}

    /**
     * Regenerates a run's report from its files.
     *
     * @param runDir the run directory
     * @param embed inline the sample images
     * @return the page written
     * @throws IOException if the run cannot be read or the page written
     * @throws IllegalArgumentException if the directory holds no run
     */
    public static Path writeRun(Path runDir, boolean embed) throws IOException {
        Path page = runDir.resolve(ReportPage.FILE_NAME);
        write(page, ReportPage.render(RunData.load(runDir, Long.MAX_VALUE), runDir, embed, null));
        return page;
    }

    /**
     * @param runDirs two or more run directories
     * @param page the comparison page to write
     * @param embed inline the sample images
     * @throws IOException if a run cannot be read or the page written
     * @throws IllegalArgumentException if a directory holds no run
     */
    public static void writeComparison(List<Path> runDirs, Path page, boolean embed) throws IOException {
        List<RunData> runs = new ArrayList<>();
        for (Path d : runDirs) {
            runs.add(RunData.load(d, Long.MAX_VALUE));
        }
        Path dir = page.toAbsolutePath().getParent();
        write(page, ComparePage.render(runs, dir, embed));
    }

    /**
     * Replaces a page whole (temp file and rename), so a browser reloading it never sees half of one. No
     * fsync: the page is rebuilt from the run's files at the next sample step or by {@code jgan report}.
     */
    static void write(Path page, String html) throws IOException {
        Path dir = page.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + page.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, page, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, page, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
