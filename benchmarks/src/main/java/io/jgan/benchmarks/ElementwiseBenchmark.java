package io.jgan.benchmarks;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Element-wise kernels on 1M floats (2^20, the PyTorch anchors' size): leaky_relu(0.2) and tanh into a
 * preallocated output, and the sum of all elements. {@code scalar} runs the reference twins,
 * {@code simd} the Vector API ones; elements per second = 2^20 / time.
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
    private float[] result = new float[1];

    /** Draws the input once. */
    @Setup(Level.Trial)
    public void setUp() {
        x = Tensor.randn(new Rng(1), 1 << 20);
    }

    /** @return the op's result (a new tensor, or the sum) */
    @Benchmark
    public Object run() {
        Object[] out = new Object[1];
        Runnable body = () -> out[0] = switch (op) {
            case "leaky_relu" -> x.leakyRelu(0.2f);
            case "tanh" -> x.tanh();
            default -> x.sum();
        };
        if (impl.equals("scalar")) {
            Tensor.withScalarKernels(body);
        } else {
            Tensor.withSimdKernels(body);
        }
        return out[0];
    }
}
