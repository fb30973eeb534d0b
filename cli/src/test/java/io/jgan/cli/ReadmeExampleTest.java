package io.jgan.cli;

import io.jgan.datasets.DataLoader;
import io.jgan.datasets.Mnist;
import io.jgan.models.Models;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.train.BatchSource;
import io.jgan.train.GanTrainer;
import io.jgan.models.DataShape;
import io.jgan.models.ModelKind;
import io.jgan.train.spec.DataSpec;
import io.jgan.train.spec.PenaltyKind;
import io.jgan.train.spec.RunSpec;
import io.jgan.train.TrainLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "training through the API" example, verbatim between the markers, run at a tiny
 * size (the README uses 2000 steps of 64 and runs/api): if the API changes, this stops compiling.
 */
class ReadmeExampleTest {
    @TempDir
    Path tmp;

    @Test
    void readmeExampleTrainsAndSamples() throws IOException {
        long steps = 3;
        int batchSize = 8;
        Path runDir = tmp.resolve("api");
        List<Long> gridSteps = new ArrayList<>();

        // README-BEGIN
        RunSpec spec = RunSpec.builder()
                .model(ModelKind.MLP).data(DataSpec.of("mnist", DataShape.image(1, 28, 10)))
                .loss("wgan-gp").penalty(PenaltyKind.R1, 1.0)   // a recipe plus any penalties
                .steps(steps).batchSize(batchSize).seed(42)
                .build();                                       // validated: errors name the field
        Models.Pair nets = Models.create(spec.model(), spec.shape(), new Rng(spec.seed()).split("init"));
        try (DataLoader loader = DataLoader.builder(Mnist.bundledTest()).batchSize(batchSize)
                .rng(new Rng(spec.seed()).split("data")).build()) {
            BatchSource data = new BatchSource() { // the trainer reads batches; the loader makes them
                @Override public RealBatch next() { return new RealBatch(loader.next().images(), null); }
                @Override public String state() { return loader.state().encode(); }
                @Override public void restore(String s) { loader.restore(DataLoader.State.decode(s)); }
            };
            GanTrainer trainer = new GanTrainer(spec, nets.generator(), nets.critic(), data);
            TrainLoop.run(trainer, new TrainLoop.Options(steps, 0, runDir, 64), new TrainLoop.Listener() {
                @Override public void onSamples(GanTrainer t, long step, Tensor samples) {
                    gridSteps.add(step); // samples: [64, 1, 28, 28] in [-1, 1] from fixed noise
                }
            });
            Tensor z = Tensor.randn(new Rng(7), 16, trainer.generator().latentDim());
            Tensor fakes = trainer.sample(z, null); // [16, 1, 28, 28]
            System.out.println("trained " + trainer.stepCount() + " steps, samples " + fakes.shape());
            // README-END
            assertEquals(steps, trainer.stepCount());
            assertArrayEquals(new int[] {16, 1, 28, 28}, fakes.dims());
        }
        assertEquals(List.of(steps), gridSteps, "the final fixed-noise grid");
        assertTrue(Files.isRegularFile(runDir.resolve("checkpoints/last.safetensors")));
        assertTrue(Files.isRegularFile(runDir.resolve("metrics.jsonl")));
    }
}
