package io.jgan.benchmarks;

import io.jgan.models.Models;
import io.jgan.tensor.Parallel;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.train.GanTrainer;
import io.jgan.train.InMemoryBatches;
import io.jgan.train.TrainConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One whole GAN training step, exactly the work of {@code gan_step_bench} in the anchors'
 * {@code torch_bench.py}: one G forward on fresh noise, one D update on a real batch and the
 * detached fake (for WGAN-GP the critic loss plus the gradient penalty, lambda 10, through the
 * double backward), one G update through D on the same fake, Adam (2e-4, betas 0.5/0.999) for both,
 * batch 64. It runs the real {@link GanTrainer} with one critic step and the WGAN schedule off.
 *
 * <p>Workloads: {@code mlp_ns} (MlpG/MlpD), {@code dcgan28_*} (the Keras DcG/DcD, {@code dcgan-keras}),
 * {@code mnistgan_*} (the InfoGAN MnistG/MnistD, {@code dcgan}); {@code _ns} is the non-saturating
 * loss with the critics' default normalisation, {@code _wgangp} WGAN-GP with unnormalised critics.
 * The score is milliseconds per step; images per second are {@code 64 * 1000 / score} ({@code jgan bench}
 * prints both).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainStepBenchmark {
    /** The batch size of the anchors' step benchmark. */
    public static final int BATCH = 64;

    @Param({"mlp_ns", "dcgan28_ns", "dcgan28_wgangp", "mnistgan_ns", "mnistgan_wgangp"})
    public String workload;

    @Param({"1", "2"})
    public int threads;

    private GanTrainer trainer;

    @Setup(Level.Trial)
    public void setup() {
        Parallel.setThreads(threads);
        trainer = trainer(workload);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Builds the trainer of a workload; shared with {@code jgan bench} so both measure the same step.
     *
     * @param workload one of the {@code @Param} names
     * @return a trainer over one fixed batch of uniform [-1, 1] images (the peer's {@code real})
     */
    public static GanTrainer trainer(String workload) {
        TrainConfig cfg = config(workload);
        Tensor real = Tensor.uniform(new Rng(7), -1f, 1f, BATCH, 1, 28, 28);
        Models.Pair p = Models.create(cfg, new Rng(cfg.seed()).split("init"));
        return new GanTrainer(cfg, p.generator(), p.critic(), new InMemoryBatches(real, null, BATCH, 1));
    }

    /**
     * @param workload a workload name
     * @return the configuration of the peer's step: Adam 2e-4 / 0.5 / 0.999 for both, one critic step
     */
    public static TrainConfig config(String workload) {
        int cut = workload.lastIndexOf('_');
        String model = switch (workload.substring(0, cut)) {
            case "mlp" -> "mlp";
            case "dcgan28" -> "dcgan-keras";
            case "mnistgan" -> "dcgan";
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
        String loss = switch (workload.substring(cut + 1)) {
            case "ns" -> "ns";
            case "wgangp" -> "wgan-gp";
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
        return TrainConfig.defaults().with("model", model, "loss", loss, "batchSize", BATCH, "optimizer", "adam",
                "lrG", 2e-4, "lrD", 2e-4, "beta1", 0.5, "beta2", 0.999, "nCritic", 1, "wganSchedule", false,
                "gpLambda", 10.0, "sampleEvery", 0, "checkpointEvery", 0);
    }

    /** @return the step's statistics (consumed so nothing is eliminated) */
    @Benchmark
    public Object step() {
        return trainer.step();
    }
}
