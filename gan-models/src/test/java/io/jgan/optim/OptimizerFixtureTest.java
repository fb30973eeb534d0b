package io.jgan.optim;

import io.jgan.autograd.Variable;
import io.jgan.autograd.fixtures.FixtureCase;
import io.jgan.models.ProjectParityTest;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optimiser fixtures at a much tighter tolerance than the walker's: the updates follow
 * PyTorch's float32 operation order, so each parameter may differ from PyTorch's by at most one
 * unit in the last place (sqrt and division rounding is IEEE in both, but PyTorch's vectorised
 * kernels may contract a multiply-add).
 */
class OptimizerFixtureTest {
    @ParameterizedTest
    @ValueSource(strings = {"optim_adam_gan", "optim_adam_wgangp", "optim_rmsprop_wgan", "optim_sgd_momentum"})
    void matchesPyTorchToTheLastBit(String name) throws IOException {
        FixtureCase c = FixtureCase.load(ProjectParityTest.fixturesDir().resolve(name + ".safetensors"));
        Variable p = Variable.parameter(c.tensor("p0").copy());
        float lr = c.floatParam("lr");
        Optimizer opt = switch ((String) c.param("optimizer")) {
            case "adam" -> new Adam(List.of(p), new Adam.Config(lr, (Double) c.param("beta1"), (Double) c.param("beta2"),
                    (Double) c.param("eps"), 0));
            case "rmsprop" -> new RmsProp(List.of(p), new RmsProp.Config(lr, (Double) c.param("alpha"), (Double) c.param("eps"),
                    0, false, 0));
            case "sgd" -> new Sgd(List.of(p), Sgd.Config.of(lr).withMomentum((Double) c.param("momentum")));
            default -> throw new IllegalArgumentException(name);
        };
        int worst = 0;
        for (int i = 0; i < 3; i++) {
            p.setGrad(c.tensor("g" + i).copy());
            opt.step();
            worst = Math.max(worst, maxUlps(p.value(), c.tensor("p" + (i + 1))));
        }
        System.out.println(name + ": max ulp difference from PyTorch " + worst);
        assertTrue(worst <= 1, name + " differs from PyTorch by " + worst + " ulp");
    }

    static int maxUlps(Tensor a, Tensor b) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        int worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(Float.floatToIntBits(x[i]) - Float.floatToIntBits(y[i])));
        }
        return worst;
    }
}
