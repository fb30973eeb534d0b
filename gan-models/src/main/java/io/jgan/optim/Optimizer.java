package io.jgan.optim;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Updates parameters from their gradients, the counterpart of {@code torch.optim.Optimizer} with a
 * single parameter group.
 *
 * <p>{@link #step()} skips parameters without a gradient (as PyTorch does), updates the rest in
 * place (allocation-free once the state exists), then applies the registered
 * {@link ParameterConstraint}s, e.g. WGAN's {@link WeightClipping}.
 *
 * <p>The learning rate is a float so that the state dict holds it exactly: the trainer may halve
 * it after a non-finite loss, and a resumed run must continue with the very same value. State is
 * plain data: {@link #stateDict()} returns {@code "lr"} and the per-parameter tensors under names
 * such as {@code "exp_avg.3"} (index into {@link #parameters()}); checkpoints add a prefix.
 */
public abstract class Optimizer {
    /** Largest step count a float32 holds exactly (PyTorch also keeps its step as a float tensor). */
    static final long MAX_EXACT_STEP = 1L << 24;
    private final List<Variable> params;
    private final List<ParameterConstraint> constraints = new ArrayList<>();
    private float lr;

    /**
     * @param params the parameters to update (leaves requiring gradients), in a fixed order
     * @param lr the learning rate, positive
     */
    protected Optimizer(List<Variable> params, float lr) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("an optimiser needs at least one parameter");
        }
        for (Variable p : params) {
            if (!p.isLeaf()) {
                throw new IllegalArgumentException("can only optimise leaf Variables, got the output of op '" + p.op() + "'");
            }
        }
        this.params = List.copyOf(params);
        setLearningRate(lr);
    }

    /** @return the parameters, in state-dict index order */
    public final List<Variable> parameters() {
        return params;
    }

    /** @return the learning rate */
    public final float learningRate() {
        return lr;
    }

    /** @param lr the new learning rate, positive and finite */
    public final void setLearningRate(float lr) {
        if (!(lr > 0) || !Float.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + lr);
        }
        this.lr = lr;
    }

    /**
     * Registers a constraint applied after every step, in registration order.
     *
     * @param c the constraint
     * @return this
     */
    public final Optimizer addConstraint(ParameterConstraint c) {
        constraints.add(c);
        return this;
    }

    /** Clears every parameter's gradient (set to none, as PyTorch's default). */
    public final void zeroGrad() {
        for (Variable p : params) {
            p.zeroGrad();
        }
    }

    /** Updates every parameter that has a gradient, then applies the constraints. */
    public final void step() {
        for (int i = 0; i < params.size(); i++) {
            Variable p = params.get(i);
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            if (!g.shape().equals(p.shape())) {
                throw new IllegalStateException("gradient of shape " + g.shape() + " for parameter " + i + " of shape " + p.shape());
            }
            update(i, p.value(), g);
        }
        for (ParameterConstraint c : constraints) {
            c.apply();
        }
    }

    /**
     * Updates one parameter in place.
     *
     * @param index the parameter's index
     * @param param its value
     * @param grad its gradient, same shape
     */
    protected abstract void update(int index, Tensor param, Tensor grad);

    /**
     * @return {@code "lr"} and the per-parameter state (copies), by name
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("lr", Tensor.scalar(lr));
        saveState(out);
        return out;
    }

    /**
     * Restores a state saved by {@link #stateDict()} of an optimiser of the same kind over
     * parameters of the same shapes. Nothing changes when it fails.
     *
     * @param state the tensors by name
     * @throws IllegalArgumentException listing missing, unexpected and mis-shaped entries and invalid values
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        List<String> problems = new ArrayList<>();
        Tensor lrT = state.get("lr");
        float newLr = Float.NaN;
        if (lrT == null) {
            problems.add("missing \"lr\"");
        } else if (lrT.size() != 1 || !(lrT.item() > 0) || !Float.isFinite(lrT.item())) {
            problems.add("\"lr\" must be one positive finite value, got " + lrT);
        } else {
            newLr = lrT.item();
        }
        Map<String, Tensor> expected = expectedState(state);
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor t = state.get(e.getKey());
            if (t == null) {
                problems.add("missing \"" + e.getKey() + "\"");
            } else if (!t.shape().equals(e.getValue().shape())) {
                problems.add("\"" + e.getKey() + "\" has shape " + t.shape() + ", expected " + e.getValue().shape());
            }
        }
        TreeSet<String> unexpected = new TreeSet<>(state.keySet());
        unexpected.remove("lr");
        unexpected.removeAll(expected.keySet());
        for (String k : unexpected) {
            problems.add("unexpected \"" + k + "\"");
        }
        if (problems.isEmpty()) {
            validateState(state, problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot load " + getClass().getSimpleName() + " state: " + String.join("; ", problems));
        }
        lr = newLr;
        restoreState(state);
    }

    /**
     * @param out receives the per-parameter state (copies), e.g. {@code "exp_avg.0"}
     */
    protected abstract void saveState(Map<String, Tensor> out);

    /**
     * @param state the state being loaded (optional entries such as SGD's momentum buffers are
     *     expected when present)
     * @return the names and shapes a valid state has (values ignored)
     */
    protected abstract Map<String, Tensor> expectedState(Map<String, Tensor> state);

    /**
     * Checks values (step counts are non-negative integers, second moments non-negative, ...).
     *
     * @param state the state, names and shapes already checked
     * @param problems receives a description of each invalid entry
     */
    protected abstract void validateState(Map<String, Tensor> state, List<String> problems);

    /** @param state a validated state to copy into this optimiser */
    protected abstract void restoreState(Map<String, Tensor> state);

    /** @param step a step count @return it as a float32 scalar, refusing counts a float cannot hold exactly */
    static Tensor stepTensor(long step) {
        if (step > MAX_EXACT_STEP) {
            throw new IllegalStateException("step count " + step + " exceeds 2^24, which a float32 checkpoint cannot hold exactly");
        }
        return Tensor.scalar(step);
    }

    /** Checks that a step entry is a non-negative integral float within the exact range. */
    static void checkStep(String name, Tensor t, List<String> problems) {
        float s = t.item();
        if (!(s >= 0) || s > MAX_EXACT_STEP || s != Math.rint(s)) {
            problems.add("\"" + name + "\" must be a non-negative integer, got " + s);
        }
    }

    /** Checks that every value of a second-moment entry is finite and non-negative. */
    static void checkNonNegative(String name, Tensor t, List<String> problems) {
        float[] d = t.data();
        for (int i = t.offset(), end = t.offset() + t.size(); i < end; i++) {
            if (!(d[i] >= 0) || d[i] == Float.POSITIVE_INFINITY) {
                problems.add("\"" + name + "\" holds " + d[i] + " but must be finite and non-negative");
                return;
            }
        }
    }

    /** torch's lerp: {@code a + w (b - a)} for |w| &lt; 0.5, else {@code b - (b - a)(1 - w)}, all in float. */
    static float lerp(float a, float b, float w) {
        return Math.abs(w) < 0.5f ? a + w * (b - a) : b - (b - a) * (1f - w);
    }
}
