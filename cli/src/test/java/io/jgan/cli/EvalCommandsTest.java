package io.jgan.cli;

import io.jgan.eval.Classifier;
import io.jgan.tensor.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jgan eval}, {@code train --eval-every}, {@code demo parallel-lines} and {@code train-classifier}, end to end. */
class EvalCommandsTest {
    @TempDir
    Path tmp;

    private static final List<String> METRICS = List.of("fid", "kid_mean", "kid_std", "is_mean", "is_std", "precision", "recall",
            "class_entropy", "class_counts");

    @Test
    void evalPrintsOneJsonLineAndTrainingEvaluatesPeriodically() throws IOException {
        Path run = tmp.resolve("run");
        Cli t = Cli.run("train", "--model", "mlp", "--steps", "4", "--batch-size", "8", "--out", run.toString(), "--sample-every", "0",
                "--eval-every", "2", "--eval-samples", "40", "--ema", "0.9");
        assertEquals(0, t.code(), t.toString());
        List<String> evals = Files.readAllLines(run.resolve("eval.jsonl"));
        assertEquals(2, evals.size(), "steps 2 and 4");
        for (int i = 0; i < 2; i++) {
            Map<?, ?> line = (Map<?, ?>) Json.parse(evals.get(i));
            assertEquals(2L * (i + 1), ((Number) line.get("step")).longValue());
            assertEquals(Boolean.TRUE, line.get("ema"));
            assertEquals(40L, ((Number) line.get("samples")).longValue());
            assertTrue(line.keySet().containsAll(METRICS), line.toString());
        }

        Cli e = Cli.run("eval", "--checkpoint", run.toString(), "--n", "60", "--kid-subsets", "3", "--kid-subset-size", "50");
        assertEquals(0, e.code(), e.toString());
        assertEquals(1, e.outLines().size(), "one JSON line: " + e);
        Map<?, ?> m = (Map<?, ?>) Json.parse(e.outLines().getFirst());
        assertTrue(m.keySet().containsAll(METRICS), m.toString());
        assertEquals(60L, ((Number) m.get("samples")).longValue());
        assertEquals("mnist", m.get("dataset"));
        assertEquals(4L, ((Number) m.get("step")).longValue());
        assertTrue(((String) m.get("reference")).contains("10000 images"), m.toString());
        double fid = ((Number) m.get("fid")).doubleValue();
        assertTrue(fid > 0 && Double.isFinite(fid), "an untrained generator is far from MNIST: FID " + fid);
        List<?> counts = (List<?>) m.get("class_counts");
        assertEquals(10, counts.size());
        assertEquals(60L, counts.stream().mapToLong(c -> ((Number) c).longValue()).sum());
        double precision = ((Number) m.get("precision")).doubleValue();
        assertTrue(precision >= 0 && precision <= 1);
    }

    @Test
    void finalEvalScoresTheGeneratorOnceTrainingEnds() throws IOException {
        Path run = tmp.resolve("final");
        Cli t = Cli.run("train", "--model", "mlp", "--steps", "3", "--batch-size", "8", "--out", run.toString(), "--sample-every", "0",
                "--final-eval", "50", "--threads", "1");
        assertEquals(0, t.code(), t.toString());
        List<String> evals = Files.readAllLines(run.resolve("eval.jsonl"));
        assertEquals(1, evals.size());
        Map<?, ?> line = (Map<?, ?>) Json.parse(evals.getFirst());
        assertEquals(Boolean.TRUE, line.get("final"));
        assertEquals(3L, ((Number) line.get("step")).longValue());
        assertEquals(Boolean.TRUE, line.get("ema"), "new runs keep an EMA generator and it is what is scored");
        assertEquals(50L, ((Number) line.get("samples")).longValue());
        String fid = String.format(java.util.Locale.ROOT, "%.1f", ((Number) line.get("fid")).doubleValue());
        assertTrue(t.out().contains("final FID " + fid + ","), t.out());
        // the trained weights score differently from their 3-step average, and both are available
        Cli trained = Cli.run("eval", "--checkpoint", run.toString(), "--n", "50", "--weights", "trained");
        assertEquals(0, trained.code(), trained.toString());
        assertEquals(Boolean.FALSE, ((Map<?, ?>) Json.parse(trained.outLines().getFirst())).get("ema"));
        assertOneLineUsage(Cli.run("train", "--model", "mlp", "--steps", "1", "--out", tmp.resolve("f2").toString(), "--final-eval", "5"));
        assertOneLineUsage(Cli.run("eval", "--checkpoint", run.toString(), "--weights", "both"));
    }

    @Test
    void evalRejectsBadInputWithOneLine() throws IOException {
        assertOneLineUsage(Cli.run("eval", "--checkpoint", tmp.resolve("missing").toString()));
        Path toy = tmp.resolve("toy");
        assertEquals(0, Cli.run("train", "--model", "toy", "--dataset", "ring8", "--steps", "1", "--batch-size", "8", "--out",
                toy.toString(), "--sample-every", "0").code());
        Cli r = Cli.run("eval", "--checkpoint", toy.toString());
        assertOneLineUsage(r);
        assertTrue(r.err().contains("2-D points"), r.err());
        assertOneLineUsage(Cli.run("eval", "--checkpoint", toy.toString(), "--n", "5"));
        assertOneLineUsage(Cli.run("train", "--model", "toy", "--dataset", "ring8", "--steps", "1", "--out", tmp.resolve("t2").toString(),
                "--eval-every", "1"));
        assertOneLineUsage(Cli.run("eval", "--checkpoint", toy.toString(), "--dataset", "fashion-mnist", "--data-dir", tmp.toString()));
    }

    @Test
    void demoPrintsTheParallelLinesTable() {
        Cli r = Cli.run("demo", "parallel-lines", "--steps", "20", "--thetas", "0,1.5", "--seed", "3");
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.outLines();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (header < 0 && lines.get(i).trim().startsWith("theta")) {
                header = i;
            }
        }
        assertTrue(header >= 0, r.out());
        assertTrue(lines.get(header + 1).trim().startsWith("0.000"), lines.get(header + 1));
        assertTrue(lines.get(header + 2).trim().startsWith("1.500 "), lines.get(header + 2));
        assertOneLineUsage(Cli.run("demo", "parallel-lines", "--steps", "0"));
        assertOneLineUsage(Cli.run("demo", "parallel-lines", "--thetas", "abc"));
    }

    @Test
    void trainClassifierWritesLoadableWeights() throws IOException {
        Path out = tmp.resolve("clf.safetensors");
        Cli r = Cli.run("train-classifier", "--data-dir", RealDataMetricsTest.mnistDir().toString(), "--out", out.toString(),
                "--epochs", "1", "--train-limit", "256", "--batch-size", "64");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("test accuracy"), r.out());
        Classifier c = Classifier.load(out);
        assertEquals(Classifier.Config.mnist(), c.config());
        // the same command gives the same bytes: the shipped weights are reproducible
        Path again = tmp.resolve("again.safetensors");
        assertEquals(0, Cli.run("train-classifier", "--data-dir", RealDataMetricsTest.mnistDir().toString(), "--out", again.toString(),
                "--epochs", "1", "--train-limit", "256", "--batch-size", "64").code());
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again));
        assertOneLineUsage(Cli.run("train-classifier", "--dataset", "cifar10", "--data-dir", tmp.toString(), "--out", out.toString()));
        assertOneLineUsage(Cli.run("train-classifier", "--dataset", "fashion-mnist", "--data-dir", tmp.toString(), "--out",
                out.toString()));
    }

    private static void assertOneLineUsage(Cli r) {
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.errLines().size(), "one line on stderr: " + r);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    }
}
