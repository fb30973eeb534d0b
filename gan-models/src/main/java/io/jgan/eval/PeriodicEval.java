package io.jgan.eval;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.train.GanTrainer;
import io.jgan.train.MetricsLog;
import io.jgan.train.NanGuard;
import io.jgan.train.TrainLoop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link TrainLoop.Listener} that evaluates the generator every N steps ({@code --eval-every N})
 * and appends one JSON line per evaluation to a file ({@code eval.jsonl} in the run directory),
 * passing every event on to the listener it wraps. Each evaluation draws the same latent codes (a
 * stream named after the run's seed), so successive lines differ only by the generator's training.
 * The EMA weights are evaluated when the run keeps them, as {@code jgan eval} does.
 */
public final class PeriodicEval implements TrainLoop.Listener {
    /** The file name the command line uses in a run directory. */
    public static final String FILE_NAME = "eval.jsonl";

    private final ImageEvaluator evaluator;
    private final long every;
    private final int samples;
    private final Path file;
    private final TrainLoop.Listener next;
    private final Consumer<Map<String, Object>> onReport;

    /**
     * @param evaluator the metrics against the reference set
     * @param every steps between evaluations, &gt;= 1
     * @param samples samples per evaluation
     * @param file the .jsonl file appended to
     * @param next the listener every event is passed on to
     * @param onReport also receives each line (e.g. to print it), or null
     */
    public PeriodicEval(ImageEvaluator evaluator, long every, int samples, Path file, TrainLoop.Listener next,
                        Consumer<Map<String, Object>> onReport) {
        if (every < 1 || samples < evaluator.minimumSamples()) {
            throw new IllegalArgumentException("periodic evaluation needs a positive period and at least " + evaluator.minimumSamples()
                    + " samples, got " + every + " and " + samples);
        }
        this.evaluator = evaluator;
        this.every = every;
        this.samples = samples;
        this.file = file;
        this.next = next;
        this.onReport = onReport;
    }

    @Override
    public void onStep(GanTrainer t, GanTrainer.StepStats s) {
        next.onStep(t, s);
        if (s.step() % every == 0) {
            Map<String, Object> line = evaluate(t, samples, evaluator);
            try (MetricsLog log = new MetricsLog(file)) {
                log.write(line);
            } catch (IOException e) {
                throw TrainLoop.unchecked(e);
            }
            if (onReport != null) {
                onReport.accept(line);
            }
        }
    }

    /**
     * Evaluates a trainer's generator now.
     *
     * @param t the trainer
     * @param n samples to draw
     * @param evaluator the metrics
     * @return {@code step}, {@code ema} and the report's values
     */
    public static Map<String, Object> evaluate(GanTrainer t, int n, ImageEvaluator evaluator) {
        Rng noise = new Rng(t.spec().seed()).split("eval-noise");
        Tensor x = Sampling.draw(t.generator(), t.ema(), n, t.spec().numClasses(), noise);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", t.stepCount());
        line.put("ema", t.ema() != null);
        line.putAll(evaluator.evaluate(x).toMap());
        return line;
    }

    @Override
    public void onSamples(GanTrainer t, long step, Tensor samples) {
        next.onSamples(t, step, samples);
    }

    @Override
    public void onCheckpoint(GanTrainer t, Path checkpoint) {
        next.onCheckpoint(t, checkpoint);
    }

    @Override
    public void onNanEvent(GanTrainer t, NanGuard.Event event) {
        next.onNanEvent(t, event);
    }
}
