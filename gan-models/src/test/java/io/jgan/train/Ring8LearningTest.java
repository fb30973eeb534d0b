package io.jgan.train;

import io.jgan.models.DataShape;
import io.jgan.models.ModelKind;
import io.jgan.train.spec.DataSpec;
import io.jgan.train.spec.PenaltyKind;
import io.jgan.train.spec.RunSpec;

import io.jgan.eval.ModeCoverage;
import io.jgan.models.Mlp;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WGAN-GP learns the ring of eight Gaussians: at least 6 of 8 modes covered (3-sigma criterion)
 * within a CI budget. The settings are the WGAN-GP authors' toy ones (gan_toy.py: lambda 0.1, which
 * they note helps on toy data, Adam betas 0.5/0.9, 5 critic steps, batch 256) with a narrower MLP
 * (128 wide) and a larger learning rate (5e-4) so that it converges in a few hundred steps.
 */
class Ring8LearningTest {
    /** The WGAN-GP toy layout: 8 centres at radius 2, sigma 0.02, everything divided by 1.414. */
    static Tensor ring8(Rng rng, int n) {
        Tensor x = Tensor.zeros(n, 2);
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(8);
            double a = 2 * Math.PI * k / 8;
            x.set((float) ((2 * Math.cos(a) + 0.02 * rng.nextGaussian()) / 1.414), i, 0);
            x.set((float) ((2 * Math.sin(a) + 0.02 * rng.nextGaussian()) / 1.414), i, 1);
        }
        return x;
    }

    static Tensor centres() {
        Tensor c = Tensor.zeros(8, 2);
        for (int k = 0; k < 8; k++) {
            double a = 2 * Math.PI * k / 8;
            c.set((float) (2 * Math.cos(a) / 1.414), k, 0);
            c.set((float) (2 * Math.sin(a) / 1.414), k, 1);
        }
        return c;
    }

    @Test
    void wganGpCoversTheModesOfRing8() {
        long t0 = System.nanoTime();
        RunSpec cfg = RunSpec.builder().model(ModelKind.TOY).loss("wgan-gp").data(DataSpec.of("ring8", DataShape.points(2)))
                .batchSize(256).lr(5e-4).penalty(PenaltyKind.GP, 0.1).seed(7).build();
        Rng init = new Rng(cfg.seed()).split("init");
        GanTrainer t = new GanTrainer(cfg, new Mlp.ToyG(2, 128, init.split("G")), new Mlp.ToyD(128, init.split("D")),
                new InMemoryBatches(ring8(new Rng(1), 20_000), null, 256, 3));
        ModeCoverage.Result r = null;
        int steps = 0;
        while (steps < 1200 && (System.nanoTime() - t0) / 1e9 < 60) {
            for (int i = 0; i < 100; i++) {
                t.step();
            }
            steps += 100;
            r = ModeCoverage.measure(t.sample(Tensor.randn(new Rng(99), 2500, 2), null), centres(), 0.02 / 1.414);
            System.out.printf("ring8 step %d: %d/8 modes, high quality %.3f, %.1f s%n", steps, r.modesCovered(),
                    r.highQualityFraction(), (System.nanoTime() - t0) / 1e9);
            if (r.modesCovered() >= 6) {
                break;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(r.modesCovered() >= 6, "covered " + r.modesCovered() + " of 8 modes after " + steps + " steps");
        assertTrue(seconds < 60, "took " + seconds + " s");
    }
}
