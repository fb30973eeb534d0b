package io.jgan.cli.report;

import io.jgan.cli.tensorboard.EventFile;
import io.jgan.tensor.Tensor;
import io.jgan.train.GanTrainer;
import io.jgan.train.NanGuard;
import io.jgan.train.TrainLoop;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps a training run's {@code report.html} and TensorBoard event file current. It follows
 * {@code metrics.jsonl} and {@code eval.jsonl} as the loop and the evaluator append to them, so every
 * numeric value logged becomes a scalar exactly as written there (a line is in the event file by the
 * next step, or at once at a sample step); each new sample grid becomes an image summary, and the report
 * is rewritten at each sample step and when the run ends ({@link #close}).
 *
 * <p>It also times itself, so the report's footer says what writing both costs next to the steps.
 */
public final class LiveReport implements TrainLoop.Listener, Closeable {
    /** The image summary's tag: TensorBoard's Images tab shows its slider over the steps. */
    public static final String IMAGE_TAG = "samples";

    private final Path runDir;
    private final RunData data;
    private final EventFile events;
    private final JsonlFollower metrics;
    private final JsonlFollower evals;
    private long ownNanos;
    private double stepSeconds;
    private long steps;

    private LiveReport(Path runDir, long startStep) throws IOException {
        this.runDir = runDir;
        boolean resumed = startStep > 0;
        Path m = runDir.resolve(RunData.METRICS);
        Path e = runDir.resolve(RunData.EVAL);
        this.data = resumed ? RunData.load(runDir, startStep) : emptyRun(runDir);
        this.metrics = new JsonlFollower(m, resumed && Files.exists(m) ? Files.size(m) : 0, startStep);
        this.evals = new JsonlFollower(e, resumed && Files.exists(e) ? Files.size(e) : 0, startStep);
        this.events = resumed ? EventFile.resume(runDir, startStep) : EventFile.create(runDir);
    }

    private static RunData emptyRun(Path runDir) throws IOException {
        return RunData.load(runDir, -1); // the configuration only: nothing logged has a step below 0
    }

    /**
     * @param runDir the run directory (config.json already written)
     * @param startStep the step the run starts or resumes from: what was logged after it is not shown
     * @return the live report
     * @throws IOException if the event file cannot be opened or the run's files read
     */
    public static LiveReport open(Path runDir, long startStep) throws IOException {
        return new LiveReport(runDir, startStep);
    }

    /**
     * @param first the listener that writes the grids and the metrics this one reads
     * @return a listener calling {@code first}, then this
     */
    public TrainLoop.Listener after(TrainLoop.Listener first) {
        LiveReport self = this;
        return new TrainLoop.Listener() {
            @Override
            public void onStep(GanTrainer t, GanTrainer.StepStats s) {
                first.onStep(t, s);
                self.onStep(t, s);
            }

            @Override
            public void onSamples(GanTrainer t, long step, Tensor samples) {
                first.onSamples(t, step, samples);
                self.onSamples(t, step, samples);
            }

            @Override
            public void onCheckpoint(GanTrainer t, Path file) {
                first.onCheckpoint(t, file);
            }

            @Override
            public void onNanEvent(GanTrainer t, NanGuard.Event event) {
                first.onNanEvent(t, event);
            }
        };
    }

    /** @return the event file being written */
    public Path eventFile() {
        return events.file();
    }

    @Override
    public void onStep(GanTrainer t, GanTrainer.StepStats s) {
        long t0 = System.nanoTime();
        stepSeconds += s.seconds();
        steps++;
        try {
            follow();
        } catch (IOException e) {
            throw TrainLoop.unchecked(e);
        }
        ownNanos += System.nanoTime() - t0;
    }

    @Override
    public void onSamples(GanTrainer t, long step, Tensor samples) {
        long t0 = System.nanoTime();
        try {
            follow();
            Path grid = runDir.resolve("samples").resolve(String.format(Locale.ROOT, "step-%06d.png", step));
            if (!data.grids().containsKey(step) && Files.isRegularFile(grid)) {
                events.image(step, IMAGE_TAG, Files.readAllBytes(grid));
                data.addGrid(step, grid);
            }
            writeReport();
        } catch (IOException e) {
            throw TrainLoop.unchecked(e);
        }
        ownNanos += System.nanoTime() - t0;
    }

    /** Takes the last lines in, writes the final report and closes the event file. */
    @Override
    public void close() throws IOException {
        try {
            long t0 = System.nanoTime();
            follow();
            writeReport();
            ownNanos += System.nanoTime() - t0;
        } finally {
            events.close();
        }
    }

    private void follow() throws IOException {
        List<Map<String, Object>> m = metrics.poll();
        if (!m.isEmpty()) {
            scalars(m, false);
            data.add(m, false);
        }
        List<Map<String, Object>> e = evals.poll();
        if (!e.isEmpty()) {
            scalars(e, true);
            data.add(e, true);
        }
    }

    private void scalars(List<Map<String, Object>> lines, boolean eval) throws IOException {
        for (Map<String, Object> line : lines) {
            long step = Tags.step(line);
            if (step < 0) {
                continue;
            }
            Map<String, Float> values = new LinkedHashMap<>();
            for (Map.Entry<String, Object> v : line.entrySet()) {
                Double d = v.getKey().equals("step") ? null : Tags.number(v.getValue());
                if (d != null) {
                    values.put(Tags.of(line, v.getKey(), eval), d.floatValue());
                }
            }
            events.scalars(step, values); // one write per line: TensorBoard sees it at once
        }
    }

    private void writeReport() throws IOException {
        String note = steps == 0 ? null : String.format(Locale.ROOT,
                "Writing this report and the TensorBoard event file took %.2f ms per step on average, %.2f%% of the %.1f ms a step took",
                ownNanos / 1e6 / steps, 100 * ownNanos / 1e9 / stepSeconds, 1000 * stepSeconds / steps);
        Reports.write(runDir.resolve(ReportPage.FILE_NAME), ReportPage.render(data, runDir, false, note));
    }

    /** @return seconds spent writing the outputs so far, for the footer and for measurement */
    public double ownSeconds() {
        return ownNanos / 1e9;
    }

    /** @return the training step time seen so far, in seconds */
    public double stepSeconds() {
        return stepSeconds;
    }
}
