package io.jgan.train;

import io.jgan.autograd.Variable;
import io.jgan.nn.Module;
import io.jgan.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exponential moving average of a generator's parameters, {@code ema = decay * ema + (1 - decay) * p}
 * after every generator step (buffers such as batch-norm statistics are copied as they are).
 *
 * <p>With warm-up (the default of new runs) the decay of the update after t earlier ones is
 * {@code min(decay, (1 + t) / (10 + t))}, as TensorFlow's {@code ExponentialMovingAverage} with
 * {@code num_updates}: without it the average of a 1000-step run with decay 0.999 still holds
 * 0.999^1000 = 37% of the random initial weights, and its samples are noise for thousands of steps.
 * {@link #swapIn} puts the averaged weights into the module for sampling and {@link #swapOut}
 * restores the trained ones.
 */
public final class Ema {
    private final Module module;
    private final float decay;
    private final boolean warmup;
    private final Map<String, Tensor> shadow = new LinkedHashMap<>();
    private Map<String, Tensor> saved;

    /**
     * An average without warm-up (the fixed decay from the first update, as runs before the warm-up).
     *
     * @param module the generator
     * @param decay the decay in (0, 1)
     */
    public Ema(Module module, double decay) {
        this(module, decay, false);
    }

    /**
     * @param module the generator
     * @param decay the decay in (0, 1)
     * @param warmup use {@code min(decay, (1 + t) / (10 + t))} for the update after t earlier ones
     */
    public Ema(Module module, double decay, boolean warmup) {
        this.warmup = warmup;
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
        }
        this.module = module;
        this.decay = (float) decay;
        for (Map.Entry<String, Variable> e : module.namedParameters().entrySet()) {
            shadow.put(e.getKey(), e.getValue().value().copy());
        }
    }

    /** Folds the module's current parameters into the average with the fixed decay (no warm-up). */
    public void update() {
        fold(decay);
    }

    /**
     * Folds the module's current parameters into the average.
     *
     * @param earlierUpdates how many updates came before this one (the generator steps taken): with
     *                       warm-up the decay is {@code min(decay, (1 + t) / (10 + t))}
     */
    public void update(long earlierUpdates) {
        fold(warmup ? decayAfter(earlierUpdates) : decay);
    }

    /**
     * @param earlierUpdates t, the updates before this one
     * @return the warmed-up decay {@code min(decay, (1 + t) / (10 + t))}, in float as the update uses it
     */
    public float decayAfter(long earlierUpdates) {
        return (float) Math.min(decay, (1.0 + earlierUpdates) / (10.0 + earlierUpdates));
    }

    /** @return true if the decay warms up */
    public boolean warmup() {
        return warmup;
    }

    private void fold(float d) {
        for (Map.Entry<String, Variable> e : module.namedParameters().entrySet()) {
            Tensor s = shadow.get(e.getKey());
            s.scaleInPlace(d).axpy(1f - d, e.getValue().value());
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
