package io.jgan.benchmarks;

import io.jgan.tensor.Parallel;
import io.jgan.tensor.Rng;
import io.jgan.tensor.kernels.gemm.Gemm;
import io.jgan.tensor.kernels.gemm.Gemms;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * SGEMM {@code C = A * B} (no transposes, beta 0), scalar reference against the packed SIMD kernel,
 * on 1 and 2 threads. Shapes are {@code MxKxN}; GFLOP/s = {@code 2 M K N / time}. The squares match
 * PyTorch's {@code torch.mm} anchors, the others the GAN layers' matrix products (batch 64, MNIST
 * 784 = 28 x 28, hidden 256).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-XX:+UseParallelGC"})
public class GemmBenchmark {
    /** The implementation: {@code scalar} or {@code simd}. */
    @Param({"scalar", "simd"})
    public String impl;

    /** Threads of the {@link Parallel} pool (the scalar GEMM ignores it). */
    @Param({"1", "2"})
    public int threads;

    /** {@code MxKxN}. */
    @Param({"256x256x256", "512x512x512", "1024x1024x1024", "64x784x256", "64x256x784", "256x64x784"})
    public String shape;

    private Gemm gemm;
    private int m;
    private int k;
    private int n;
    private float[] a;
    private float[] b;
    private float[] c;

    /** Allocates random operands and fixes the thread count. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] d = shape.split("x");
        m = Integer.parseInt(d[0]);
        k = Integer.parseInt(d[1]);
        n = Integer.parseInt(d[2]);
        gemm = Gemms.byName(impl);
        Parallel.setThreads(threads);
        Rng rng = new Rng(42);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rng.nextGaussian();
        }
    }

    /** @return C, so that the work is observable */
    @Benchmark
    public float[] gemm() {
        gemm.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        return c;
    }
}
