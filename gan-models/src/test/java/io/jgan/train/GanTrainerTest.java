package io.jgan.train;

import io.jgan.models.CriticNorm;
import io.jgan.models.DataShape;
import io.jgan.train.spec.Recipe;
import io.jgan.train.spec.RunSpec;
import io.jgan.train.spec.RunSpecBuilder;

import io.jgan.autograd.Variable;
import io.jgan.losses.GanLosses;
import io.jgan.tensor.Parallel;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.jgan.train.TrainerTestSupport.assertSameState;
import static io.jgan.train.TrainerTestSupport.images;
import static io.jgan.train.TrainerTestSupport.tiny;
import static io.jgan.train.TrainerTestSupport.trainer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trainer: every objective and model family, clipping, conditional sampling, resume, threads, NaN guard. */
class GanTrainerTest {
    @TempDir
    Path dir;

    private static void trainsFinite(RunSpecBuilder b, int steps) {
        RunSpec cfg = b.build();
        GanTrainer t = trainer(cfg, images(32, cfg.shape().channels(), cfg.shape().size(), cfg.schedule().batchSize(), 1));
        for (int i = 0; i < steps; i++) {
            GanTrainer.StepStats s = t.step();
            assertFalse(s.skipped(), cfg.model().kind() + "/" + cfg.recipe() + " skipped step " + i);
            assertTrue(Double.isFinite(s.dLoss()) && Double.isFinite(s.gLoss()),
                    cfg.model().kind() + "/" + cfg.recipe() + ": d " + s.dLoss() + ", g " + s.gLoss());
        }
        for (Tensor v : TrainerState.modelTensors(t).values()) {
            assertTrue(v.allFinite(), cfg.model().kind() + "/" + cfg.recipe());
        }
    }

    @Test
    void everyObjectiveTrainsTheMlpWithFiniteValues() {
        List<String> losses = Recipe.names();
        for (String loss : losses) {
            trainsFinite(tiny("mlp", loss), 3);
        }
    }

    @Test
    void everyObjectiveTrainsEveryModelFamilyWithFiniteValues() {
        List<String> losses = Recipe.names();
        for (String model : List.of("dcgan", "dcgan-keras", "cmlp", "cdcgan")) { // mlp: the test above
            for (String loss : losses) {
                trainsFinite(tiny(model, loss), 2);
            }
        }
        trainsFinite(tiny("dcgan", "wgan").data(DataShape.image(3, 32, 10)), 2);
        trainsFinite(tiny("dcgan", "hinge").criticNorm(CriticNorm.LAYER), 2);
        trainsFinite(tiny("dcgan", "ns").dropoutG(0.2), 2);
        trainsFinite(tiny("mlp", "ns").dropoutG(0.3), 2);
    }

    @Test
    void toyModelTrainsOnTwoDimensionalData() {
        RunSpecBuilder cfg = tiny("toy", "wgan-gp");
        Tensor pts = Tensor.randn(new Rng(3), 64, 2);
        GanTrainer t = trainer(cfg, new InMemoryBatches(pts, null, 8, 1));
        for (int i = 0; i < 3; i++) {
            assertTrue(Double.isFinite(t.step().dLoss()));
        }
        assertArrayEquals(new int[] {5, 2}, t.sample(Tensor.randn(new Rng(1), 5, 2), null).dims());
    }

    @Test
    void wganClippingKeepsEveryCriticWeightInRange() {
        GanTrainer t = trainer(tiny("mlp", "wgan").lrD(0.05), images(32, 1, 28, 8, 2));
        for (int i = 0; i < 3; i++) {
            t.step();
        }
        assertEquals(0.01, t.spec().tricks().clip(), 0.0);
        float max = 0;
        for (Variable p : t.critic().parameters()) {
            max = Math.max(max, p.value().abs().max(false).item());
        }
        assertTrue(max <= 0.01f, "largest |w| " + max);
        assertTrue(max > 0.0099f, "clipping should bind at this learning rate, largest |w| " + max);
    }

    @Test
    void conditionalSamplingReturnsTheRequestedClasses() {
        for (String model : List.of("cdcgan", "cmlp")) {
            GanTrainer t = trainer(tiny(model, "ns"), images(32, 1, 28, 8, 3));
            t.step();
            int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 3};
            Tensor s = t.sample(Tensor.randn(new Rng(1), labels.length, t.generator().latentDim()), labels);
            assertArrayEquals(new int[] {11, 1, 28, 28}, s.dims());
            assertThrows(IllegalArgumentException.class,
                    () -> t.sample(Tensor.randn(new Rng(1), 2, t.generator().latentDim()), new int[] {0, 10}));
            assertThrows(IllegalArgumentException.class,
                    () -> t.sample(Tensor.randn(new Rng(1), 2, t.generator().latentDim()), null));
        }
    }

    private void resumeIsBitIdentical(RunSpecBuilder b) throws Exception {
        RunSpec cfg = b.build();
        GanTrainer straight = trainer(cfg, images(40, 1, 28, 8, 4));
        for (int i = 0; i < 6; i++) {
            straight.step();
        }
        GanTrainer first = trainer(cfg, images(40, 1, 28, 8, 4));
        for (int i = 0; i < 3; i++) {
            first.step();
        }
        Path ckpt = dir.resolve(cfg.model().kind() + "-" + cfg.recipe() + ".safetensors");
        assertTrue(TrainerState.save(first, ckpt));
        assertTrue(Files.exists(ckpt.resolveSibling("generator.safetensors")));
        GanTrainer resumed = trainer(cfg, images(40, 1, 28, 8, 4));
        TrainerState.load(resumed, ckpt);
        assertEquals(3, resumed.stepCount());
        for (int i = 0; i < 3; i++) {
            resumed.step();
        }
        assertSameState(TrainerState.modelTensors(straight), TrainerState.modelTensors(resumed));
    }

    @Test
    void resumeEndsBitIdenticalToTheUninterruptedRun() throws Exception {
        resumeIsBitIdentical(tiny("mlp", "wgan-gp").emaDecay(0.9).labelSmoothing(1.0));
        resumeIsBitIdentical(tiny("dcgan-keras", "ns").labelSmoothing(0.9).labelFlip(0.1).instanceNoise(0.1)
                .instanceNoiseSteps(10));
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalWeights() {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            GanTrainer a = trainer(tiny("dcgan", "wgan-gp").emaDecay(0.5), images(32, 1, 28, 8, 5));
            a.step();
            a.step();
            Parallel.setThreads(2);
            GanTrainer b = trainer(tiny("dcgan", "wgan-gp").emaDecay(0.5), images(32, 1, 28, 8, 5));
            b.step();
            b.step();
            assertSameState(TrainerState.modelTensors(a), TrainerState.modelTensors(b));
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /** Real batches, the third of which is poisoned with a NaN. */
    private static final class PoisonedSource implements BatchSource {
        private final InMemoryBatches inner = images(32, 1, 28, 8, 6);
        private int served;

        @Override
        public RealBatch next() {
            RealBatch b = inner.next();
            if (++served == 3) {
                b.x().set(Float.NaN, 0, 0, 5, 5);
            }
            return b;
        }

        @Override public String state() { return inner.state(); }
        @Override public void restore(String state) { inner.restore(state); }
    }

    @Test
    void aPoisonedBatchIsSkippedRecordedAndTrainingCarriesOn() throws Exception {
        GanTrainer t = trainer(tiny("mlp", "ns").nCritic(1), new PoisonedSource()); // one batch per step: the 3rd is step 2
        List<NanGuard.Event> seen = new ArrayList<>();
        TrainLoop.run(t, new TrainLoop.Options(5, 0, dir, 4), new TrainLoop.Listener() {
            @Override
            public void onNanEvent(GanTrainer tr, NanGuard.Event e) {
                seen.add(e);
            }
        });
        assertEquals(1, seen.size());
        assertEquals(2, seen.get(0).step());
        assertEquals(5, t.stepCount());
        for (Tensor v : TrainerState.modelTensors(t).values()) {
            assertTrue(v.allFinite());
        }
        String metrics = Files.readString(dir.resolve("metrics.jsonl"));
        assertTrue(metrics.contains("\"event\":\"non-finite\""), metrics);
        assertTrue(Files.exists(dir.resolve("checkpoints/last.safetensors")));
    }

    @Test
    void corruptedWeightsAreRolledBackToTheLastGoodState() {
        GanTrainer t = trainer(tiny("mlp", "ns"), images(32, 1, 28, 8, 7));
        t.step();
        t.step();
        Tensor w = t.generator().parameters().get(0).value();
        float before = w.get(0, 0);
        w.set(Float.NaN, 0, 0);
        GanTrainer.StepStats s = t.step();
        assertTrue(s.skipped());
        NanGuard.Event e = t.guard().lastEvent();
        assertNotNull(e);
        assertTrue(e.rolledBack());
        assertTrue(Float.isFinite(w.get(0, 0)));
        assertFalse(t.step().skipped());
        assertTrue(Float.isFinite(before));
    }

    @Test
    void repeatedFailuresHalveTheLearningRateThenStop() {
        RunSpecBuilder cfg = tiny("mlp", "ns").nanRetries(4).nanHalveAfter(2);
        BatchSource allNaN = new BatchSource() {
            @Override public RealBatch next() { return new RealBatch(Tensor.full(Float.NaN, 8, 1, 28, 28), null); }
            @Override public String state() { return ""; }
            @Override public void restore(String s) { }
        };
        GanTrainer t = trainer(cfg, allNaN);
        float lr = t.optimizerD().learningRate();
        t.step();
        t.step();
        assertEquals(lr / 2, t.optimizerD().learningRate(), 0f);
        t.step();
        TrainingDivergedException ex = assertThrows(TrainingDivergedException.class, t::step);
        assertTrue(ex.getMessage().contains("4 consecutive"), ex.getMessage());
    }

    @Test
    void batchNormCriticWithGradientPenaltyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(tiny("dcgan", "wgan-gp").criticNorm(CriticNorm.BATCH), images(16, 1, 28, 8, 8)));
        assertTrue(e.getMessage().contains("batch norm"), e.getMessage());
    }
}
