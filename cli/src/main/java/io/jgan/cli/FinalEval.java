package io.jgan.cli;

import io.jgan.datasets.Split;
import io.jgan.eval.Classifier;
import io.jgan.eval.ImageEvaluator;
import io.jgan.eval.PeriodicEval;
import io.jgan.train.GanTrainer;
import io.jgan.train.MetricsLog;
import io.jgan.train.spec.RunSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code jgan train --final-eval N}: scores the generator (the EMA one when the run keeps it) with
 * the project's evaluator once training ends, appends the line to {@code eval.jsonl} with
 * {@code "final": true}, and returns it for the summary. The run that names no length does it with
 * 10000 samples, so a first run ends with the number that says how good its digits are.
 */
final class FinalEval {
    /** Samples of the default run's final evaluation: the usual FID sample count. */
    static final int DEFAULT_SAMPLES = 10_000;

    private FinalEval() {}

    /**
     * @param cfg the run
     * @param classifier a classifier file, or null for the shipped one
     * @return true if the run's data and model can be scored (MNIST-family images with a classifier for them)
     */
    static boolean possible(RunSpec cfg, Path classifier) {
        String ds = cfg.data().name();
        boolean images = cfg.shape().channels() == 1 && cfg.shape().size() == 28 && !cfg.shape().points();
        return images && (ds.equals("mnist") || (ds.equals("fashion-mnist") && classifier != null));
    }

    /**
     * Builds the evaluator before training, so a missing test split fails at once.
     *
     * @param cfg the run
     * @param classifier a classifier file, or null for the shipped one
     * @return the evaluator with the default options of {@code jgan eval}
     * @throws IOException if the classifier or the test split cannot be read
     */
    static ImageEvaluator evaluator(RunSpec cfg, Path classifier) throws IOException {
        String dataset = cfg.data().name();
        Classifier c = EvalData.classifier(dataset, classifier);
        EvalData.Images test = EvalData.load(dataset, cfg.data().dir() == null ? null : Path.of(cfg.data().dir()), Split.TEST);
        return new ImageEvaluator(c, test.images().images(0, test.images().size()), ImageEvaluator.Options.defaults());
    }

    /**
     * @param t the trained trainer
     * @param evaluator from {@link #evaluator}
     * @param n samples
     * @param runDir the run directory (eval.jsonl)
     * @return the line written
     * @throws IOException if eval.jsonl cannot be written
     */
    static Map<String, Object> run(GanTrainer t, ImageEvaluator evaluator, int n, Path runDir) throws IOException {
        EvalCommand.checkShape(t.generator().sampleShape(), evaluator.classifier().config());
        Map<String, Object> line = PeriodicEval.evaluate(t, n, evaluator);
        line.put("final", true);
        try (MetricsLog log = new MetricsLog(runDir.resolve(PeriodicEval.FILE_NAME))) {
            log.write(line);
        }
        return line;
    }

    /** @param line a line of {@link #run} @return the summary line */
    static String summary(Map<String, Object> line) {
        return String.format(Locale.ROOT, "final FID %.1f, precision %.2f, recall %.2f (%s samples of the %s generator, project evaluator;"
                        + " eval.jsonl)", ((Number) line.get("fid")).doubleValue(), ((Number) line.get("precision")).doubleValue(),
                ((Number) line.get("recall")).doubleValue(), line.get("samples"), Boolean.TRUE.equals(line.get("ema")) ? "EMA" : "trained");
    }
}
