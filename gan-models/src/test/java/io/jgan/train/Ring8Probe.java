package io.jgan.train;

import io.jgan.eval.ModeCoverage;
import io.jgan.models.Mlp;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

class Ring8Probe {
    @Test
    void probe() {
        double lr = Double.parseDouble(System.getenv().getOrDefault("LR", "1e-4"));
        int latent = Integer.parseInt(System.getenv().getOrDefault("LATENT", "2"));
        int hidden = Integer.parseInt(System.getenv().getOrDefault("HIDDEN", "128"));
        int batch = Integer.parseInt(System.getenv().getOrDefault("BATCH", "128"));
        TrainConfig cfg = TrainConfig.defaults().with("model", "toy", "loss", "wgan-gp", "dataset", "ring8",
                "batchSize", batch, "lrG", lr, "lrD", lr, "seed", 7L, "latent", latent, "gpLambda", Double.parseDouble(System.getenv().getOrDefault("LAMBDA", "10")));
        Rng init = new Rng(cfg.seed()).split("init");
        GanTrainer t = new GanTrainer(cfg, new Mlp.ToyG(latent, hidden, init.split("G")), new Mlp.ToyD(hidden, init.split("D")),
                new InMemoryBatches(Ring8LearningTest.ring8(new Rng(1), 20_000), null, batch, 3));
        long t0 = System.nanoTime();
        for (int s = 1; s <= 3000; s++) {
            t.step();
            if (s % 200 == 0) {
                ModeCoverage.Result r = ModeCoverage.measure(t.sample(Tensor.randn(new Rng(99), 2500, latent), null),
                        Ring8LearningTest.centres(), 0.02 / 1.414);
                Tensor x = t.sample(Tensor.randn(new Rng(99), 500, latent), null);
                System.out.printf("PROBE " + System.getenv().getOrDefault("LAMBDA", "10") + " lr %s latent %d step %d: %d/8 hq %.3f radius %.3f+-%.3f %.0fs%n", lr, latent, s, r.modesCovered(),
                        r.highQualityFraction(), x.normRows().mean().item(), Math.sqrt(x.normRows().variance(false, false).item()),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
