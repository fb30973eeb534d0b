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
            emptyJobs(sc);
            System.out.println("loss     config   s/step  steps/s  (median of " + rounds + " rounds of " + steps + " steps)");
            for (String loss : losses) {
                run(sc, loss, steps, rounds);
            }
        } finally {
            sc.stop();
        }
    }

    /** Spark's own latency: a job of 2 tasks that do nothing, as a phase's job is scheduled (the cost model's input). */
    private static void emptyJobs(JavaSparkContext sc) {
        org.apache.spark.api.java.JavaRDD<Integer> two = sc.parallelize(List.of(0, 1), 2);
        double[] ms = new double[30];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            two.map(x -> x).collect();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] tail = Arrays.copyOfRange(ms, 10, ms.length);
        Arrays.sort(tail);
        System.out.printf(Locale.ROOT, "an empty job of 2 tasks: median %.1f ms, min %.1f ms (20 jobs after 10 of warm-up)%n",
                tail[tail.length / 2], tail[0]);
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
        SparkRun serialised = new SparkRun(sc, false, 2, two, false);
        SparkRun spark = new SparkRun(sc, false, 2, two, true);
        GanTrainer[] t = {trainer(spec(loss, 1), null), trainer(two, null), trainer(two, serialised), trainer(two, spark)};
        String[] names = {"local", "twin", "spark-s", "spark"};
        int[] threads = {2, 2, 1, 1};
        int c = t.length;
        double[][] secs = new double[c][rounds];
        for (int i = 0; i < c; i++) { // warm-up: JIT, the replicas, Spark's first jobs
            Parallel.setThreads(threads[i]);
            for (int s = 0; s < 2; s++) {
                t[i].step();
            }
        }
        SparkRun.Stats[] before = {copy(serialised.stats()), copy(spark.stats())};
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < c; i++) {
                Parallel.setThreads(threads[i]);
                long t0 = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    t[i].step();
                }
                secs[i][r] = (System.nanoTime() - t0) / 1e9 / steps;
            }
        }
        double[] med = new double[c];
        for (int i = 0; i < c; i++) {
            double[] s = secs[i].clone();
            Arrays.sort(s);
            med[i] = s[rounds / 2];
            System.out.printf(Locale.ROOT, "%-8s %-6s %8.3f %8.3f   rounds %s%n", loss, names[i], med[i], 1 / med[i], fmt(secs[i]));
        }
        long n = (long) steps * rounds;
        report(loss, "spark-s", serialised.stats(), before[0], n, med[0] / med[2], med[1] / med[2]);
        report(loss, "spark", spark.stats(), before[1], n, med[0] / med[3], med[1] / med[3]);
        serialised.close();
        spark.close();
    }

    private static SparkRun.Stats copy(SparkRun.Stats s) {
        SparkRun.Stats c = new SparkRun.Stats();
        c.jobs = s.jobs;
        c.jobNanos = s.jobNanos;
        c.broadcastBytes = s.broadcastBytes;
        c.resultBytes = s.resultBytes;
        c.slowestTaskNanos = s.slowestTaskNanos;
        return c;
    }

    private static void report(String loss, String name, SparkRun.Stats st, SparkRun.Stats b, long steps, double vsLocal, double vsTwin) {
        long jobs = st.jobs - b.jobs;
        System.out.printf(Locale.ROOT, "%-8s %-7s %.2fx local, %.2fx twin; per step: %.1f jobs of %.1f ms (driver's wall time; slowest task"
                        + " %.1f ms), %.1f MB broadcast, %.1f MB of gradients serialised%n", loss, name, vsLocal, vsTwin, jobs / (double) steps,
                (st.jobNanos - b.jobNanos) / 1e6 / jobs, (st.slowestTaskNanos - b.slowestTaskNanos) / 1e6 / jobs,
                (st.broadcastBytes - b.broadcastBytes) / 1e6 / steps, (st.resultBytes - b.resultBytes) / 1e6 / steps);
    }

    private static String fmt(double[] v) {
        List<String> out = new ArrayList<>();
        for (double x : v) {
            out.add(String.format(Locale.ROOT, "%.3f", x));
        }
        return String.join(" ", out);
    }
}
