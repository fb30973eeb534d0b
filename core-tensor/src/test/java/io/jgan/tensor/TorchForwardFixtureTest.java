package io.jgan.tensor;

import io.jgan.tensor.io.Json;
import io.jgan.tensor.io.Safetensors;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The forward values of the tensor-level PyTorch cases (activations, broadcasting binaries,
 * reductions); their gradients are checked by the autograd parity walker.
 */
class TorchForwardFixtureTest {
    private static Safetensors.Contents load(String name) throws Exception {
        return Safetensors.read(SharedFiles.torchFixtures().resolve(name + ".safetensors"));
    }

    static void assertClose(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.dims(), actual.dims(), what + " shape");
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-5f + 1e-4f * Math.abs(e[i]), what + " at " + i);
        }
    }

    @Test
    void activations() throws Exception {
        for (String op : List.of("exp", "leaky_relu", "log", "log_sigmoid", "relu", "sigmoid", "softplus", "sqrt", "square", "tanh")) {
            Safetensors.Contents c = load("act_" + op);
            Tensor x = c.tensors().get("x");
            Tensor y = switch (op) {
                case "exp" -> x.exp();
                case "leaky_relu" -> x.leakyRelu(((Number) ((Map<?, ?>) Json.parse(c.metadata().get("params"))).get("slope")).floatValue());
                case "log" -> x.log();
                case "log_sigmoid" -> x.logSigmoid();
                case "relu" -> x.relu();
                case "sigmoid" -> x.sigmoid();
                case "softplus" -> x.softplus();
                case "sqrt" -> x.sqrt();
                case "square" -> x.square();
                default -> x.tanh();
            };
            assertClose(c.tensors().get("out"), y, op);
            Tensor[] scalar = new Tensor[1];
            Tensor.withScalarKernels(() -> scalar[0] = y.add(0f));
            assertClose(c.tensors().get("out"), scalar[0], op + " (scalar twin)");
        }
    }

    @Test
    void broadcastingBinaries() throws Exception {
        for (String op : List.of("add", "sub", "mul", "div")) {
            Safetensors.Contents c = load("bin_" + op + "_broadcast");
            Tensor a = c.tensors().get("a");
            Tensor b = c.tensors().get("b");
            Tensor y = switch (op) {
                case "add" -> a.add(b);
                case "sub" -> a.sub(b);
                case "mul" -> a.mul(b);
                default -> a.div(b);
            };
            assertClose(c.tensors().get("out"), y, op);
        }
    }

    @Test
    void reductions() throws Exception {
        Path unused = SharedFiles.torchFixtures();
        Safetensors.Contents all = load("reduce_sum_all");
        assertClose(all.tensors().get("out"), all.tensors().get("x").sum(), "sum all");
        Safetensors.Contents d02 = load("reduce_sum_dims02");
        assertClose(d02.tensors().get("out"), d02.tensors().get("x").sum(false, 0, 2), "sum dims 0,2");
        Safetensors.Contents m1 = load("reduce_mean_dim1");
        assertClose(m1.tensors().get("out"), m1.tensors().get("x").mean(true, 1), "mean dim 1");
        Safetensors.Contents nr = load("reduce_norm_rows");
        assertClose(nr.tensors().get("out"), nr.tensors().get("x").normRows(), "norm rows");
        assertEquals(true, unused.toFile().isDirectory());
    }
}
