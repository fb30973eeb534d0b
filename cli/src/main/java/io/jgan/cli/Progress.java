package io.jgan.cli;

import io.jgan.train.GanTrainer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.Closeable;
import java.io.PrintStream;
import java.text.DecimalFormat;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Shows how training goes: a progress bar (step, rate, ETA, latest losses) on a terminal, plain
 * lines every 5% (and at least every 30 s) when the output is a file or a pipe, nothing with
 * {@code --quiet}. Notes (samples written, non-finite steps) go to the same place.
 */
final class Progress implements Closeable {
    private enum Mode { BAR, LINES, NONE }

    private final Mode mode;
    private final PrintStream lines;
    private final long total;
    private final long start;
    private final long every;
    private final ProgressBar bar;
    private final long t0 = System.nanoTime();
    private long lastLine = System.nanoTime();

    private Progress(Mode mode, PrintStream lines, PrintStream barStream, long start, long total) {
        this.mode = mode;
        this.lines = lines;
        this.total = total;
        this.start = start;
        this.every = Math.max(1, (total - start) / 20);
        this.bar = mode != Mode.BAR ? null : new ProgressBarBuilder()
                .setTaskName("train").setInitialMax(total).startsFrom(start, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(barStream))
                .setUpdateIntervalMillis(500).setUnit(" steps", 1).showSpeed(new DecimalFormat("0.00"))
                .setSpeedUnit(ChronoUnit.SECONDS).build();
    }

    /**
     * @param out where plain lines go
     * @param err where the bar goes
     * @param quiet no progress at all
     * @param start the first step (a resumed run's checkpoint step)
     * @param total the step to reach
     * @return the progress display
     */
    static Progress create(PrintStream out, PrintStream err, boolean quiet, long start, long total) {
        var console = System.console();
        boolean terminal = console != null && console.isTerminal() && out == System.out;
        Mode mode = quiet ? Mode.NONE : terminal ? Mode.BAR : Mode.LINES;
        return new Progress(mode, out, err, start, total);
    }

    /** @param s the step just taken */
    void step(GanTrainer.StepStats s) {
        String losses = String.format(Locale.ROOT, " D %.4f G %.4f", s.dLoss(), s.gLoss());
        switch (mode) {
            case BAR -> {
                bar.stepTo(s.step());
                bar.setExtraMessage(losses);
            }
            case LINES -> {
                long now = System.nanoTime();
                if ((s.step() - start) % every == 0 || s.step() == total || now - lastLine > 30_000_000_000L) {
                    lastLine = now;
                    double elapsed = (now - t0) / 1e9;
                    double perStep = elapsed / Math.max(1, s.step() - start);
                    lines.printf(Locale.ROOT, "step %d/%d %s  %.3f s/step  ETA %s%n", s.step(), total, losses, perStep,
                            Durations.format(perStep * (total - s.step())));
                }
            }
            case NONE -> { }
        }
    }

    /** @param text a one-line note, printed above the bar or as a line */
    void note(String text) {
        switch (mode) {
            case BAR -> lines.println("\r\u001b[K" + text); // clears the bar's line first
            case LINES -> lines.println(text);
            case NONE -> { }
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
