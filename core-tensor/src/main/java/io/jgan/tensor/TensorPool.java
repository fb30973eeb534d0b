package io.jgan.tensor;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The process-wide store of released tensor arrays behind {@link TensorScope}, keyed by exact
 * length.
 *
 * <p>Exact lengths rather than power-of-two size classes: a training step asks for the same few
 * dozen lengths every time, so exact keys reuse just as well, waste nothing, and keep the invariant
 * the rest of the code relies on, {@code data().length == size()} for a fresh tensor.
 *
 * <p>Bounded: it retains at most {@link #maxBytes()} bytes ({@code -Djgan.pool.maxBytes=N}, default
 * a quarter of the maximum heap); an array released while the pool is full is left to the garbage
 * collector. Retained arrays are softly reachable, so under memory pressure the collector empties
 * the pool instead of failing: the pool can slow a tight heap down, never make it run out. Thread-safe: every method takes the pool's lock (a handful of uncontended lock
 * acquisitions per tensor, negligible next to filling the array). With {@code -Djgan.pool.poison=true}
 * every released array is filled with NaN first, so a use after release shows up as NaN.
 */
final class TensorPool {
    /** Fill released arrays with NaN (debugging: use-after-release becomes visible). */
    static final boolean POISON = JganProperties.POOL_POISON;

    private static volatile long maxBytes = maxBytesProperty();

    private static final Object LOCK = new Object();
    /** Open addressing over lengths; 0 marks an empty slot (zero-length arrays are never pooled). */
    private static int[] keys = new int[64];
    private static Bin[] bins = new Bin[64];
    private static int used;
    private static long retainedBytes;
    private static long hits;
    private static long misses;
    private static long dropped;

    /**
     * The released arrays of one length, softly reachable: the garbage collector may empty the pool
     * rather than throw OutOfMemoryError (it clears soft references first), so retained arrays never
     * cost a run its heap; a bin in use every step is recently used and survives ordinary collections.
     */
    private static final class Bin {
        SoftReference<ArrayDeque<float[]>> ref;
        long bytes;

        /** @return the live list, or null after the GC cleared it (its bytes are forgotten then) */
        ArrayDeque<float[]> list() {
            ArrayDeque<float[]> q = ref == null ? null : ref.get();
            if (q == null && bytes != 0) {
                retainedBytes -= bytes;
                bytes = 0;
            }
            return q;
        }
    }

    private TensorPool() {
    }

    private static long maxBytesProperty() {
        long v = JganProperties.POOL_MAX_BYTES;
        return v < 0 ? Runtime.getRuntime().maxMemory() / 4 : v;
    }

    /** @return the most bytes the pool retains */
    static long maxBytes() {
        return maxBytes;
    }

    /** @param bytes a new bound (tests); arrays over it are dropped as they are released */
    static void maxBytes(long bytes) {
        maxBytes = bytes;
    }

    /** @param n the length, positive @return a pooled array of exactly n floats (contents arbitrary), or null */
    static float[] take(int n) {
        synchronized (LOCK) {
            Bin bin = bins[slot(n)];
            ArrayDeque<float[]> q = bin == null ? null : bin.list();
            float[] a = q == null ? null : q.pollLast();
            if (a == null) {
                misses++;
                return null;
            }
            hits++;
            bin.bytes -= bytes(a);
            retainedBytes -= bytes(a);
            return a;
        }
    }

    /** @param a an array nothing uses any more; kept if the pool has room */
    static void give(float[] a) {
        if (POISON) {
            Arrays.fill(a, Float.NaN);
        }
        synchronized (LOCK) {
            int s = slot(a.length);
            Bin bin = bins[s];
            ArrayDeque<float[]> q = bin == null ? null : bin.list();
            if (q == null) {
                reconcile(); // the GC may have cleared other bins too: forget their bytes before the bound check
            }
            long b = bytes(a);
            if (retainedBytes + b > maxBytes) {
                dropped++;
                return;
            }
            if (bin == null) {
                keys[s] = a.length;
                bin = new Bin();
                bins[s] = bin;
                if (++used * 2 > keys.length) {
                    grow();
                }
            }
            if (q == null) {
                q = new ArrayDeque<>();
                bin.ref = new SoftReference<>(q);
            }
            q.addLast(a);
            bin.bytes += b;
            retainedBytes += b;
        }
    }

    private static void reconcile() {
        for (Bin bin : bins) {
            if (bin != null) {
                bin.list();
            }
        }
    }

    private static long bytes(float[] a) {
        return 16L + 4L * a.length;
    }

    /** Linear probing: the slot holding n, or the empty slot where it would go. */
    private static int slot(int n) {
        int mask = keys.length - 1;
        int h = n * 0x9E3779B9;
        int i = (h ^ (h >>> 16)) & mask;
        while (keys[i] != 0 && keys[i] != n) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static void grow() {
        int[] oldKeys = keys;
        Bin[] oldBins = bins;
        keys = new int[oldKeys.length * 2];
        bins = new Bin[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int s = slot(oldKeys[i]);
                keys[s] = oldKeys[i];
                bins[s] = oldBins[i];
            }
        }
    }

    static TensorScope.PoolStats stats() {
        synchronized (LOCK) {
            reconcile();
            return new TensorScope.PoolStats(retainedBytes, maxBytes, hits, misses, dropped);
        }
    }

    static void clear() {
        synchronized (LOCK) {
            for (Bin bin : bins) {
                if (bin != null) {
                    bin.ref = null;
                    bin.bytes = 0;
                }
            }
            retainedBytes = 0;
            hits = 0;
            misses = 0;
            dropped = 0;
        }
    }
}
