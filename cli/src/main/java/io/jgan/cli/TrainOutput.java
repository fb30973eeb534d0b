package io.jgan.cli;

import io.jgan.cli.output.ImageGrid;
import io.jgan.cli.output.Plots;
import io.jgan.datasets.Toy2d;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.Json;
import io.jgan.train.CoverageMetrics;
import io.jgan.train.GanTrainer;
import io.jgan.train.MetricsLog;
import io.jgan.train.NanGuard;
import io.jgan.train.TrainLoop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code jgan train} shows and draws as it runs: progress, fixed-noise sample grids (scatter
 * plots over the real points for 2-D data), mode coverage in the metrics for 2-D mixtures, and
 * {@code loss.png}, redrawn at every sample step.
 */
final class TrainOutput implements TrainLoop.Listener {
    /** Points of each series drawn in loss.png at most: enough for the shape, cheap to render. */
    private static final int MAX_PLOT_POINTS = 2000;

    private final Path runDir;
    private final Progress progress;
    private final int nrow;
    private final Tensor realPoints;
    private final Toy2d toy;
    private final List<double[]> history = new ArrayList<>(); // {step, d_loss, g_loss, estimate}
    private Path lastGrid;
    private long lastSampleStep = -1;

    /**
     * @param runDir the run directory
     * @param progress the progress display
     * @param nrow images per row of the sample grids
     * @param toy the 2-D distribution, or null for images
     * @param realPoints real 2-D points drawn under the samples, or null
     */
    TrainOutput(Path runDir, Progress progress, int nrow, Toy2d toy, Tensor realPoints) {
        this.runDir = runDir;
        this.progress = progress;
        this.nrow = nrow;
        this.toy = toy;
        this.realPoints = realPoints;
    }

    /**
     * Reloads the loss history of a resumed run up to its checkpoint, so loss.png shows the whole run.
     *
     * @param upTo the checkpoint's step
     * @throws IOException if metrics.jsonl cannot be read
     */
    void loadHistory(long upTo) throws IOException {
        Path metrics = runDir.resolve("metrics.jsonl");
        if (!Files.exists(metrics)) {
            return;
        }
        int number = 0;
        for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            Object parsed;
            try {
                parsed = Json.parse(line);
            } catch (IllegalArgumentException e) {
                throw new UserError(metrics + " line " + number + ": " + e.getMessage());
            }
            if (parsed instanceof Map<?, ?> m && m.get("d_loss") instanceof Number d
                    && m.get("g_loss") instanceof Number g && m.get("step") instanceof Number s && s.longValue() <= upTo) {
                Object est = m.containsKey("w_estimate") ? m.get("w_estimate") : null;
                history.add(new double[] {s.doubleValue(), d.doubleValue(), g.doubleValue(),
                        est instanceof Number e ? e.doubleValue() : Double.NaN});
            }
        }
    }

    /** @return the last sample grid written, or null */
    Path lastGrid() {
        return lastGrid;
    }

    @Override
    public void onStep(GanTrainer t, GanTrainer.StepStats s) {
        if (!s.skipped()) {
            history.add(new double[] {s.step(), s.dLoss(), s.gLoss(),
                    t.spec().isWasserstein() && s.estimate().isPresent() ? s.estimate().getAsDouble() : Double.NaN});
        }
        progress.step(s);
    }

    @Override
    public void onSamples(GanTrainer t, long step, Tensor samples) {
        if (step == lastSampleStep) {
            return; // the loop's final grid after a sample step: the same samples, already drawn
        }
        lastSampleStep = step;
        try {
            Path file = runDir.resolve("samples").resolve(String.format("step-%06d.png", step));
            Files.createDirectories(file.getParent());
            if (toy != null) {
                Plots.scatter(file, "step " + step, realPoints, samples);
                if (toy.centres().length > 0) {
                    logCoverage(step, samples);
                }
            } else {
                ImageGrid.write(samples, nrow, file);
            }
            lastGrid = file;
            drawLosses();
        } catch (IOException e) {
            throw TrainLoop.unchecked(e);
        }
    }

    private void logCoverage(long step, Tensor samples) throws IOException {
        float[][] c = toy.centres();
        Tensor centres = Tensor.zeros(c.length, 2);
        for (int i = 0; i < c.length; i++) {
            centres.set(c[i][0], i, 0);
            centres.set(c[i][1], i, 1);
        }
        Map<String, Object> rec = CoverageMetrics.record(step, samples, centres, toy.sigma());
        // Appended beside the loop's own lines: each line is flushed whole, and both run on this thread.
        try (MetricsLog log = new MetricsLog(runDir.resolve("metrics.jsonl"))) {
            log.write(rec);
        }
        progress.note(String.format(java.util.Locale.ROOT, "step %d: %s/%s modes covered, %.1f%% high quality",
                step, rec.get("modes_covered"), rec.get("modes"), 100 * (double) rec.get("high_quality")));
    }

    private void drawLosses() throws IOException {
        int n = history.size();
        int stride = Math.max(1, (n + MAX_PLOT_POINTS - 1) / MAX_PLOT_POINTS);
        int m = (n + stride - 1) / stride;
        double[] steps = new double[m];
        double[] d = new double[m];
        double[] g = new double[m];
        double[] w = new double[m];
        boolean hasW = false;
        for (int i = 0, k = 0; i < n; i += stride, k++) {
            double[] h = history.get(i);
            steps[k] = h[0];
            d[k] = finite(h[1]);
            g[k] = finite(h[2]);
            w[k] = finite(h[3]);
            hasW |= !Double.isNaN(h[3]);
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("D loss", d);
        series.put("G loss", g);
        if (hasW) {
            series.put("W estimate", w);
        }
        Plots.lines(runDir.resolve("loss.png"), "losses", steps, series);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    @Override
    public void onNanEvent(GanTrainer t, NanGuard.Event e) {
        progress.note("step " + e.step() + ": non-finite values (" + e.consecutive() + " in a row)"
                + (e.rolledBack() ? ", rolled back" : "") + (e.lrHalved() ? ", learning rates halved" : ""));
    }
}
