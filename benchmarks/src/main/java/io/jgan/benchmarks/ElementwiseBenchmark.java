package io.jgan.benchmarks;

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

/**
 * Element-wise kernels on 1M floats (2^20, the PyTorch anchors' size): leaky_relu(0.2) and tanh into a
 * new output tensor, and the sum of all elements. {@code scalar} runs the reference twins,
 * {@code simd} the Vector API ones; elements per second = 2^20 / time.
 *
 * <p>Each invocation runs in its own {@link TensorScope}, so the "new" output takes the array the
 * previous invocation gave back, as PyTorch's caching allocator hands {@code torch.tanh(x)} the block
 * just freed: the figure is the kernel plus clearing the output, not a 4 MB allocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-XX:+UseParallelGC"})
public class ElementwiseBenchmark {
    /** {@code scalar} or {@code simd}. */
    @Param({"scalar", "simd"})
    public String impl;

    /** leaky_relu, tanh or sum. */
    @Param({"leaky_relu", "tanh", "sum"})
    public String op;

    private Tensor x;

    /** Draws the input once. */
    @Setup(Level.Trial)
    public void setUp() {
        x = Tensor.randn(new Rng(1), 1 << 20);
    }

    /** @return the op's result (a new tensor, its storage back in the pool, or the sum) */
    @Benchmark
    public Object run() {
        Object[] out = new Object[1];
        Runnable body = () -> out[0] = switch (op) {
            case "leaky_relu" -> x.leakyRelu(0.2f);
            case "tanh" -> x.tanh();
            default -> x.sum();
        };
        try (TensorScope scope = TensorScope.open()) {
            if (impl.equals("scalar")) {
                Tensor.withScalarKernels(body);
            } else {
                Tensor.withSimdKernels(body);
            }
        }
        return out[0];
    }
}
