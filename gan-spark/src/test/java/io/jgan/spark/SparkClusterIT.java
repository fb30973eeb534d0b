package io.jgan.spark;

import io.jgan.models.DataShape;
import io.jgan.models.ModelKind;
import io.jgan.models.Models;
import io.jgan.tensor.Rng;
import io.jgan.train.GanTrainer;
import io.jgan.train.PhaseRequest;
import io.jgan.train.ShardExecutor;
import io.jgan.train.ShardResult;
import io.jgan.train.TrainerState;
import io.jgan.train.spec.DataSpec;
import io.jgan.train.spec.RunSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real thing, on loopback: {@code bin/spark-cluster start 2} (a standalone master and two
 * workers, each starting its own executor JVM), a 30-step run from this JVM as the driver, then the
 * same run with one executor JVM killed (SIGKILL) in the middle of a phase's job. Spark reruns the
 * lost task and starts a new executor; the run completes and its checkpoint is byte-identical to
 * the undisturbed run's. Run once, by {@code .ci/run} ({@code -Djgan.spark.skipCluster=false}).
 */
class SparkClusterIT {
    private static final Path ROOT = Path.of(System.getProperty("jgan.spark.root", ".")).toAbsolutePath().getParent();
    private static Path clusterDir;
    private static int port;

    @BeforeAll
    static void startCluster() throws Exception {
        clusterDir = Files.createTempDirectory("jgan-spark-cluster");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(0, cluster("start", "2"), "bin/spark-cluster start 2");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster("stop");
    }

    private static int cluster(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("bin/spark-cluster").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JGAN_SPARK_PORT", String.valueOf(port));
        pb.environment().put("JGAN_SPARK_CLUSTER_DIR", clusterDir.toString());
        pb.inheritIO();
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/spark-cluster " + String.join(" ", args) + " did not finish");
        return p.exitValue();
    }

    private static RunSpec spec() {
        return RunSpec.builder().model(ModelKind.parse("mlp")).loss("ns").data(DataSpec.of("mnist", DataShape.image(1, 28, 10)))
                .batchSize(16).microBatches(2).steps(30).seed(42).sampleEvery(0).checkpointEvery(0).build();
    }

    /** Kills one executor JVM (a child process of worker 1) a little after the given phase's job started. */
    private static final class KillDuring implements ShardExecutor {
        private final ShardExecutor inner;
        private final long phase;
        private final AtomicLong killed = new AtomicLong(-1);
        private long phases;
        private Thread killer;

        KillDuring(ShardExecutor inner, long phase) {
            this.inner = inner;
            this.phase = phase;
        }

        @Override
        public int shards() {
            return inner.shards();
        }

        @Override
        public List<ShardResult> compute(PhaseRequest r) {
            if (++phases == phase) {
                killer = new Thread(() -> {
                    try {
                        Thread.sleep(20);
                        long worker = Long.parseLong(Files.readString(clusterDir.resolve("worker-1.pid")).trim());
                        Optional<ProcessHandle> executor = ProcessHandle.of(worker).flatMap(w -> w.children().findFirst());
                        executor.ifPresent(e -> {
                            killed.set(e.pid());
                            e.destroyForcibly(); // SIGKILL
                        });
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                killer.start();
            }
            return inner.compute(r);
        }
    }

    private static Path train(Path file, long killAtPhase) throws Exception {
        RunSpec spec = spec();
        SparkRun run = (SparkRun) new SparkDataParallel().open("spark://127.0.0.1:" + port, 2, spec);
        try {
            KillDuring ex = new KillDuring(run, killAtPhase);
            Models.Pair p = Models.create(spec.model(), spec.shape(), new Rng(spec.seed()).split("init"));
            GanTrainer t = new GanTrainer(spec, p.generator(), p.critic(), ShardData.source(spec), ex);
            for (int i = 0; i < 30; i++) {
                assertFalse(t.step().skipped());
            }
            if (ex.killer != null) {
                ex.killer.join();
                assertTrue(ex.killed.get() > 0, "no executor JVM was found to kill");
                System.out.println("SparkClusterIT: killed executor JVM " + ex.killed.get() + " during phase " + killAtPhase
                        + "; shards were computed by executors " + run.stats().executors);
            }
            Files.createDirectories(file.getParent());
            assertTrue(TrainerState.save(t, file));
            return file;
        } finally {
            run.close();
        }
    }

    @Test
    void aRunWithAnExecutorKilledMidJobEndsWithTheUndisturbedWeights() throws Exception {
        Path undisturbed = train(clusterDir.resolve("a/last.safetensors"), -1);
        Path killed = train(clusterDir.resolve("b/last.safetensors"), 21);
        assertArrayEquals(Files.readAllBytes(undisturbed), Files.readAllBytes(killed), "the killed run's checkpoint differs");
    }
}
