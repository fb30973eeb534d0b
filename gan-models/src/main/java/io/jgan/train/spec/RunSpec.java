package io.jgan.train.spec;

import io.jgan.models.DataShape;
import io.jgan.models.ModelSpec;

/**
 * Everything that defines a training run, typed: the model, the data's shape, the objective
 * (loss + penalties), each network's optimiser, the schedule, the tricks, the outputs and the seed.
 * Build one with {@link #builder()} (recipe defaults filled in, validated on build); its JSON form
 * is a run's {@code config.json} ({@link RunSpecJson}), which reproduces the run.
 *
 * @param recipe the recipe the objective, optimisers and schedule came from ({@link Recipe})
 * @param model the architecture
 * @param data the data's name, directory and shape
 * @param objective the loss and penalties
 * @param optimizerG the generator's optimiser
 * @param optimizerD the critic's optimiser
 * @param schedule length, batch and update schedule
 * @param tricks clipping, instance noise, EMA, the NaN guard
 * @param outputs sample, checkpoint and log cadence
 * @param seed the seed of every random stream
 */
public record RunSpec(String recipe, ModelSpec model, DataSpec data, ObjectiveSpec objective, OptimizerSpec optimizerG,
                      OptimizerSpec optimizerD, ScheduleSpec schedule, Tricks tricks, Outputs outputs, long seed) {

    /** Checks that the parts fit together. */
    public RunSpec {
        SpecException.require(recipe != null, "recipe", "must not be null");
        SpecException.require(model != null && data != null && objective != null && optimizerG != null && optimizerD != null
                && schedule != null && tricks != null && outputs != null, "spec", "parts must not be null");
        SpecException.require(!(objective.hasPenalty() && model.criticNorm() == io.jgan.models.CriticNorm.BATCH), "model.criticNorm",
                "batch cannot be used with a gradient penalty: batch norm couples the samples of a batch, so the per-sample input"
                        + " gradients the penalty needs are wrong; use layer or none");
        SpecException.require(schedule.batchSize() / schedule.microBatches() >= 1, "schedule.microBatches", "leave no sample per part");
        try {
            io.jgan.models.Models.check(model, data.shape());
        } catch (IllegalArgumentException e) {
            throw new SpecException("model", "does not fit the data: " + e.getMessage());
        }
    }

    /** @return a builder with no base: recipe and global defaults fill what is not set */
    public static RunSpecBuilder builder() {
        return new RunSpecBuilder(null);
    }

    /** @return a builder starting from this spec (for changing a few values) */
    public RunSpecBuilder toBuilder() {
        return new RunSpecBuilder(this);
    }

    /** @return the data's shape */
    public DataShape shape() {
        return data.shape();
    }

    /** @return true for conditional models (labels go to G and D) */
    public boolean conditional() {
        return model.kind().conditional();
    }

    /** @return the number of classes of the data (0 when unlabelled) */
    public int numClasses() {
        return data.shape().classes();
    }

    /** @return true when the loss is a Wasserstein objective (critic without sigmoid, W estimate logged) */
    public boolean isWasserstein() {
        return objective.loss().equals("wgan");
    }

    /** @return the JSON form ({@code config.json}) */
    public String toJson() {
        return RunSpecJson.write(this);
    }

    /**
     * @param json a {@code config.json} of this version or of the flat format earlier versions wrote
     * @return the spec
     * @throws IllegalArgumentException naming a bad key or value
     */
    public static RunSpec fromJson(String json) {
        return RunSpecJson.read(json);
    }
}
