package io.jgan.optim;

import io.jgan.autograd.Variable;
import io.jgan.autograd.fixtures.FixtureCase;
import io.jgan.models.ProjectParityTest;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The optimiser fixtures to the bit, a tighter bar than the parity walker's tolerance: each update
 * follows PyTorch's float32 operation order, including its fused multiply-adds. Besides the shared
 * cases (all 5x4), this module bundles SGD cases of other shapes and options under
 * {@code io/jgan/optim/torch}, written by {@code make_optimizer_cases.py} there with torch.optim.
 */
class OptimizerFixtureTest {
    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path shared = ProjectParityTest.fixturesDir();
        List<Path> files = new ArrayList<>();
        for (String name : List.of("optim_adam_gan", "optim_adam_wgangp", "optim_rmsprop_wgan", "optim_sgd_momentum")) {
            files.add(shared.resolve(name + ".safetensors"));
        }
        Path bundled = Path.of(OptimizerFixtureTest.class.getResource("torch").toURI());
        try (Stream<Path> s = Files.list(bundled)) {
            s.filter(p -> p.toString().endsWith(".safetensors")).sorted().forEach(files::add);
        }
        assertFalse(files.size() <= 4, "no bundled optimiser cases in " + bundled);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesPyTorchToTheBit(Path file) throws IOException {
        FixtureCase c = FixtureCase.load(file);
        Variable p = Variable.parameter(c.tensor("p0").copy());
        Optimizer opt = optimizer(c, p);
        int worst = 0;
        for (int i = 0; c.tensors().containsKey("g" + i); i++) {
            p.setGrad(c.tensor("g" + i).copy());
            opt.step();
            worst = Math.max(worst, maxUlps(p.value(), c.tensor("p" + (i + 1))));
        }
        System.out.println(c.name() + " " + c.tensor("p0").shape() + ": max ulp difference from PyTorch " + worst);
        assertEquals(0, worst, c.name() + " differs from PyTorch by " + worst + " ulp");
    }

    private static Optimizer optimizer(FixtureCase c, Variable p) {
        double lr = ((Number) c.param("lr")).doubleValue();
        return switch ((String) c.param("optimizer")) {
            case "adam" -> new Adam(List.of(p), Adam.Config.of(lr).withBetas(number(c, "beta1", 0.9), number(c, "beta2", 0.999))
                    .withEps(number(c, "eps", 1e-8)).withWeightDecay(number(c, "weight_decay", 0)));
            case "rmsprop" -> new RmsProp(List.of(p), RmsProp.Config.of(lr).withAlpha(number(c, "alpha", 0.99))
                    .withEps(number(c, "eps", 1e-8)).withWeightDecay(number(c, "weight_decay", 0))
                    .withMomentum(number(c, "momentum", 0)).withCentered(Boolean.TRUE.equals(c.params().get("centered"))));
            case "sgd" -> {
                Sgd.Config cfg = Sgd.Config.of(lr).withMomentum(number(c, "momentum", 0))
                        .withDampening(number(c, "dampening", 0)).withWeightDecay(number(c, "weight_decay", 0));
                yield new Sgd(List.of(p), cfg.withNesterov(Boolean.TRUE.equals(c.params().get("nesterov"))));
            }
            default -> throw new IllegalArgumentException(c.name() + ": unknown optimizer " + c.param("optimizer"));
        };
    }

    private static double number(FixtureCase c, String key, double fallback) {
        Object v = c.params().get(key);
        return v == null ? fallback : ((Number) v).doubleValue();
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
