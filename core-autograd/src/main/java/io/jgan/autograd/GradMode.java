package io.jgan.autograd;

/**
 * Whether differentiable ops record the graph, per thread.
 *
 * <p>Use it as a try-with-resources scope, the Java form of PyTorch's {@code torch.no_grad()}:
 * <pre>{@code
 * try (var s = GradMode.noGrad()) {
 *     Variable y = model.forward(x);   // records nothing
 * }
 * }</pre>
 * The flag is thread-local so that one thread's evaluation never switches off another thread's
 * training; scopes nest and each restores the state it found.
 */
public final class GradMode {
    // A one-element array so that a scope can restore the flag without a second ThreadLocal lookup.
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {
    }

    /** @return true if ops on this thread currently record the graph */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** @return a scope in which nothing is recorded; close it to restore the previous state */
    public static Scope noGrad() {
        return set(false);
    }

    /** @return a scope in which recording is on, even inside an enclosing {@link #noGrad()} */
    public static Scope enableGrad() {
        return set(true);
    }

    /**
     * @param enabled the state inside the scope
     * @return a scope restoring the previous state on close
     */
    public static Scope set(boolean enabled) {
        boolean[] flag = ENABLED.get();
        Scope s = new Scope(flag, flag[0]);
        flag[0] = enabled;
        return s;
    }

    /** A gradient-mode scope; {@link #close()} restores the state found when it was opened. */
    public static final class Scope implements AutoCloseable {
        private final boolean[] flag;
        private final boolean previous;
        private boolean closed;

        private Scope(boolean[] flag, boolean previous) {
            this.flag = flag;
            this.previous = previous;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                flag[0] = previous;
            }
        }
    }
}
