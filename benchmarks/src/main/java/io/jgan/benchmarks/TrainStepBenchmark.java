package io.jgan.benchmarks;

import io.jgan.tensor.Parallel;
import io.jgan.train.GanTrainer;
import io.jgan.train.StepWorkloads;
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
 * batch 64. It runs the real {@link GanTrainer} with one critic step and the WGAN schedule off, built
 * by {@link StepWorkloads} (shared with {@code jgan bench}).
 *
 * <p>Workloads: {@code mlp_ns} (MlpG/MlpD), {@code dcgan28_*} (the Keras DcG/DcD, {@code dcgan-keras}),
 * {@code mnistgan_*} (the InfoGAN MnistG/MnistD, {@code dcgan}); {@code _ns} is the non-saturating
 * loss with the critics' default normalisation, {@code _wgangp} WGAN-GP with unnormalised critics.
 * The score is milliseconds per step; images per second are {@code 64 * 1000 / score} ({@code jgan bench}
 * prints both).
 *
 * <p>The step opens its own {@code TensorScope} ({@link GanTrainer#step()}), so after warm-up its
 * tensors reuse pooled arrays; {@code -prof gc}'s {@code gc.alloc.rate.norm} is what is left per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainStepBenchmark {
    @Param({"mlp_ns", "dcgan28_ns", "dcgan28_wgangp", "mnistgan_ns", "mnistgan_wgangp"})
    public String workload;

    @Param({"1", "2"})
    public int threads;

    private GanTrainer trainer;

    @Setup(Level.Trial)
    public void setup() {
        Parallel.setThreads(threads);
        trainer = StepWorkloads.trainer(workload);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /** @return the step's statistics (consumed so nothing is eliminated) */
    @Benchmark
    public Object step() {
        return trainer.step();
    }
}
