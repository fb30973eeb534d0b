package io.jgan.train;

import io.jgan.nn.Module;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.TensorScope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a long run alive through a non-finite step. Before every update the losses and gradients
 * are checked: a non-finite one skips the update (the weights are still the last good ones). After
 * the update the weights are checked: non-finite weights are replaced by the in-memory snapshot of
 * the last good state (taken every {@link #SNAPSHOT_EVERY} good steps: G, D, both optimisers, EMA).
 * After {@code nanHalveAfter} failures in a row both learning rates are halved; after
 * {@code nanRetries} training stops with {@link TrainingDivergedException}. Every event is recorded.
 */
public final class NanGuard {
    /** Good steps between in-memory snapshots. */
    public static final int SNAPSHOT_EVERY = 50;

    /**
     * One non-finite step.
     *
     * @param step the generator step
     * @param consecutive failures in a row, this one included
     * @param rolledBack whether the weights were restored from the snapshot
     * @param lrHalved whether the learning rates were halved
     */
    public record Event(long step, int consecutive, boolean rolledBack, boolean lrHalved) {}

    private final GanTrainer t;
    private final List<Event> events = new ArrayList<>();
    private int consecutive;
    private boolean weightsBad;
    private Map<String, Tensor> snapshot;
    private long snapshotSteps;
    private boolean diverged;

    NanGuard(GanTrainer trainer) {
        this.t = trainer;
    }

    /** @return every event so far */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** @return the most recent event, or null */
    public Event lastEvent() {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    /** The trainer passes the gradients' sum of squares it computes for logging anyway, so the check costs no pass of its own. */
    boolean gradientsFinite(double lossValue, double gradSumOfSquares) {
        return Double.isFinite(lossValue) && Double.isFinite(gradSumOfSquares);
    }

    boolean weightsFinite() {
        for (Module m : List.of(t.generator(), t.critic())) {
            for (Tensor v : m.stateDict().values()) {
                if (!v.allFinite()) {
                    weightsBad = true;
                    return false;
                }
            }
        }
        return true;
    }

    void onSuccess(long step) {
        consecutive = 0;
        // The snapshot is taken inside the step's TensorScope but kept for the whole run: its tensors
        // are ordinary heap arrays (the optimiser's state-dict copies read here are step temporaries).
        if (snapshot == null) {
            Map<String, Tensor> now = TrainerState.modelTensors(t);
            snapshot = TensorScope.unpooled(() -> TrainerState.copy(now));
            snapshotSteps = step + 1;
        } else if (step % SNAPSHOT_EVERY == 0) {
            // into the same buffers: two full copies of the model state never live at once
            Map<String, Tensor> now = TrainerState.modelTensors(t);
            try (TensorScope unpooled = TensorScope.openUnpooled()) {
                TrainerState.copyInto(now, snapshot);
            }
            snapshotSteps = step + 1;
        }
    }

    void onFailure(long step) {
        consecutive++;
        boolean rolledBack = false;
        if (weightsBad || !weightsFinite()) {
            if (snapshot == null) {
                throw new TrainingDivergedException("non-finite weights at step " + step + " before any good state was recorded");
            }
            TrainerState.loadModelTensors(t, snapshot);
            weightsBad = false;
            rolledBack = true;
        }
        t.optimizerG().zeroGrad();
        t.optimizerD().zeroGrad();
        boolean halve = t.spec().tricks().nanHalveAfter() > 0 && consecutive % t.spec().tricks().nanHalveAfter() == 0;
        if (halve) {
            t.optimizerG().setLearningRate(t.optimizerG().learningRate() / 2);
            t.optimizerD().setLearningRate(t.optimizerD().learningRate() / 2);
        }
        events.add(new Event(step, consecutive, rolledBack, halve));
        if (consecutive >= t.spec().tricks().nanRetries()) {
            diverged = true;
            throw new TrainingDivergedException("training diverged: " + consecutive + " consecutive non-finite steps up to step "
                    + step + " (losses, gradients or weights became NaN or infinite); try a lower learning rate");
        }
    }

    /** @return true once the guard has stopped the run (the weights are then the last good ones) */
    public boolean diverged() {
        return diverged;
    }

    /**
     * Forgets the failures that stopped the run, so that a continuation (with a lower learning rate)
     * starts with a fresh count; the checkpoint written then still says it diverged.
     */
    void clearFailures() {
        consecutive = 0;
    }

    /**
     * Puts the last snapshot's weights, optimiser state and EMA back into the trainer: the state a
     * stopped run keeps, since the weights just before a streak of failures are often already on
     * their way out (finite, but one step from overflowing).
     *
     * @return the steps done when the snapshot was taken, or -1 if there is none (nothing restored)
     */
    long restoreSnapshot() {
        if (snapshot == null) {
            return -1;
        }
        TrainerState.loadModelTensors(t, snapshot);
        return snapshotSteps;
    }

    /** @return state of the guard for checkpoints */
    Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("consecutive", consecutive);
        m.put("events", events.size());
        return m;
    }

    void restore(int consecutiveFailures) {
        this.consecutive = consecutiveFailures;
    }
}
