package io.jgan.train;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a {@link GanTrainer} to a step count or a wall-clock limit: metrics to
 * {@code metrics.jsonl}, fixed-noise samples every N steps, checkpoints every N steps and at the end
 * ({@code checkpoints/last.safetensors}, plus {@code step-NNNNNN.safetensors} periodically).
 * What to do with samples (PNG grids, scatter plots) and how to show progress is the listener's
 * business, so this module never draws.
 */
public final class TrainLoop {
    /** Called as training goes; every method has a no-op default. */
    public interface Listener {
        /** @param t the trainer @param s the step's numbers */
        default void onStep(GanTrainer t, GanTrainer.StepStats s) {}

        /**
         * @param t the trainer
         * @param step the step
         * @param samples fixed-noise samples [N, ...]
         */
        default void onSamples(GanTrainer t, long step, Tensor samples) {}

        /** @param t the trainer @param file the checkpoint written */
        default void onCheckpoint(GanTrainer t, Path file) {}

        /** @param t the trainer @param event a non-finite step the guard handled */
        default void onNanEvent(GanTrainer t, NanGuard.Event event) {}
    }

    /** Periodic checkpoints kept by default: the newest three. */
    public static final int DEFAULT_KEEP_CHECKPOINTS = 3;

    /**
     * @param totalSteps generator steps to reach
     * @param timeLimitSeconds stop cleanly after this long (0: no limit)
     * @param runDir where metrics and checkpoints go
     * @param samples how many fixed-noise samples each grid has
     * @param keepCheckpoints how many periodic {@code step-NNNNNN.safetensors} to keep (the newest; 0: none)
     */
    public record Options(long totalSteps, long timeLimitSeconds, Path runDir, int samples, int keepCheckpoints) {
        /** Validates the values. */
        public Options {
            if (totalSteps < 0 || timeLimitSeconds < 0 || samples < 1 || keepCheckpoints < 0) {
                throw new IllegalArgumentException("invalid loop options: " + totalSteps + " steps, time limit " + timeLimitSeconds
                        + " s, " + samples + " samples, keep " + keepCheckpoints + " checkpoints");
            }
        }

        /**
         * Keeps the {@link #DEFAULT_KEEP_CHECKPOINTS} newest periodic checkpoints.
         *
         * @param totalSteps generator steps to reach
         * @param timeLimitSeconds stop cleanly after this long (0: no limit)
         * @param runDir where metrics and checkpoints go
         * @param samples how many fixed-noise samples each grid has
         */
        public Options(long totalSteps, long timeLimitSeconds, Path runDir, int samples) {
            this(totalSteps, timeLimitSeconds, runDir, samples, DEFAULT_KEEP_CHECKPOINTS);
        }
    }

    private TrainLoop() {}

    /**
     * The fixed noise of a run: the same for every call with one seed, so grids of a resumed run
     * continue the uninterrupted one.
     *
     * @param t the trainer
     * @param n how many
     * @return [n, latent]
     */
    public static Tensor fixedNoise(GanTrainer t, int n) {
        return Tensor.randn(new Rng(t.spec().seed()).split("fixed-noise"), n, t.generator().latentDim());
    }

    /**
     * @param t the trainer
     * @param n how many
     * @return labels 0, 1, ..., classes-1 repeated (one row per class in a grid of width classes), or null
     */
    public static int[] fixedLabels(GanTrainer t, int n) {
        if (!t.generator().conditional()) {
            return null;
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % t.spec().numClasses();
        }
        return y;
    }

    /**
     * Trains until {@code totalSteps} or the time limit.
     *
     * @param t the trainer (possibly resumed)
     * @param o the options
     * @param listener progress and output
     * @return why it stopped: "steps" or "time-limit"
     * @throws IOException if metrics or checkpoints cannot be written
     */
    public static String run(GanTrainer t, Options o, Listener listener) throws IOException {
        io.jgan.train.spec.Outputs cfg = t.spec().outputs();
        Tensor z = fixedNoise(t, o.samples());
        int[] y = fixedLabels(t, o.samples());
        long deadline = deadline(System.nanoTime(), o.timeLimitSeconds());
        String reason = "steps";
        int eventsSeen = t.guard().events().size();
        try (MetricsLog log = new MetricsLog(o.runDir().resolve("metrics.jsonl"))) {
            while (t.stepCount() < o.totalSteps()) {
                if (System.nanoTime() - deadline > 0) { // a difference, as nanoTime may wrap
                    reason = "time-limit";
                    break;
                }
                GanTrainer.StepStats s;
                try {
                    s = t.step();
                } catch (TrainingDivergedException e) {
                    throw keepLastGoodState(t, o, listener, e);
                }
                listener.onStep(t, s);
                eventsSeen = logNanEvents(t, eventsSeen, log, listener);
                if (s.step() % cfg.logEvery() == 0 || s.step() == o.totalSteps()) {
                    log.write(record(t, s));
                }
                if (cfg.sampleEvery() > 0 && s.step() % cfg.sampleEvery() == 0) {
                    listener.onSamples(t, s.step(), t.sample(z, y));
                }
                if (cfg.checkpointEvery() > 0 && s.step() % cfg.checkpointEvery() == 0) {
                    checkpoint(t, o, listener, true);
                }
            }
        }
        listener.onSamples(t, t.stepCount(), t.sample(z, y));
        checkpoint(t, o, listener, false);
        return reason;
    }

    /** Logs the guard's events since {@code seen} and tells the listener; @return the events seen now. */
    private static int logNanEvents(GanTrainer t, int seen, MetricsLog log, Listener listener) throws IOException {
        var events = t.guard().events();
        for (int i = seen; i < events.size(); i++) {
            NanGuard.Event e = events.get(i);
            listener.onNanEvent(t, e);
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("step", e.step());
            rec.put("event", "non-finite");
            rec.put("consecutive", e.consecutive());
            rec.put("rolled_back", e.rolledBack());
            rec.put("lr_halved", e.lrHalved());
            log.write(rec);
        }
        return events.size();
    }

    /**
     * The wall-clock deadline of a time limit, saturating: a limit of 10^10 s (beyond 2^63 ns) is
     * "never", not an overflow into the past.
     *
     * @param now {@link System#nanoTime()} at the start
     * @param limitSeconds the limit (0: none)
     * @return the nanoTime to stop at, compared by difference; {@code now + Long.MAX_VALUE} without a limit
     */
    static long deadline(long now, long limitSeconds) {
        long max = Long.MAX_VALUE / 1_000_000_000L;
        long nanos = limitSeconds <= 0 || limitSeconds >= max ? Long.MAX_VALUE : limitSeconds * 1_000_000_000L;
        return now + nanos; // may wrap; the loop compares nanoTime() - deadline, which does not
    }

    /**
     * When the NaN guard stops a run, the guard's last snapshot (weights, optimiser state and EMA of
     * a good step, the state it rolls back to) becomes {@code checkpoints/last.safetensors}, marked as
     * diverged, so no work is lost and the run can continue with a lower learning rate. The step
     * count, streams and data position stay those of the stop, so the continuation does not replay
     * the batches it already saw.
     */
    private static TrainingDivergedException keepLastGoodState(GanTrainer t, Options o, Listener listener, TrainingDivergedException e)
            throws IOException {
        long good = t.guard().restoreSnapshot();
        t.guard().clearFailures();
        Path last = o.runDir().resolve("checkpoints").resolve("last.safetensors");
        if (good < 0) {
            // no good step since this run started (or resumed): a checkpoint already there is that start, kept as it was
            return !Files.exists(last) ? e : new TrainingDivergedException(e.getMessage() + "; no step of this run was good, "
                    + last + " is unchanged (the state it started from): continue with --resume " + o.runDir() + " and a lower --lr", e);
        }
        if (!TrainerState.save(t, last)) {
            return e;
        }
        listener.onCheckpoint(t, last);
        return new TrainingDivergedException(e.getMessage() + "; the last good state (the weights after step " + good + ") is saved as "
                + last + ": continue with --resume " + o.runDir() + " and a lower --lr", e);
    }

    private static void checkpoint(GanTrainer t, TrainLoop.Options o, Listener listener, boolean periodic) throws IOException {
        Path dir = o.runDir().resolve("checkpoints");
        Path last = dir.resolve("last.safetensors");
        if (TrainerState.save(t, last)) {
            listener.onCheckpoint(t, last);
        }
        if (periodic && o.keepCheckpoints() > 0) {
            TrainerState.saveState(t, dir.resolve(String.format("step-%06d.safetensors", t.stepCount())));
            prune(dir, o.keepCheckpoints());
        }
    }

    /**
     * Deletes all but the {@code keep} newest periodic checkpoints (by step, not by name: step
     * 1000000 has seven digits).
     *
     * @param dir the checkpoint directory
     * @param keep how many to keep
     * @throws IOException if the directory cannot be listed or a file deleted
     */
    static void prune(Path dir, int keep) throws IOException {
        java.util.TreeMap<Long, Path> periodic = new java.util.TreeMap<>();
        try (var files = java.nio.file.Files.newDirectoryStream(dir, "step-*.safetensors")) {
            for (Path f : files) {
                String digits = f.getFileName().toString().substring(5, f.getFileName().toString().length() - ".safetensors".length());
                if (digits.matches("[0-9]{1,18}")) {
                    periodic.put(Long.parseLong(digits), f);
                }
            }
        }
        while (periodic.size() > keep) {
            java.nio.file.Files.deleteIfExists(periodic.pollFirstEntry().getValue());
        }
    }

    /**
     * @param t the trainer
     * @param s a step's numbers
     * @return the metrics line of that step
     */
    public static Map<String, Object> record(GanTrainer t, GanTrainer.StepStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", s.step());
        m.put("d_loss", s.dLoss());
        m.put("g_loss", s.gLoss());
        m.put("d_real", s.dReal());
        m.put("d_fake", s.dFake());
        if (s.estimate().isPresent()) {
            m.put(t.loss().estimateName(), s.estimate().getAsDouble());
        }
        if (t.spec().objective().hasPenalty()) {
            m.put("penalty", s.penalty());
        }
        m.put("grad_norm_g", s.gradNormG());
        m.put("grad_norm_d", s.gradNormD());
        m.put("lr_g", (double) t.optimizerG().learningRate());
        m.put("lr_d", (double) t.optimizerD().learningRate());
        m.put("critic_steps", s.criticSteps());
        m.put("skipped", s.skipped());
        m.put("sec_per_step", s.seconds());
        return m;
    }

    /**
     * Wraps an IOException for listeners that must not throw checked exceptions.
     *
     * @param e the exception
     * @return an unchecked wrapper
     */
    public static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
