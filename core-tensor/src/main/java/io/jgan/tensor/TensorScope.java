package io.jgan.tensor;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A region of code whose tensors borrow their storage from a pool and give it back when the
 * region ends: jgan's counterpart of PyTorch's caching allocator, made explicit.
 *
 * <pre>{@code
 * try (TensorScope s = TensorScope.open()) {
 *     Tensor y = x.mul(2f).add(1f);   // y's array comes from the pool
 *     loss = y.sum().item();          // read plain numbers out before the scope closes
 *     kept = s.keep(y.relu());        // or keep a tensor: it moves to the enclosing scope
 * }                                   // y's array goes back to the pool here
 * }</pre>
 *
 * <p>Every tensor created on this thread while a scope is open ({@link Tensor#zeros}, the factories
 * built on it, and the result of every op) takes an array from the pool; closing the scope returns
 * them all. Closing releases storage, not objects: a tensor that escapes the scope (in a field, a
 * collection, a return value) holds an array that another tensor will reuse. Such a tensor must be
 * {@linkplain #keep kept}, or created outside every scope, or inside {@link #unpooled} — the rule for
 * anything that outlives one step: parameters, optimiser state, EMA shadows, running statistics,
 * snapshots. Run the tests with {@code -Djgan.pool.poison=true} to make a missed case show up:
 * released arrays are then filled with NaN.
 *
 * <p>Scopes nest; each belongs to the thread that opened it and must be closed by it, innermost
 * first (try-with-resources does both). Only the opening thread draws from its scope: other
 * threads (the kernels' workers) see no scope and allocate ordinary arrays, which is why kernels
 * keep their own workspaces. The pool behind all scopes is shared, thread-safe, exact-size keyed
 * and bounded ({@code -Djgan.pool.maxBytes}, default a quarter of the maximum heap), and the GC may
 * empty it under memory pressure (it holds released arrays softly).
 *
 * <p>Pooled arrays are not cleared on reuse; {@link Tensor#zeros} fills them with zeros, so every
 * tensor still starts as it would have without a scope and results are bit-identical.
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<TensorScope> CURRENT = new ThreadLocal<>();
    /** The global switch: {@code -Djgan.pool=false} makes every scope a no-op (for A/B comparisons). */
    private static volatile boolean enabled = JganProperties.POOL;

    private final TensorScope parent;
    private final Thread owner;
    private final boolean pooled;
    /** Arrays this scope hands back on close; null entries were kept or released early. */
    private float[][] arrays = new float[16][];
    private int count;
    private boolean closed;

    private TensorScope(TensorScope parent, boolean pooled) {
        this.parent = parent;
        this.owner = Thread.currentThread();
        this.pooled = pooled;
    }

    /**
     * Opens a pooled scope on this thread, nested in the current one if any.
     *
     * @return the scope; close it (try-with-resources) on this thread
     */
    public static TensorScope open() {
        TensorScope s = new TensorScope(CURRENT.get(), true);
        CURRENT.set(s);
        return s;
    }

    /**
     * Opens a scope in which tensors are ordinary heap arrays that outlive every scope: for state
     * created lazily in the middle of pooled work (optimiser moments, snapshots, caches).
     *
     * @return the scope; close it on this thread
     */
    public static TensorScope openUnpooled() {
        TensorScope s = new TensorScope(CURRENT.get(), false);
        CURRENT.set(s);
        return s;
    }

    /**
     * Runs {@code body} with pooling off on this thread (see {@link #openUnpooled}).
     *
     * @param body creates the long-lived value
     * @param <T> its type
     * @return what {@code body} returned
     */
    public static <T> T unpooled(Supplier<T> body) {
        if (CURRENT.get() == null) {
            return body.get();
        }
        try (TensorScope ignored = openUnpooled()) {
            return body.get();
        }
    }

    /** @return true if tensors created on this thread now come from the pool */
    public static boolean isPooling() {
        TensorScope s = CURRENT.get();
        return s != null && s.pooled && enabled;
    }

    /**
     * Lets {@code t} survive this scope: its array moves to the enclosing scope (released when that
     * one closes) or, with none, becomes an ordinary heap array. Views share the array, so keeping
     * one keeps them all.
     *
     * @param t a tensor created in this scope (anything else is returned unchanged)
     * @return {@code t}
     */
    public Tensor keep(Tensor t) {
        checkOpen();
        float[] a = t.data();
        for (int i = count - 1; i >= 0; i--) {
            if (arrays[i] == a) {
                arrays[i] = null;
                TensorScope dst = parent;
                while (dst != null && !dst.pooled) {
                    dst = dst.parent;
                }
                if (dst != null && !dst.closed) {
                    dst.add(a);
                }
                break;
            }
        }
        return t;
    }

    /**
     * Returns {@code t}'s array to the pool now, before the scope closes. For code that knows the
     * tensor, and every view of it, is dead (the autograd engine frees gradients as it goes).
     *
     * @param t a tensor; if this scope did not create it, nothing happens
     * @return true if the array was released
     */
    public boolean release(Tensor t) {
        checkOpen();
        float[] a = t.data();
        for (int i = count - 1; i >= 0; i--) {
            if (arrays[i] == a) {
                arrays[i] = null;
                if (i == count - 1) {
                    count--;
                }
                TensorPool.give(a);
                return true;
            }
        }
        return false;
    }

    /** Hands every array this scope still owns back to the pool. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a TensorScope must be closed by the thread that opened it (" + owner.getName() + ")");
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("TensorScopes must be closed innermost first");
        }
        closed = true;
        for (int i = 0; i < count; i++) {
            if (arrays[i] != null) {
                TensorPool.give(arrays[i]);
                arrays[i] = null;
            }
        }
        count = 0;
        if (parent == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(parent);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this TensorScope is closed");
        }
    }

    private void add(float[] a) {
        if (count == arrays.length) {
            arrays = Arrays.copyOf(arrays, count * 2);
        }
        arrays[count++] = a;
    }

    /**
     * The storage for a new tensor: from the pool inside a pooled scope, else a fresh array.
     *
     * @param n the length
     * @param zero whether the caller needs zeros (fresh arrays always are)
     * @return an array of exactly n floats
     */
    static float[] allocate(int n, boolean zero) {
        TensorScope s = CURRENT.get();
        if (s == null || !s.pooled || n == 0 || !enabled) {
            return new float[n];
        }
        float[] a = TensorPool.take(n);
        if (a == null) {
            a = new float[n];
        } else if (zero) {
            Arrays.fill(a, 0f);
        }
        s.add(a);
        return a;
    }

    /**
     * What the pool holds and how it has served.
     *
     * @param retainedBytes bytes of released arrays waiting for reuse
     * @param maxBytes the bound on {@code retainedBytes}
     * @param hits allocations served from the pool
     * @param misses allocations that needed a fresh array
     * @param dropped released arrays left to the GC because the pool was full
     */
    public record PoolStats(long retainedBytes, long maxBytes, long hits, long misses, long dropped) {}

    /** @return the shared pool's figures */
    public static PoolStats poolStats() {
        return TensorPool.stats();
    }

    /** Empties the shared pool and resets its counters (tests, or to give memory back after training). */
    public static void clearPool() {
        TensorPool.clear();
    }

    /**
     * Turns pooling on or off for every thread (default on; {@code -Djgan.pool=false} starts off).
     * Off, scopes still open and close but every tensor gets a fresh array: the way to check that
     * pooling changes no result, or to rule it out when hunting a bug. Switch it between scopes.
     *
     * @param on whether scopes draw from the pool
     */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** @return whether scopes draw from the pool */
    public static boolean isEnabled() {
        return enabled;
    }

    /** @return true when {@code -Djgan.pool.poison=true} fills released arrays with NaN */
    public static boolean poisoning() {
        return TensorPool.POISON;
    }
}
