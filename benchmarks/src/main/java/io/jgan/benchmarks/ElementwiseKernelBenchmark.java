package io.jgan.benchmarks;

import io.jgan.tensor.Parallel;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The element-wise kernels alone: leaky_relu(0.2) and tanh on 1M floats (2^20, the PyTorch anchors'
 * {@code *_1M} cases) written into an output allocated once, through {@link Tensor#leakyReluInto}
 * and {@link Tensor#tanhInto} (the same chunked parallel walk as {@code x.tanh()}, minus the
 * allocation and zeroing of a fresh 4 MB output that {@link ElementwiseBenchmark} includes).
 *
 * <p>PyTorch's {@code torch.tanh(x)} allocates too, but its caching allocator hands back the block
 * freed by the previous call without touching it, so this is the like-for-like comparison. The
 * input and output (8 MB together) live in L3, not L2, so leaky_relu measures the L3 bandwidth of
 * the cores and tanh the arithmetic. Elements per second = 2^20 / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-XX:+UseParallelGC"})
public class ElementwiseKernelBenchmark {
    /** {@code scalar} (the reference twins) or {@code simd} (the Vector API). */
    @Param({"scalar", "simd"})
    public String impl;

    /** leaky_relu or tanh. */
    @Param({"leaky_relu", "tanh"})
    public String op;

    /** Threads of the kernel pool (the caller included). */
    @Param({"1", "2"})
    public int threads;

    private Tensor x;
    private Tensor out;
    private Runnable body;
    private int savedThreads;

    /** Draws the input and allocates the output once. */
    @Setup(Level.Trial)
    public void setUp() {
        savedThreads = Parallel.threads();
        Parallel.setThreads(threads);
        x = Tensor.randn(new Rng(1), 1 << 20);
        out = Tensor.zeros(1 << 20);
        Runnable kernel = switch (op) {
            case "leaky_relu" -> () -> x.leakyReluInto(0.2f, out);
            case "tanh" -> () -> x.tanhInto(out);
            default -> throw new IllegalArgumentException("op must be leaky_relu or tanh, got " + op);
        };
        body = switch (impl) {
            case "scalar" -> () -> Tensor.withScalarKernels(kernel);
            case "simd" -> () -> Tensor.withSimdKernels(kernel);
            default -> throw new IllegalArgumentException("impl must be scalar or simd, got " + impl);
        };
    }

    /** Restores the pool size. */
    @TearDown(Level.Trial)
    public void tearDown() {
        Parallel.setThreads(savedThreads);
    }

    /** @return the output (to keep it alive) */
    @Benchmark
    public Tensor run() {
        body.run();
        return out;
    }
}
