package io.jgan.train;

import io.jgan.models.Models;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tiny data and trainers for the training tests. */
final class TrainerTestSupport {
    private TrainerTestSupport() {}

    /** Random "images" in [-1, 1]: [n, c, s, s], with labels 0..9. */
    static InMemoryBatches images(int n, int c, int s, int batch, long seed) {
        Tensor x = Tensor.uniform(new Rng(seed), -1f, 1f, n, c, s, s);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
        }
        return new InMemoryBatches(x, y, batch, seed);
    }

    static TrainConfig tiny(String model, String loss) {
        return TrainConfig.defaults().with("model", model, "loss", loss, "batchSize", 8, "wganSchedule", false,
                "nCritic", 2, "sampleEvery", 0, "checkpointEvery", 0);
    }

    static GanTrainer trainer(TrainConfig cfg, BatchSource data) {
        Models.Pair p = Models.create(cfg, new Rng(cfg.seed()).split("init"));
        return new GanTrainer(cfg, p.generator(), p.critic(), data);
    }

    static void assertSameState(Map<String, Tensor> a, Map<String, Tensor> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).toArray(), b.get(k).toArray(), () -> "tensor " + k + " differs: "
                    + Arrays.toString(Arrays.copyOf(a.get(k).toArray(), 4)) + " vs " + Arrays.toString(Arrays.copyOf(b.get(k).toArray(), 4)));
        }
    }
}
