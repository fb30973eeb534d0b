package io.jgan.benchmarks;

import io.jgan.tensor.Linalg;
import io.jgan.tensor.Parallel;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.TensorScope;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The four convolution layers of the DCGAN anchors at batch 64, through {@link Linalg}: {@code fwd}
 * is the forward op, {@code fwdbwd} the forward op plus the input, weight and bias gradients with an
 * all-ones upstream gradient (what PyTorch's {@code out.sum().backward()} computes when the input
 * requires grad). {@code scalar} is the direct-loop reference (single-threaded), {@code simd} the
 * SIMD path, where the convolution planner ({@code ConvPlanner}) chooses per layer and pass among
 * im2col + packed GEMM, Winograd, polyphase Winograd and the few-channel direct kernels.
 *
 * <p>Each invocation runs in its own {@link TensorScope}, as a training step does and as
 * {@link ElementwiseBenchmark} does: its outputs take the arrays the previous invocation gave back,
 * as PyTorch's caching allocator hands an op the blocks just freed, so the figure is the convolution
 * and not the allocation and zeroing of a new multi-megabyte array.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-XX:+UseParallelGC"})
public class ConvBenchmark {
    /** {@code scalar} (direct loops) or {@code simd} (im2col + GEMM). */
    @Param({"scalar", "simd"})
    public String impl;

    /** Threads of the {@link Parallel} pool. */
    @Param({"1", "2"})
    public int threads;

    /** The layer, named as in the PyTorch anchors. */
    @Param({"conv5x5s2_1to64_28", "conv5x5s2_64to128_14", "convT4x4s2_128to64_16", "conv4x4s2_3to64_32"})
    public String layer;

    /** {@code fwd} or {@code fwdbwd}. */
    @Param({"fwd", "fwdbwd"})
    public String pass;

    private Linalg.Impl ops;
    private boolean transposed;
    private int stride;
    private int padding;
    private Tensor x;
    private Tensor w;
    private Tensor bias;
    private Tensor upstream;

    /** Builds the layer's input, weights and upstream gradient. */
    @Setup(Level.Trial)
    public void setUp() {
        ops = "scalar".equals(impl) ? Linalg.scalar() : Linalg.simd();
        Parallel.setThreads(threads);
        Rng rng = new Rng(7);
        switch (layer) {
            case "conv5x5s2_1to64_28" -> conv(rng, 1, 64, 5, 2, 2, 28);
            case "conv5x5s2_64to128_14" -> conv(rng, 64, 128, 5, 2, 2, 14);
            case "convT4x4s2_128to64_16" -> {
                transposed = true;
                stride = 2;
                padding = 1;
                x = Tensor.randn(rng, 64, 128, 16, 16);
                w = Tensor.randn(rng, 128, 64, 4, 4).mul(0.02f);
                bias = Tensor.randn(rng, 64);
            }
            case "conv4x4s2_3to64_32" -> conv(rng, 3, 64, 4, 2, 1, 32);
            default -> throw new IllegalArgumentException("unknown layer " + layer);
        }
        upstream = Tensor.ones(forward().dims());
    }

    private void conv(Rng rng, int cin, int cout, int k, int s, int p, int size) {
        stride = s;
        padding = p;
        x = Tensor.randn(rng, 64, cin, size, size);
        w = Tensor.randn(rng, cout, cin, k, k).mul(0.02f);
        bias = Tensor.randn(rng, cout);
    }

    private Tensor forward() {
        return transposed ? ops.convTranspose2d(x, w, bias, stride, padding, 0) : ops.conv2d(x, w, bias, stride, padding);
    }

    /** @param bh sink for the results */
    @Benchmark
    public void run(Blackhole bh) {
        try (TensorScope scope = TensorScope.open()) {
            bh.consume(forward());
            if (pass.equals("fwdbwd")) {
                if (transposed) {
                    bh.consume(ops.conv2d(upstream, w, null, stride, padding));
                    bh.consume(ops.conv2dWeightGrad(upstream, x, w.shape(), stride, padding));
                } else {
                    bh.consume(ops.conv2dInputGrad(upstream, w, x.shape(), stride, padding));
                    bh.consume(ops.conv2dWeightGrad(x, upstream, w.shape(), stride, padding));
                }
                bh.consume(ops.biasGrad(upstream));
            }
        }
    }
}
