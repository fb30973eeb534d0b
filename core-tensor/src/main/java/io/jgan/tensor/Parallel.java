package io.jgan.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The persistent thread pool every parallel kernel uses.
 *
 * <p>Work is described as a number of chunks whose boundaries the caller fixes independently of the
 * thread count; threads only decide who runs which chunk. Each chunk writes its own output (or its own
 * partial result, combined afterwards in chunk order), so results are bit-identical for any number
 * of threads. The calling thread works too. A call made from inside a chunk runs serially, so nested
 * parallel kernels never deadlock.
 *
 * <p>The thread count comes from {@code -Djgan.threads=N} (default: the available processors) and can
 * be changed with {@link #setThreads(int)} (tests and benchmarks compare 1 and 2 threads).
 */
public final class Parallel {
    /** A body run for each chunk index. */
    @FunctionalInterface
    public interface ChunkBody {
        /**
         * @param chunk the chunk index
         */
        void run(int chunk);
    }

    /** A body run on a half-open range of indices. */
    @FunctionalInterface
    public interface RangeBody {
        /**
         * @param start first index
         * @param end one past the last index
         */
        void run(int start, int end);
    }

    private static volatile int threads = defaultThreads();
    private static Worker[] workers = new Worker[0];
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Parallel() {}

    private static int defaultThreads() {
        int n = JganProperties.THREADS;
        return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    }

    /** @return the number of threads parallel kernels use (the caller included) */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads (the caller included) for subsequent parallel calls.
     *
     * @param n at least 1
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + n);
        }
        threads = n;
    }

    private static synchronized Worker[] workers(int needed) {
        if (workers.length < needed) {
            Worker[] w = java.util.Arrays.copyOf(workers, needed);
            for (int i = workers.length; i < needed; i++) {
                w[i] = new Worker("jgan-worker-" + i);
                w[i].start();
            }
            workers = w;
        }
        return workers;
    }

    /**
     * Runs {@code body} for every chunk in {@code [0, chunks)}, spread over the pool.
     *
     * @param chunks the number of chunks (fixed by the caller, never by the thread count)
     * @param body the work of one chunk
     */
    public static void forChunks(int chunks, ChunkBody body) {
        int t = Math.min(threads, chunks);
        if (t <= 1 || INSIDE.get()) {
            for (int c = 0; c < chunks; c++) {
                body.run(c);
            }
            return;
        }
        Job job = new Job(chunks, body, t - 1);
        Worker[] ws = workers(t - 1);
        for (int i = 0; i < t - 1; i++) {
            ws[i].submit(job);
        }
        INSIDE.set(Boolean.TRUE);
        try {
            job.work();
        } finally {
            INSIDE.set(Boolean.FALSE);
        }
        job.awaitHelpers();
        Throwable err = job.error.get();
        if (err instanceof RuntimeException re) {
            throw re;
        } else if (err instanceof Error e) {
            throw e;
        } else if (err != null) {
            throw new IllegalStateException(err);
        }
    }

    /**
     * Splits {@code [0, n)} into chunks of {@code grain} indices (the last one shorter) and runs them
     * in parallel. Small ranges (one chunk) run on the caller.
     *
     * @param n the range length
     * @param grain indices per chunk, positive
     * @param body the work of one range
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (grain <= 0) {
            throw new IllegalArgumentException("grain must be positive, got " + grain);
        }
        int chunks = (n + grain - 1) / grain;
        if (chunks <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        forChunks(chunks, c -> body.run(c * grain, Math.min(n, (c + 1) * grain)));
    }

    /**
     * Splits {@code [0, n)} into one contiguous range per thread (at most {@code ceil(n / grain)}
     * ranges), each starting at a multiple of {@code align}. For element-wise maps only: the
     * boundaries depend on the thread count, so every index's result must not depend on which range
     * it falls in (an {@code align} that is a multiple of the vector length keeps vector tails at
     * {@code n} alone).
     *
     * <p>Why not {@link #forRange}: a map over a few MB streams from the shared cache, and two long
     * streams run at ~1.4x the rate of interleaved 128 KB chunks (measured, 1M-float leaky ReLU on
     * 2 threads: 47 against 66 us median), because each core's prefetchers keep one stream going.
     *
     * @param n the range length
     * @param grain least indices per range, positive
     * @param align range starts are multiples of this, positive
     * @param body the work of one range
     */
    public static void forSplit(int n, int grain, int align, RangeBody body) {
        if (grain <= 0 || align <= 0) {
            throw new IllegalArgumentException("grain and align must be positive, got " + grain + " and " + align);
        }
        int parts = (int) Math.min(threads, ((long) n + grain - 1) / grain);
        if (parts <= 1 || INSIDE.get()) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        long per = ((long) n + parts - 1) / parts;
        int step = (int) Math.min(n, (per + align - 1) / align * align);
        forChunks(parts, c -> {
            int s = (int) Math.min(n, (long) c * step), e = (int) Math.min(n, (long) (c + 1) * step);
            if (s < e) {
                body.run(s, e);
            }
        });
    }

    private static final class Job {
        final int chunks;
        final ChunkBody body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger helpersLeft;
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final Thread owner = Thread.currentThread();

        Job(int chunks, ChunkBody body, int helpers) {
            this.chunks = chunks;
            this.body = body;
            this.helpersLeft = new AtomicInteger(helpers);
        }

        void work() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                if (error.get() != null) {
                    continue;
                }
                try {
                    body.run(c);
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                }
            }
        }

        void helperDone() {
            if (helpersLeft.decrementAndGet() == 0) {
                LockSupport.unpark(owner);
            }
        }

        void awaitHelpers() {
            int spins = 0;
            while (helpersLeft.get() > 0) {
                if (++spins < 2000) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 50_000L);
                }
            }
        }
    }

    private static final class Worker extends Thread {
        /** How long an idle worker polls before parking. */
        private static final long SPIN_NANOS = 200_000L;

        private final java.util.concurrent.LinkedBlockingQueue<Job> queue = new java.util.concurrent.LinkedBlockingQueue<>();

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        void submit(Job job) {
            queue.add(job);
        }

        /**
         * Polls for the next job for up to {@link #SPIN_NANOS} before the worker parks: a training
         * step issues its parallel kernels back to back, and waking a parked thread costs tens of
         * microseconds on a VM (measured: a 2-thread sum of 1M floats took 71 us against 44 us on one
         * thread). OpenMP runtimes spin for the same reason.
         */
        private Job spinForJob() {
            long until = System.nanoTime() + SPIN_NANOS;
            do {
                if (!queue.isEmpty()) {
                    Job job = queue.poll();
                    if (job != null) {
                        return job;
                    }
                }
                Thread.onSpinWait();
            } while (System.nanoTime() < until);
            return null;
        }

        @Override
        public void run() {
            INSIDE.set(Boolean.TRUE);
            while (true) {
                Job job = spinForJob();
                if (job == null) {
                    try {
                        job = queue.take();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                try {
                    job.work();
                } finally {
                    job.helperDone();
                }
            }
        }
    }
}
