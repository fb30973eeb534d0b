package io.jgan.train;

import io.jgan.models.DataShape;
import io.jgan.models.ModelKind;
import io.jgan.train.spec.DataSpec;
import io.jgan.train.spec.Recipe;
import io.jgan.train.spec.RunSpec;
import io.jgan.train.spec.RunSpecBuilder;
import io.jgan.train.spec.UpdateSchedule;

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

    /** Batch 8, two critic steps (one for simultaneous updates), no WGAN schedule, 28x28 images (2-D points for toy). */
    static RunSpecBuilder tiny(String model, String loss) {
        Recipe r = Recipe.byName(loss);
        boolean simultaneous = r.updates() == UpdateSchedule.SIMULTANEOUS;
        DataShape shape = model.equals("toy") ? DataShape.points(2) : DataShape.image(1, 28, 10);
        return RunSpec.builder().model(ModelKind.parse(model)).loss(loss).data(DataSpec.of("test", shape)).batchSize(8)
                .nCritic(simultaneous ? 1 : 2).updates(simultaneous ? UpdateSchedule.SIMULTANEOUS : UpdateSchedule.ALTERNATING)
                .sampleEvery(0).checkpointEvery(0);
    }

    static GanTrainer trainer(RunSpecBuilder b, BatchSource data) {
        return trainer(b.build(), data);
    }

    static GanTrainer trainer(RunSpec cfg, BatchSource data) {
        Models.Pair p = Models.create(cfg.model(), cfg.shape(), new Rng(cfg.seed()).split("init"));
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
