package io.jgan.spark;

import io.jgan.models.DataShape;
import io.jgan.models.ModelKind;
import io.jgan.models.Models;
import io.jgan.tensor.Rng;
import io.jgan.train.GanTrainer;
import io.jgan.train.TrainerState;
import io.jgan.train.spec.DataSpec;
import io.jgan.train.spec.RunSpec;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spark in-process ({@code local[2]}): a run over 2 Spark workers writes a checkpoint byte-identical
 * to the single-machine run with 2 micro-batches, for toy, MLP and DCGAN models with the
 * non-saturating and WGAN-GP objectives; two Spark runs with one seed are byte-identical.
 */
class SparkTrainingTest {
    private static JavaSparkContext sc;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(SparkSettings.conf("local[2]", 2, "jgan-test"));
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    static RunSpec spec(String model, String loss, int steps) {
        boolean toy = model.equals("toy");
        DataSpec data = toy ? DataSpec.of("ring8", DataShape.points(2)) : DataSpec.of("mnist", DataShape.image(1, 28, 10));
        return RunSpec.builder().model(ModelKind.parse(model)).loss(loss).data(data).batchSize(8).microBatches(2).nCritic(2)
                .steps(steps).seed(42).sampleEvery(0).checkpointEvery(0).build();
    }

    static GanTrainer local(RunSpec spec) throws Exception {
        Models.Pair p = Models.create(spec.model(), spec.shape(), new Rng(spec.seed()).split("init"));
        return new GanTrainer(spec, p.generator(), p.critic(), ShardData.source(spec));
    }

    static GanTrainer driver(RunSpec spec, SparkRun run) throws Exception {
        Models.Pair p = Models.create(spec.model(), spec.shape(), new Rng(spec.seed()).split("init"));
        return new GanTrainer(spec, p.generator(), p.critic(), ShardData.source(spec), run);
    }

    private Path train(GanTrainer t, long steps, String name) throws Exception {
        for (long i = 0; i < steps; i++) {
            assertFalse(t.step().skipped(), name + " step " + i);
        }
        Path file = tmp.resolve(name).resolve("last.safetensors");
        Files.createDirectories(file.getParent());
        assertTrue(TrainerState.save(t, file));
        return file;
    }

    private void sparkEqualsMicroBatches(String model, String loss, int steps, boolean inProcess) throws Exception {
        RunSpec spec = spec(model, loss, steps);
        String what = model + "-" + loss.replace(':', '_');
        Path local = train(local(spec), steps, what + "-local");
        SparkRun run = new SparkRun(sc, false, 2, spec, inProcess);
        Path spark = train(driver(spec, run), steps, what + "-spark-" + inProcess);
        assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(spark), what + ": the checkpoints differ");
        assertArrayEquals(Files.readAllBytes(local.resolveSibling("generator.safetensors")),
                Files.readAllBytes(spark.resolveSibling("generator.safetensors")), what);
        int phasesPerStep = spec.schedule().nCritic() + 1;
        assertEquals((long) steps * phasesPerStep, run.stats().jobs, "one Spark job per phase");
    }

    @Test
    void toyMlpAndDcganWithNsAndWganGpAreBitIdenticalToTwoMicroBatches() throws Exception {
        // serialised, as on a cluster (broadcast weights, task results)
        sparkEqualsMicroBatches("toy", "ns", 3, false);
        sparkEqualsMicroBatches("toy", "wgan-gp", 2, false);
        sparkEqualsMicroBatches("mlp", "ns", 2, false);
        sparkEqualsMicroBatches("mlp", "wgan-gp", 2, false);
        sparkEqualsMicroBatches("dcgan", "ns", 2, false);
        sparkEqualsMicroBatches("dcgan", "wgan-gp", 2, false);
    }

    @Test
    void theInProcessHandOffOfLocalRunsIsBitIdenticalToo() throws Exception {
        sparkEqualsMicroBatches("toy", "wgan-gp", 2, true);
        sparkEqualsMicroBatches("mlp", "ns", 2, true);
        sparkEqualsMicroBatches("dcgan", "ns", 2, true);
    }

    @Test
    void twoSparkRunsWithOneSeedAreBitIdentical() throws Exception {
        RunSpec spec = spec("mlp", "ns", 2);
        boolean inProcess = false;
        Path a = train(driver(spec, new SparkRun(sc, false, 2, spec, inProcess)), 2, "a");
        Path b = train(driver(spec, new SparkRun(sc, false, 2, spec, inProcess)), 2, "b");
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void anUnreachableMasterOrAnUnknownOneIsOneLine() {
        RunSpec spec = spec("mlp", "ns", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparkDataParallel().open("spark://127.0.0.1:1", 2, spec));
        assertEquals("cannot reach the Spark master at spark://127.0.0.1:1 (nothing answers there; start one with bin/spark-cluster"
                + " start N)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SparkDataParallel().open("yarn", 2, spec));
        assertEquals("--spark takes local[N] or spark://HOST:PORT, got yarn", e.getMessage());
    }

    @Test
    void executorsThatCannotReadTheDataAreNamed() {
        RunSpec spec = RunSpec.builder().model(ModelKind.parse("mlp")).loss("ns")
                .data(new DataSpec("mnist", tmp.resolve("nowhere").toString(), DataShape.image(1, 28, 10))).batchSize(8).microBatches(2)
                .steps(1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkDataParallel.checkData(sc, 2, spec));
        assertTrue(e.getMessage().startsWith("the Spark executors cannot read the data: " + tmp.resolve("nowhere")), e.getMessage());
    }
}
