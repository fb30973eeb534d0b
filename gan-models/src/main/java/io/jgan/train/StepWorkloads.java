package io.jgan.train;

import io.jgan.models.DataShape;
import io.jgan.models.ModelKind;
import io.jgan.models.Models;
import io.jgan.train.spec.DataSpec;
import io.jgan.train.spec.OptimizerKind;
import io.jgan.train.spec.RunSpec;
import io.jgan.train.spec.UpdateSchedule;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

import java.util.List;

/**
 * The whole-step workloads of the anchors' {@code gan_step_bench} ({@code torch_bench.py}), shared
 * by the JMH {@code TrainStepBenchmark} and {@code jgan bench} so both time exactly the same step:
 * batch 64 of 1x28x28 images, one critic step (WGAN schedule off) and one generator step, Adam
 * (2e-4, betas 0.5/0.999) for both, lambda 10 for WGAN-GP.
 *
 * <p>Names: {@code mlp_ns} (MlpG/MlpD, {@code --model mlp}), {@code dcgan28_ns|wgangp} (the Keras
 * DcG/DcD, {@code dcgan-keras}), {@code mnistgan_ns|wgangp} (the InfoGAN MnistG/MnistD, {@code dcgan}).
 */
public final class StepWorkloads {
    /** The batch size of the anchors' step benchmark. */
    public static final int BATCH = 64;
    /** Every workload name. */
    public static final List<String> NAMES = List.of("mlp_ns", "dcgan28_ns", "dcgan28_wgangp", "mnistgan_ns", "mnistgan_wgangp");

    private StepWorkloads() {
    }

    /**
     * @param workload a workload name
     * @return the configuration of the peer's step
     */
    public static RunSpec config(String workload) {
        int cut = workload.lastIndexOf('_');
        String family = cut < 0 ? workload : workload.substring(0, cut);
        ModelKind model = switch (family) {
            case "mlp" -> ModelKind.MLP;
            case "dcgan28" -> ModelKind.DCGAN_KERAS;
            case "mnistgan" -> ModelKind.DCGAN;
            default -> throw new IllegalArgumentException("unknown workload '" + workload + "' (" + String.join(", ", NAMES) + ")");
        };
        String loss = switch (workload.substring(cut + 1)) {
            case "ns" -> "ns";
            case "wgangp" -> "wgan-gp";
            default -> throw new IllegalArgumentException("unknown workload '" + workload + "' (" + String.join(", ", NAMES) + ")");
        };
        return RunSpec.builder().model(model).loss(loss).data(DataSpec.of("uniform", DataShape.image(1, 28, 10))).batchSize(BATCH)
                .optimizer(OptimizerKind.ADAM).lr(2e-4).betas(0.5, 0.999).nCritic(1).updates(UpdateSchedule.ALTERNATING)
                .sampleEvery(0).checkpointEvery(0).build();
    }

    /**
     * @param workload a workload name
     * @return a trainer over one fixed batch of uniform [-1, 1] images (the peer's {@code real})
     */
    public static GanTrainer trainer(String workload) {
        RunSpec cfg = config(workload);
        Tensor real = Tensor.uniform(new Rng(7), -1f, 1f, BATCH, 1, 28, 28);
        Models.Pair p = Models.create(cfg.model(), cfg.shape(), new Rng(cfg.seed()).split("init"));
        return new GanTrainer(cfg, p.generator(), p.critic(), new InMemoryBatches(real, null, BATCH, 1));
    }
}
