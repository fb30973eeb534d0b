package io.jgan.nn;

import io.jgan.autograd.GradMode;
import io.jgan.autograd.Variable;
import io.jgan.autograd.check.GradCheck;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite-difference checks of every layer: the input gradient with core-autograd's
 * {@link GradCheck}, and each parameter's gradient by central differences of
 * L = sum(forward(x) * u) computed here (GradCheck differentiates with respect to its own
 * Variables, while a module owns its parameters). Tolerances are GradCheck's defaults.
 */
class LayerGradCheckTest {
    private static void checkLayer(Module m, Tensor x) {
        GradCheck.gradcheck(vs -> m.forward(vs.get(0)), x);
        checkParameters(m, x);
    }

    private static final GradCheck.Tolerances TOL = GradCheck.Tolerances.DEFAULT;

    private static void checkParameters(Module m, Tensor x) {
        Tensor u = Tensor.randn(new Rng(99), m.forward(x).dims());
        m.zeroGrad();
        m.forward(x).mul(Variable.of(u)).sum().backward();
        m.namedParameters().forEach((name, p) -> {
            Tensor g = p.grad();
            assertTrue(g != null, name + " has no gradient");
            float[] v = p.value().data();
            int off = p.value().offset();
            for (int i = 0; i < p.size(); i++) {
                float saved = v[off + i];
                v[off + i] = (float) (saved + TOL.eps());
                double plus = loss(m, x, u);
                v[off + i] = (float) (saved - TOL.eps());
                double minus = loss(m, x, u);
                v[off + i] = saved;
                double numeric = (plus - minus) / (2 * TOL.eps());
                double analytic = g.toArray()[i];
                assertTrue(Math.abs(analytic - numeric) <= TOL.atol() + TOL.rtol() * Math.abs(numeric),
                        m.getClass().getSimpleName() + " " + name + "[" + i + "]: analytic " + analytic + ", numeric " + numeric);
            }
        });
    }

    private static double loss(Module m, Tensor x, Tensor u) {
        try (var s = GradMode.noGrad()) {
            float[] y = m.forward(x).value().toArray();
            float[] w = u.toArray();
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                sum += (double) y[i] * w[i];
            }
            return sum;
        }
    }

    @Test
    void linear() {
        Rng rng = new Rng(1);
        checkLayer(new Linear(Linear.Config.of(5, 3), rng), Tensor.randn(rng, 4, 5));
    }

    @Test
    void conv2d() {
        Rng rng = new Rng(2);
        checkLayer(new Conv2d(new Conv2d.Config(2, 3, 3, 2, 1, true), rng), Tensor.randn(rng, 2, 2, 5, 5));
    }

    @Test
    void convTranspose2dWithOutputPadding() {
        Rng rng = new Rng(3);
        checkLayer(new ConvTranspose2d(new ConvTranspose2d.Config(2, 3, 3, 2, 1, 1, true), rng), Tensor.randn(rng, 2, 2, 3, 3));
    }

    @Test
    void batchNorm2dTrainingMode() {
        Rng rng = new Rng(4);
        BatchNorm2d bn = new BatchNorm2d(BatchNorm.Config.of(3));
        io.jgan.nn.init.DcganInit.apply(bn, rng);
        checkLayer(bn, Tensor.randn(rng, 4, 3, 2, 2));
    }

    @Test
    void batchNorm1dEvalMode() {
        Rng rng = new Rng(5);
        BatchNorm1d bn = new BatchNorm1d(BatchNorm.Config.of(3));
        io.jgan.nn.init.DcganInit.apply(bn, rng);
        bn.forward(Tensor.randn(rng, 8, 3).mul(2f).add(0.5f));
        bn.eval();
        checkLayer(bn, Tensor.randn(rng, 4, 3));
    }

    @Test
    void layerNorm() {
        Rng rng = new Rng(6);
        LayerNorm ln = new LayerNorm(LayerNorm.Config.of(2, 3));
        io.jgan.nn.init.Init.normal(ln.weight().value(), 1, 0.3, rng);
        io.jgan.nn.init.Init.normal(ln.bias().value(), 0, 0.3, rng);
        checkLayer(ln, Tensor.randn(rng, 3, 2, 3));
    }

    @Test
    void embeddingAndActivations() {
        Rng rng = new Rng(7);
        Embedding e = new Embedding(new Embedding.Config(5, 3), rng);
        checkParameters(e, Tensor.fromArray(new float[] {4, 0, 4, 2}, 4));
        // inputs kept away from 0 so the kinks of (leaky) ReLU do not meet the finite difference
        Tensor x = Tensor.randn(rng, 3, 4).sign().mul(0.5f).add(Tensor.randn(rng, 3, 4).mul(0.1f));
        Module[] acts = {new LeakyReLU(0.2f), new ReLU(), new Tanh(), new Sigmoid(), new Flatten(), new Reshape(2, 2)};
        for (Module a : acts) {
            GradCheck.gradcheck(vs -> a.forward(vs.get(0)), x);
        }
    }

    @Test
    void sequentialGenerator() {
        Rng rng = new Rng(8);
        // ModuleTest's generator with a smooth activation: ReLU after batch norm puts many values
        // within a finite-difference step of its kink
        Sequential g = new Sequential(
                new Linear(Linear.Config.of(4, 8 * 2 * 2), rng),
                new Reshape(8, 2, 2),
                new BatchNorm2d(BatchNorm.Config.of(8)),
                new Tanh(),
                new ConvTranspose2d(new ConvTranspose2d.Config(8, 1, 4, 2, 1, 0, false), rng),
                new Tanh());
        checkLayer(g, Tensor.randn(rng, 3, 4));
    }
}
