package io.jgan.spark;

import io.jgan.models.DataShape;
import io.jgan.models.ModelKind;
import io.jgan.models.Models;
import io.jgan.tensor.Parallel;
import io.jgan.tensor.Rng;
import io.jgan.train.BatchSource;
import io.jgan.train.GanTrainer;
import io.jgan.train.spec.DataSpec;
import io.jgan.train.spec.RunSpec;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The overhead benchmark (a timed benchmark, not a test; {@code gan-spark/bench/overhead.sh} runs it):
 * steps per second of the local trainer, of its twin with 2 micro-batches, and of the same run on
 * {@code --spark local[2] --workers 2}, for DCGAN on the bundled MNIST images at batch 64, NS and
 * WGAN-GP. All three live in one JVM and are timed in interleaved rounds (local, twin, spark, local,
 * ...) so that a machine whose load changes (a shared one) weighs on each alike; the figure is the
 * median over rounds. The local trainers compute on 2 threads; each Spark task on 1 (two tasks at once).
 */
public final class OverheadBenchmark {
    private OverheadBenchmark() {}

    /**
     * @param args [steps per round (3)] [rounds (5)] [losses (ns,wgan-gp)]
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> losses = List.of((args.length > 2 ? args[2] : "ns,wgan-gp").split(","));
        JavaSparkContext sc = new JavaSparkContext(SparkSettings.conf("local[2]", 2, "jgan-overhead"));
        try {
            System.out.println("loss     config   s/step  steps/s  (median of " + rounds + " rounds of " + steps + " steps)");
            for (String loss : losses) {
                run(sc, loss, steps, rounds);
            }
        } finally {
            sc.stop();
        }
    }

    private static RunSpec spec(String loss, int parts) {
        return RunSpec.builder().model(ModelKind.parse("dcgan")).loss(loss).data(DataSpec.of("mnist", DataShape.image(1, 28, 10)))
                .batchSize(64).microBatches(parts).steps(1000).seed(42).sampleEvery(0).checkpointEvery(0).build();
    }

    private static GanTrainer trainer(RunSpec spec, SparkRun run) throws Exception {
        Models.Pair p = Models.create(spec.model(), spec.shape(), new Rng(spec.seed()).split("init"));
        BatchSource data = ShardData.source(spec);
        return run == null ? new GanTrainer(spec, p.generator(), p.critic(), data) : new GanTrainer(spec, p.generator(), p.critic(), data, run);
    }

    private static void run(JavaSparkContext sc, String loss, int steps, int rounds) throws Exception {
        RunSpec two = spec(loss, 2);
        SparkRun spark = new SparkRun(sc, false, 2, two);
        GanTrainer[] t = {trainer(spec(loss, 1), null), trainer(two, null), trainer(two, spark)};
        String[] names = {"local", "twin", "spark"};
        int[] threads = {2, 2, 1};
        double[][] secs = new double[3][rounds];
        for (int i = 0; i < 3; i++) { // warm-up: JIT, the replicas, Spark's first jobs
            Parallel.setThreads(threads[i]);
            for (int s = 0; s < 2; s++) {
                t[i].step();
            }
        }
        long jobs0 = spark.stats().jobs;
        long nanos0 = spark.stats().jobNanos;
        long bytes0 = spark.stats().broadcastBytes;
        long result0 = spark.stats().resultBytes;
        long task0 = spark.stats().slowestTaskNanos;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < 3; i++) {
                Parallel.setThreads(threads[i]);
                long t0 = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    t[i].step();
                }
                secs[i][r] = (System.nanoTime() - t0) / 1e9 / steps;
            }
        }
        double[] med = new double[3];
        for (int i = 0; i < 3; i++) {
            double[] s = secs[i].clone();
            Arrays.sort(s);
            med[i] = s[rounds / 2];
            System.out.printf(Locale.ROOT, "%-8s %-6s %8.3f %8.3f   rounds %s%n", loss, names[i], med[i], 1 / med[i], fmt(secs[i]));
        }
        long n = (long) steps * rounds;
        SparkRun.Stats st = spark.stats();
        long jobs = st.jobs - jobs0;
        System.out.printf(Locale.ROOT, "%-8s spark/local %.2fx, spark/twin %.2fx; per step: %.1f jobs of %.1f ms (driver's wall time, of"
                        + " which the slowest task computed %.1f ms), %.1f MB broadcast, %.1f MB of gradients returned%n", loss, med[0] / med[2],
                med[1] / med[2], jobs / (double) n, (st.jobNanos - nanos0) / 1e6 / jobs, (st.slowestTaskNanos - task0) / 1e6 / jobs,
                (st.broadcastBytes - bytes0) / 1e6 / n, (st.resultBytes - result0) / 1e6 / n);
        spark.close();
    }

    private static String fmt(double[] v) {
        List<String> out = new ArrayList<>();
        for (double x : v) {
            out.add(String.format(Locale.ROOT, "%.3f", x));
        }
        return String.join(" ", out);
    }
}
