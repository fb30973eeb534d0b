package io.jgan.train;

import io.jgan.autograd.Variable;
import io.jgan.nn.Module;
import io.jgan.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exponential moving average of a generator's parameters, {@code ema = decay * ema + (1 - decay) * p}
 * after every generator step (buffers such as batch-norm statistics are copied as they are).
 * {@link #swapIn} puts the averaged weights into the module for sampling and {@link #swapOut}
 * restores the trained ones.
 */
public final class Ema {
    private final Module module;
    private final float decay;
    private final Map<String, Tensor> shadow = new LinkedHashMap<>();
    private Map<String, Tensor> saved;

    /**
     * @param module the generator
     * @param decay the decay in (0, 1)
     */
    public Ema(Module module, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
        }
        this.module = module;
        this.decay = (float) decay;
        for (Map.Entry<String, Variable> e : module.namedParameters().entrySet()) {
            shadow.put(e.getKey(), e.getValue().value().copy());
        }
    }

    /** Folds the module's current parameters into the average. */
    public void update() {
        for (Map.Entry<String, Variable> e : module.namedParameters().entrySet()) {
            Tensor s = shadow.get(e.getKey());
            s.scaleInPlace(decay).axpy(1f - decay, e.getValue().value());
        }
    }

    /** @return the averaged parameters by name (live tensors) */
    public Map<String, Tensor> shadow() {
        return shadow;
    }

    /** Puts the averaged weights into the module (until {@link #swapOut}). */
    public void swapIn() {
        if (saved != null) {
            throw new IllegalStateException("EMA weights are already swapped in");
        }
        saved = new LinkedHashMap<>();
        for (Map.Entry<String, Variable> e : module.namedParameters().entrySet()) {
            saved.put(e.getKey(), e.getValue().value().copy());
            e.getValue().value().copyFrom(shadow.get(e.getKey()));
        }
    }

    /** Restores the trained weights. */
    public void swapOut() {
        if (saved == null) {
            throw new IllegalStateException("EMA weights are not swapped in");
        }
        for (Map.Entry<String, Variable> e : module.namedParameters().entrySet()) {
            e.getValue().value().copyFrom(saved.get(e.getKey()));
        }
        saved = null;
    }
}
