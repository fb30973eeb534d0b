package io.jgan.nn;

import io.jgan.autograd.Variable;
import io.jgan.autograd.fixtures.FixtureCase;
import io.jgan.models.ProjectParityTest;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layer <em>modules</em> against the PyTorch fixtures: the fixture's weights are loaded through
 * {@link Module#loadStateDict} under PyTorch's names, so this checks the weight layouts and names
 * as well as the forward and the gradients of the module's own parameters.
 */
class LayerFixtureTest {
    static FixtureCase load(String name) throws IOException {
        return FixtureCase.load(ProjectParityTest.fixturesDir().resolve(name + ".safetensors"));
    }

    static void assertClose(String what, Tensor expected, Tensor actual, double rtol, double atol) {
        assertEquals(expected.shape(), actual.shape(), what);
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            double tol = atol + rtol * Math.abs(e[i]);
            int at = i;
            assertTrue(Math.abs(e[i] - a[i]) <= tol, () -> what + " element " + at + ": " + a[at] + " vs PyTorch " + e[at]);
        }
    }

    /** Loads {weight, bias} from the fixture, runs forward and backward, compares everything. */
    private static void check(FixtureCase c, Module m, Variable weight, Variable bias) {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("weight", c.tensor("w"));
        if (bias != null) {
            sd.put("bias", c.tensor("b"));
        }
        m.loadStateDict(sd, true);
        Variable x = Variable.parameter(c.tensor("x").copy());
        Variable out = m.forward(x);
        assertClose(c.name() + " out", c.tensor("out"), out.value(), 1e-4, 1e-5);
        out.backward(c.tensor("upstream_out"));
        assertClose(c.name() + " grad_x", c.tensor("grad_x"), x.grad(), 1e-3, 1e-4);
        assertClose(c.name() + " grad_w", c.tensor("grad_w"), weight.grad(), 1e-3, 1e-4);
        if (bias != null) {
            assertClose(c.name() + " grad_b", c.tensor("grad_b"), bias.grad(), 1e-3, 1e-4);
        }
    }

    @Test
    void linear() throws IOException {
        FixtureCase c = load("linear");
        int[] w = c.tensor("w").dims();
        Linear l = new Linear(Linear.Config.of(w[1], w[0]), new Rng(0));
        check(c, l, l.weight(), l.bias());
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv2d_0", "conv2d_1", "conv2d_2"})
    void conv2d(String name) throws IOException {
        FixtureCase c = load(name);
        int[] w = c.tensor("w").dims();
        Conv2d conv = new Conv2d(new Conv2d.Config(w[1], w[0], w[2], c.intParam("stride"), c.intParam("padding"), true), new Rng(0));
        check(c, conv, conv.weight(), conv.bias());
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv_transpose2d_0", "conv_transpose2d_1", "conv_transpose2d_2"})
    void convTranspose2d(String name) throws IOException {
        FixtureCase c = load(name);
        int[] w = c.tensor("w").dims();
        ConvTranspose2d conv = new ConvTranspose2d(new ConvTranspose2d.Config(w[0], w[1], w[2], c.intParam("stride"),
                c.intParam("padding"), c.intParam("output_padding", 0), true), new Rng(0));
        check(c, conv, conv.weight(), conv.bias());
    }

    @Test
    void embedding() throws IOException {
        FixtureCase c = load("embedding");
        int[] w = c.tensor("w").dims();
        Embedding e = new Embedding(new Embedding.Config(w[0], w[1]), new Rng(0));
        e.loadStateDict(Map.of("weight", c.tensor("w")), true);
        Variable out = e.forward(c.intsParam("indices"));
        assertClose("embedding out", c.tensor("out"), out.value(), 0, 0);
        out.backward(c.tensor("upstream_out"));
        assertClose("embedding grad_w", c.tensor("grad_w"), e.weight().grad(), 1e-3, 1e-4);
    }

    @Test
    void layerNorm() throws IOException {
        FixtureCase c = load("layer_norm_chw");
        LayerNorm ln = new LayerNorm(new LayerNorm.Config(c.intsParam("normalized_shape"), c.floatParam("eps"), true));
        ln.loadStateDict(Map.of("weight", c.tensor("g"), "bias", c.tensor("b")), true);
        Variable x = Variable.parameter(c.tensor("x").copy());
        Variable out = ln.forward(x);
        assertClose("layer_norm out", c.tensor("out"), out.value(), 1e-4, 1e-5);
        out.backward(c.tensor("upstream_out"));
        assertClose("layer_norm grad_x", c.tensor("grad_x"), x.grad(), 1e-3, 1e-4);
        assertClose("layer_norm grad_g", c.tensor("grad_g"), ln.weight().grad(), 1e-3, 1e-4);
        assertClose("layer_norm grad_b", c.tensor("grad_b"), ln.bias().grad(), 1e-3, 1e-4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"batch_norm1d_train", "batch_norm2d_train", "batch_norm2d_eval"})
    void batchNormModule(String name) throws IOException {
        FixtureCase c = load(name);
        Tensor x0 = c.tensor("x");
        boolean training = Boolean.TRUE.equals(c.param("training"));
        double momentum = training ? ((Number) c.param("momentum")).doubleValue() : 0.1;
        BatchNorm.Config cfg = new BatchNorm.Config(x0.dim(1), ((Number) c.param("eps")).doubleValue(), momentum, true, true);
        BatchNorm bn = x0.rank() == 2 ? new BatchNorm1d(cfg) : new BatchNorm2d(cfg);
        Map<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("weight", c.tensor("g"));
        sd.put("bias", c.tensor("b"));
        sd.put("running_mean", floats(c.param("running_mean_in")));
        sd.put("running_var", floats(c.param("running_var_in")));
        sd.put("num_batches_tracked", Tensor.scalar(0));
        bn.loadStateDict(sd, true);
        bn.train(training);
        Variable x = Variable.parameter(x0.copy());
        Variable out = bn.forward(x);
        assertClose(name + " out", c.tensor("out"), out.value(), 1e-4, 1e-5);
        if (training && c.tensors().containsKey("running_mean")) {
            assertClose(name + " running_mean", c.tensor("running_mean"), bn.runningMean(), 1e-5, 1e-6);
            assertClose(name + " running_var", c.tensor("running_var"), bn.runningVar(), 1e-5, 1e-6);
        }
        assertEquals(training ? 1f : 0f, bn.numBatchesTracked().item());
        out.backward(c.tensor("upstream_out"));
        assertClose(name + " grad_x", c.tensor("grad_x"), x.grad(), 1e-3, 1e-4);
        assertClose(name + " grad_g", c.tensor("grad_g"), bn.weight().grad(), 1e-3, 1e-4);
        assertClose(name + " grad_b", c.tensor("grad_b"), bn.bias().grad(), 1e-3, 1e-4);
    }

    private static Tensor floats(Object list) {
        List<?> l = (List<?>) list;
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ((Number) l.get(i)).floatValue();
        }
        return Tensor.wrap(f, f.length);
    }
}
