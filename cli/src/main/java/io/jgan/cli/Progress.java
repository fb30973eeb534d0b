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
import java.util.Optional;

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
    private final long timeLimitSeconds;
    private final ProgressBar bar;
    private final long t0 = System.nanoTime();
    private long lastLine = System.nanoTime();

    private Progress(Mode mode, PrintStream lines, PrintStream barStream, long start, long total, long timeLimitSeconds) {
        this.mode = mode;
        this.timeLimitSeconds = timeLimitSeconds;
        this.lines = lines;
        this.total = total;
        this.start = start;
        this.every = Math.max(1, (total - start) / 20);
        this.bar = mode != Mode.BAR ? null : new ProgressBarBuilder()
                .setTaskName("train").setInitialMax(total).startsFrom(start, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(barStream))
                .setUpdateIntervalMillis(500).setUnit(" steps", 1).showSpeed(new DecimalFormat("0.00"))
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setEtaFunction(st -> Optional.of(Duration.ofMillis(Math.round(1000 * eta(
                        st.getElapsedAfterStart().toNanos() / 1e9, st.getCurrent() - st.getStart(), st.getMax() - st.getCurrent(),
                        timeLimitSeconds)))))
                .build();
    }

    /**
     * @param out where plain lines go
     * @param err where the bar goes
     * @param quiet no progress at all
     * @param start the first step (a resumed run's checkpoint step)
     * @param total the step to reach
     * @param timeLimitSeconds the run's time limit (0: none), which bounds the ETA
     * @return the progress display
     */
    static Progress create(PrintStream out, PrintStream err, boolean quiet, long start, long total, long timeLimitSeconds) {
        var console = System.console();
        boolean terminal = console != null && console.isTerminal() && out == System.out;
        Mode mode = quiet ? Mode.NONE : terminal ? Mode.BAR : Mode.LINES;
        return new Progress(mode, out, err, start, total, timeLimitSeconds);
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
                            Durations.format(eta(elapsed, s.step() - start, total - s.step(), timeLimitSeconds)));
                }
            }
            case NONE -> { }
        }
    }

    /**
     * The time left: the remaining steps at the rate so far, but never past the time limit, which
     * stops the run first when the steps cannot be reached in it ({@code --steps 10000000
     * --time-limit 10m} shows at most the 10 minutes, not the hundreds of hours the steps would take).
     *
     * @param elapsed seconds since this process started training
     * @param done steps taken in that time
     * @param left steps still to take
     * @param timeLimitSeconds the time limit, counted from the start of training (0: none)
     * @return seconds
     */
    static double eta(double elapsed, long done, long left, long timeLimitSeconds) {
        double bySteps = elapsed / Math.max(1, done) * Math.max(0, left);
        return timeLimitSeconds > 0 ? Math.max(0, Math.min(bySteps, timeLimitSeconds - elapsed)) : bySteps;
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
