package io.jgan.tensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Element-wise ops on several parallel chunks: bit-identical for 1 and 2 threads; the out= forms. */
class ElementwiseThreadsTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    private static float[] with(int threads, UnaryOperator<Tensor> op, Tensor x) {
        Parallel.setThreads(threads);
        float[][] out = new float[1][];
        Tensor.withSimdKernels(() -> out[0] = op.apply(x).toArray());
        return out[0];
    }

    @Test
    void unaryOpsAreBitIdenticalOnOneAndTwoThreads() {
        // 4.3 grains with an odd tail: several chunks, a partial chunk, a masked vector
        Tensor x = Tensor.randn(new Rng(9), (Elementwise.GRAIN * 4) + Elementwise.GRAIN / 3 + 13).mul(4f);
        java.util.List<UnaryOperator<Tensor>> ops = java.util.List.of(
                Tensor::tanh, t -> t.leakyRelu(0.2f), t -> t.leakyStep(0.2f), Tensor::sigmoid, Tensor::softplus,
                Tensor::exp, t -> t.tanhInto(Tensor.zeros(t.shape())), t -> t.leakyReluInto(0.2f, Tensor.zeros(t.shape())));
        for (UnaryOperator<Tensor> op : ops) {
            assertArrayEquals(with(1, op, x), with(2, op, x));
        }
    }

    @Test
    void intoFormsEqualTheAllocatingOnesAndWorkInPlace() {
        Tensor x = Tensor.randn(new Rng(2), 3, 1000);
        Tensor out = Tensor.zeros(3, 1000);
        assertSame(out, x.tanhInto(out));
        assertArrayEquals(x.tanh().toArray(), out.toArray());
        assertSame(out, x.leakyReluInto(0.1f, out));
        assertArrayEquals(x.leakyRelu(0.1f).toArray(), out.toArray());
        Tensor y = x.mul(1f);
        y.tanhInto(y);
        assertArrayEquals(x.tanh().toArray(), y.toArray());
        assertThrows(IllegalArgumentException.class, () -> x.tanhInto(Tensor.zeros(1000, 3)));
    }
}
