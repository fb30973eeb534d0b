package io.jgan.cli.train;

import io.jgan.train.spec.SpecException;

import java.util.Map;

/**
 * Turns a run-specification error, which names the API's field ({@code schedule.batchSize}), into
 * the command line's words ({@code --batch-size}).
 */
final class SpecErrors {
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("model", "--model"), Map.entry("model.latent", "--latent"), Map.entry("model.criticNorm", "--critic-norm"),
            Map.entry("model.dropoutG", "--dropout-g"), Map.entry("data", "--dataset"),
            Map.entry("objective.loss", "--loss"), Map.entry("objective.penalties", "--penalty"),
            Map.entry("objective.labelSmoothing", "--label-smoothing"), Map.entry("objective.labelFlip", "--label-flip"),
            Map.entry("objective.generatorForm", "--fgan-generator"),
            Map.entry("optimizerG.lr", "--lr-g"), Map.entry("optimizerD.lr", "--lr-d"),
            Map.entry("optimizerG.beta1", "--beta1"), Map.entry("optimizerD.beta1", "--beta1"),
            Map.entry("optimizerG.beta2", "--beta2"), Map.entry("optimizerD.beta2", "--beta2"),
            Map.entry("schedule.steps", "--steps"), Map.entry("schedule.epochs", "--epochs"),
            Map.entry("schedule.timeLimitSeconds", "--time-limit"), Map.entry("schedule.batchSize", "--batch-size"),
            Map.entry("schedule.microBatches", "--micro-batches"), Map.entry("schedule.nCritic", "--n-critic"),
            Map.entry("schedule.updates", "--updates"), Map.entry("tricks.clip", "--clip"),
            Map.entry("tricks.instanceNoise", "--instance-noise"), Map.entry("tricks.instanceNoiseSteps", "--instance-noise-steps"),
            Map.entry("tricks.emaDecay", "--ema"), Map.entry("tricks.nanRetries", "--nan-retries"),
            Map.entry("tricks.nanHalveAfter", "--nan-halve-after"), Map.entry("tricks.emaWarmup", "--ema-warmup"), Map.entry("model.init", "--init"), Map.entry("outputs.sampleEvery", "--sample-every"),
            Map.entry("outputs.checkpointEvery", "--checkpoint-every"), Map.entry("outputs.logEvery", "--log-every"));

    private SpecErrors() {}

    /**
     * @param e the specification's error
     * @return the same problem, naming the option
     */
    static IllegalArgumentException translate(SpecException e) {
        String flag = FLAGS.get(e.field());
        if (flag == null && e.field().startsWith("objective.penalties")) {
            flag = "--penalty";
        }
        return new IllegalArgumentException((flag != null ? flag : e.field()) + " " + e.problem(), e);
    }
}
