package io.jgan.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Records the {@link ConvPlan} of every {@code conv2d} and {@code convTranspose2d} the calling thread
 * runs through {@link Linalg} while the trace is open: run a model's forward pass inside one to learn
 * which algorithm each of its convolutions gets at that input size, without knowing the model's
 * structure ({@code jgan info --model}). The gradient calls ({@code conv2dInputGrad},
 * {@code conv2dWeightGrad}) are not recorded; a backward pass run inside the trace adds the
 * {@code conv2d} calls that are the input gradients of transposed convolutions.
 *
 * <pre>{@code
 * try (ConvTrace trace = ConvTrace.start()) {
 *     critic.forward(images);
 *     for (ConvPlan p : trace.plans()) System.out.println(p.geometry() + " " + p.forward());
 * }
 * }</pre>
 */
public final class ConvTrace implements AutoCloseable {
    private static final ThreadLocal<ConvTrace> OPEN = new ThreadLocal<>();
    /** Traces open on any thread: while 0, the convolutions skip the thread-local lookup. */
    private static volatile int open;

    private final ConvTrace outer;
    private final List<ConvPlan> plans = new ArrayList<>();
    private boolean closed;

    private ConvTrace(ConvTrace outer) {
        this.outer = outer;
    }

    /** @return a trace of this thread's convolutions, open until {@link #close()} (nested traces shadow outer ones) */
    public static ConvTrace start() {
        ConvTrace t = new ConvTrace(OPEN.get());
        OPEN.set(t);
        synchronized (ConvTrace.class) {
            open++;
        }
        return t;
    }

    /** @return the plans recorded so far, in call order */
    public List<ConvPlan> plans() {
        return List.copyOf(plans);
    }

    /** Stops recording on this thread (the plans stay readable). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (OPEN.get() != this) {
            throw new IllegalStateException("ConvTrace closed out of order or on another thread");
        }
        closed = true;
        if (outer == null) {
            OPEN.remove();
        } else {
            OPEN.set(outer);
        }
        synchronized (ConvTrace.class) {
            open--;
        }
    }

    /** @return whether a trace may be open on this thread (cheap enough for every convolution call) */
    static boolean active() {
        return open > 0 && OPEN.get() != null;
    }

    /** Adds a plan to this thread's open trace, if any. */
    static void record(ConvPlan plan) {
        ConvTrace t = OPEN.get();
        if (t != null) {
            t.plans.add(plan);
        }
    }
}
