package io.jgan.cli;

import io.jgan.tensor.Linalg;
import io.jgan.tensor.Parallel;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.train.GanTrainer;
import io.jgan.train.StepWorkloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code jgan bench}: a quick comparison for users without JMH — scalar against SIMD GFLOP/s for a
 * GEMM and a DCGAN convolution layer, then the time of whole training steps (the workloads of the
 * JMH {@code TrainStepBenchmark}, built by the same {@link StepWorkloads}). Each case runs for a fixed
 * wall-clock budget after a warm-up that lasts until the call time settles, and reports the median,
 * so the whole run stays under about 30 s on 2 idle cores; timed claims belong to the JMH benchmarks,
 * this is the sanity check.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Quick benchmark: scalar vs SIMD GEMM and convolution GFLOP/s, and training-step times.")
final class BenchCommand implements Callable<Integer> {
    /** Length of one warm-up window, seconds. */
    private static final double WINDOW_SECONDS = 0.2;

    @ParentCommand
    Main main;

    @Option(names = "--threads", description = "Worker threads (default: ${DEFAULT-VALUE}, the pool's current setting).")
    int threads = Parallel.threads();

    @Option(names = "--seconds", description = "Wall-clock budget per step workload after its warm-up (default: ${DEFAULT-VALUE}).")
    double seconds = 2.5;

    @Option(names = "--steps", split = ",", description = "Step workloads to time (default: mlp_ns,dcgan28_ns,dcgan28_wgangp; all: "
            + "mlp_ns, dcgan28_ns, dcgan28_wgangp, mnistgan_ns, mnistgan_wgangp).")
    List<String> workloads = List.of("mlp_ns", "dcgan28_ns", "dcgan28_wgangp");

    @Override
    public Integer call() {
        if (threads < 1 || !(seconds > 0)) {
            throw new UserError("--threads must be >= 1 and --seconds > 0");
        }
        for (String w : workloads) {
            StepWorkloads.config(w); // fail on a bad name before spending time
        }
        PrintStream o = main.out();
        int before = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            o.printf(Locale.ROOT, "jgan bench: %d thread(s), %d cores%n", threads, Runtime.getRuntime().availableProcessors());
            gemm(o, 256);
            conv(o);
            for (String w : workloads) {
                step(o, w);
            }
        } finally {
            Parallel.setThreads(before);
        }
        return Main.OK;
    }

    private static void gemm(PrintStream o, int n) {
        Rng rng = new Rng(1);
        Tensor a = Tensor.randn(rng, n, n);
        Tensor b = Tensor.randn(rng, n, n);
        double flops = 2.0 * n * n * n;
        double sc = flops / median(() -> Linalg.scalar().matmul(a, b), 0.2, 1.0, 0.5) / 1e9;
        double sv = flops / median(() -> Linalg.simd().matmul(a, b), 0.4, 3.0, 0.5) / 1e9;
        o.printf(Locale.ROOT, "gemm %dx%dx%d            scalar %7.2f GFLOP/s   simd %7.2f GFLOP/s   (x%.1f)%n", n, n, n, sc, sv, sv / sc);
    }

    /**
     * The discriminator's second layer of the Keras DCGAN (conv 5x5 s2, 64 -> 128 on 14x14), batch 16, named
     * with the algorithm the convolution planner runs on each side.
     */
    private static void conv(PrintStream o) {
        Rng rng = new Rng(2);
        int batch = 16;
        Tensor x = Tensor.randn(rng, batch, 64, 14, 14);
        Tensor w = Tensor.randn(rng, 128, 64, 5, 5);
        Tensor bias = Tensor.zeros(128);
        double flops = 2.0 * batch * 128 * 7 * 7 * 64 * 25;
        double sc = flops / median(() -> Linalg.scalar().conv2d(x, w, bias, 2, 2), 0.3, 1.0, 0.8) / 1e9;
        double sv = flops / median(() -> Linalg.simd().conv2d(x, w, bias, 2, 2), 0.4, 2.0, 0.8) / 1e9;
        // the algorithm each side ran: the planner's choice for this geometry's forward pass
        String scalarAlgo = Linalg.scalar().planConv2d(x.shape(), w.shape(), 2, 2).forward();
        String simdAlgo = Linalg.simd().planConv2d(x.shape(), w.shape(), 2, 2).forward();
        o.printf(Locale.ROOT, "conv5x5s2 64->128 @14x14 scalar %7.2f GFLOP/s   simd %7.2f GFLOP/s   (x%.1f)   %s vs %s%n",
                sc, sv, sv / sc, scalarAlgo, simdAlgo);
    }

    private void step(PrintStream o, String workload) {
        GanTrainer t = StepWorkloads.trainer(workload);
        double s = median(t::step, 2.0, 5.0, seconds); // JIT and first-touch warm-up before timing
        o.printf(Locale.ROOT, "step %-16s %9.1f ms/step   %8.1f images/s%n", workload, s * 1e3, StepWorkloads.BATCH / s);
    }

    /**
     * The median seconds of one call, after untimed warm-up. The warm-up runs in windows of
     * {@value #WINDOW_SECONDS} s until a window's median is within 10 % of the one before (and at least
     * {@code minWarm} seconds have passed), or until {@code maxWarm}: from a cold JVM the SIMD kernels
     * run interpreted and then in C1, where every Vector API op allocates, and a 256^3 GEMM takes
     * about 2 s to reach speed (a fixed 0.4 s warm-up reported a fifth of its rate).
     *
     * @param body the call to time
     * @param minWarm least warm-up, seconds
     * @param maxWarm most warm-up, seconds
     * @param budgetSeconds timed calls for this long (at least 2 calls)
     * @return the median of the timed calls, seconds
     */
    private static double median(Supplier<?> body, double minWarm, double maxWarm, double budgetSeconds) {
        long start = System.nanoTime();
        double previous = Double.NaN;
        while (true) {
            double current = windowMedian(body, WINDOW_SECONDS, 1);
            double elapsed = (System.nanoTime() - start) / 1e9;
            boolean settled = Math.abs(current - previous) <= 0.1 * previous;
            if (elapsed >= maxWarm || (elapsed >= minWarm && settled)) {
                break;
            }
            previous = current;
        }
        return windowMedian(body, budgetSeconds, 2);
    }

    /** The median seconds of the calls that fit in {@code seconds} (at least {@code minCalls}). */
    private static double windowMedian(Supplier<?> body, double seconds, int minCalls) {
        List<Double> times = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (times.size() < minCalls || System.nanoTime() < end) {
            long t0 = System.nanoTime();
            body.get();
            times.add((System.nanoTime() - t0) / 1e9);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }
}
