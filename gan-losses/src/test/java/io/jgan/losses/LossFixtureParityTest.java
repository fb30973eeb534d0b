package io.jgan.losses;

import io.jgan.autograd.Autograd;
import io.jgan.autograd.GradOptions;
import io.jgan.autograd.Variable;
import io.jgan.autograd.fixtures.FixtureCase;
import io.jgan.autograd.fixtures.FixtureOpProvider;
import io.jgan.autograd.fixtures.FixtureOps;
import io.jgan.autograd.fixtures.FixtureParityWalker;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PyTorch parity of every GAN-loss, f-GAN, plain-loss and penalty fixture, through the
 * project-wide walker (outputs rel 1e-4 / abs 1e-5, gradients rel 1e-3 / abs 1e-4), with this
 * module's runners registered over core-autograd's.
 */
class LossFixtureParityTest {
    private static final List<String> PREFIXES = List.of("gan_", "fgan_", "loss_", "penalty_");

    /** Links this module's cases into {@code dir} so that the walker sees exactly them. */
    private static int linkOwnCases(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Fixtures.dir())) {
            files = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".safetensors") && PREFIXES.stream().anyMatch(n::startsWith);
            }).toList();
        }
        for (Path f : files) {
            Files.createSymbolicLink(dir.resolve(f.getFileName()), f.toAbsolutePath());
        }
        return files.size();
    }

    private static FixtureOps coreWithLosses() {
        FixtureOps ops = FixtureOps.core();
        new LossFixtureOps().register(ops);
        return ops;
    }

    @Test
    void everyLossAndPenaltyCaseMatchesPyTorch(@TempDir Path dir) throws IOException {
        int n = linkOwnCases(dir);
        // 9 gan_loss + 16 fgan_loss + 4 plain losses + 2 penalties
        assertEquals(31, n, "the shared fixtures changed: review the new cases");
        FixtureParityWalker.Summary s = FixtureParityWalker.walk(dir, coreWithLosses(), Set.of());
        System.out.println("gan-losses " + s.line());
        assertEquals(List.of(), s.failures(), s.line());
        assertEquals(n, s.passed(), s.line());
    }

    @Test
    void theRunnersAreFoundByTheServiceLoader() {
        boolean found = ServiceLoader.load(FixtureOpProvider.class).stream()
                .anyMatch(p -> p.type() == LossFixtureOps.class);
        assertTrue(found, "META-INF/services does not list LossFixtureOps");
        FixtureOps discovered = FixtureOps.discover();
        for (String op : List.of("gan_loss", "fgan_loss", "wgan_gp", "r1")) {
            assertTrue(discovered.ops().contains(op), op);
        }
    }

    /**
     * The fixtures pin the f-GAN generator form: the practical -E[g_f(v)] disagrees with PyTorch on
     * every divergence except total variation (where f* is the identity, so both forms coincide).
     */
    @Test
    void thePracticalGeneratorFormIsNotTheFixturesForm(@TempDir Path dir) throws IOException {
        linkOwnCases(dir);
        FixtureOps practical = coreWithLosses().register("fgan_loss", (c, in) -> {
            FDivergence loss = new FDivergence(Divergence.byName((String) c.param("divergence")),
                    FDivergence.GeneratorForm.PRACTICAL);
            return Map.of("out", "d".equals(c.param("side"))
                    ? loss.discriminatorLoss(in.get("v_real"), in.get("v_fake")) : loss.generatorLoss(in.get("v_fake")));
        });
        FixtureParityWalker.Summary s = FixtureParityWalker.walk(dir, practical, Set.of());
        assertEquals(7, s.failures().size(), String.join("\n", s.failures()));
        assertTrue(s.failures().stream().allMatch(f -> f.startsWith("fgan_") && f.contains("_g.safetensors")), s.failures().toString());
    }

    /** One-sided smoothing in {@link Labels} is PyTorch's bce_with_logits against a 0.9 target. */
    @Test
    void oneSidedSmoothingMatchesTheSmoothedBceFixture() throws IOException {
        FixtureCase c = FixtureCase.load(Fixtures.dir().resolve("loss_bce_with_logits_smooth.safetensors"));
        Variable logits = Variable.parameter(c.tensor("logits").copy());
        // fakes with logit -60 contribute softplus(-60) ~ 1e-26 to the loss and nothing to the gradient
        Variable fakes = Variable.of(Tensor.full(-60f, logits.dims()));
        Variable d = new NonSaturating(Labels.oneSidedSmoothing(0.9f)).discriminatorLoss(logits, fakes);
        assertEquals(c.tensor("out").item(), d.item(), 1e-5 + 1e-4 * Math.abs(c.tensor("out").item()));
        Tensor g = Autograd.grad(List.of(d), List.of(logits), List.of(c.tensor("upstream_out")), GradOptions.firstOrder()).get(0).value();
        float[] expected = c.tensor("grad_logits").toArray();
        float[] actual = g.toArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 + 1e-3 * Math.abs(expected[i]), "grad_logits[" + i + "]");
        }
    }
}
