package io.jgan.benchmarks;

import io.jgan.autograd.Autograd;
import io.jgan.autograd.GradOptions;
import io.jgan.autograd.Ops;
import io.jgan.autograd.Variable;
import io.jgan.tensor.Linalg;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cost of the autograd engine: forward + backward of a 3-layer MLP (the source texts' MLP
 * discriminator, 784-256-256-1 with LeakyReLU(0.2)) through {@link Autograd#grad} with
 * {@code createGraph=false}, against the same gradients written by hand with core-tensor kernels.
 * Both sides use the same matmul and element-wise kernels, so the ratio is the engine's overhead
 * (graph recording, traversal, Variable wrappers); the target is at most 1.2x.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class AutogradOverheadBenchmark {
    private static final float SLOPE = 0.2f;

    @Param({"64"})
    public int batch;

    private Tensor x;
    private Tensor w1;
    private Tensor b1;
    private Tensor w2;
    private Tensor b2;
    private Tensor w3;
    private Tensor b3;

    @Setup
    public void setup() {
        Rng rng = new Rng(42);
        x = Tensor.randn(rng, batch, 784);
        w1 = Tensor.randn(rng, 256, 784).mul(0.03f);
        b1 = Tensor.zeros(256);
        w2 = Tensor.randn(rng, 256, 256).mul(0.06f);
        b2 = Tensor.zeros(256);
        w3 = Tensor.randn(rng, 1, 256).mul(0.06f);
        b3 = Tensor.zeros(1);
    }

    /** Loss = mean of the logits; gradients of all six parameters through the engine. */
    @Benchmark
    public void autograd(Blackhole bh) {
        Variable pw1 = Variable.parameter(w1);
        Variable pb1 = Variable.parameter(b1);
        Variable pw2 = Variable.parameter(w2);
        Variable pb2 = Variable.parameter(b2);
        Variable pw3 = Variable.parameter(w3);
        Variable pb3 = Variable.parameter(b3);
        Variable h1 = Ops.linear(Variable.of(x), pw1, pb1).leakyRelu(SLOPE);
        Variable h2 = Ops.linear(h1, pw2, pb2).leakyRelu(SLOPE);
        Variable loss = Ops.linear(h2, pw3, pb3).mean();
        List<Variable> g = Autograd.grad(List.of(loss), List.of(pw1, pb1, pw2, pb2, pw3, pb3), null, GradOptions.firstOrder());
        for (Variable v : g) {
            bh.consume(v.value());
        }
    }

    /** The same forward and gradients with raw kernels, the way one would write them by hand. */
    @Benchmark
    public void byHand(Blackhole bh) {
        Tensor z1 = Linalg.matmul(x, w1, false, true).addInPlace(b1);
        Tensor h1 = z1.leakyRelu(SLOPE);
        Tensor z2 = Linalg.matmul(h1, w2, false, true).addInPlace(b2);
        Tensor h2 = z2.leakyRelu(SLOPE);
        Tensor z3 = Linalg.matmul(h2, w3, false, true).addInPlace(b3);
        bh.consume(z3.mean());
        Tensor g3 = Tensor.full(1f / batch, batch, 1);
        Tensor gw3 = Linalg.matmul(g3, h2, true, false);
        Tensor gb3 = g3.sum(false, 0);
        Tensor gz2 = Linalg.matmul(g3, w3, false, false).mul(z2.leakyStep(SLOPE));
        Tensor gw2 = Linalg.matmul(gz2, h1, true, false);
        Tensor gb2 = gz2.sum(false, 0);
        Tensor gz1 = Linalg.matmul(gz2, w2, false, false).mul(z1.leakyStep(SLOPE));
        Tensor gw1 = Linalg.matmul(gz1, x, true, false);
        Tensor gb1 = gz1.sum(false, 0);
        bh.consume(gw3);
        bh.consume(gb3);
        bh.consume(gw2);
        bh.consume(gb2);
        bh.consume(gw1);
        bh.consume(gb1);
    }
}
