package io.jgan.datasets;

import io.jgan.datasets.transforms.Transform;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import java.io.Closeable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Turns a {@link Dataset} into a stream of float mini-batches, epoch after epoch: shuffled per
 * epoch from a seeded {@link Rng}, optionally augmented, converted from bytes to NCHW floats in
 * [-1, 1] or [0, 1], and prefetched on one background thread.
 *
 * <p><b>Determinism.</b> The batches depend only on the dataset, the settings and the seed: epoch
 * e's order is a permutation drawn from the generator's state at the start of epoch e, and the
 * augmentation of batch b of epoch e draws from a generator derived from (seed, e, b). Prefetch
 * only moves the same computation to another thread, so batch k is bit-identical with and
 * without it.
 *
 * <p><b>Resuming.</b> {@link #state()} after a batch is the exact position to continue from
 * (epoch, batches already taken in it, generator state at the start of the epoch); save it with
 * the checkpoint ({@link State#encode()}) and hand it to {@link #restore(State)} or
 * {@link Builder#state(State)} to get the same next batch as an uninterrupted run.
 *
 * <p>A loader is used from one thread (the training loop). Each batch owns a new array, so
 * callers may keep batches. Close it to stop the prefetch thread.
 *
 * <pre>{@code
 * try (DataLoader loader = DataLoader.builder(Mnist.bundledTest()).batchSize(64).seed(42).build()) {
 *     for (int epoch = 0; epoch < 5; epoch++) {
 *         for (Batch batch : loader.epoch()) {
 *             train(batch.images());
 *         }
 *     }
 * }
 * }</pre>
 */
public final class DataLoader implements Closeable {
    /**
     * The loader's position: what to save in a checkpoint to resume the data order exactly.
     *
     * @param epoch the epoch the next batch belongs to, from 0
     * @param position how many batches of that epoch have been taken
     * @param rngState the shuffling generator's state at the start of that epoch ({@link Rng#state()})
     */
    public record State(long epoch, int position, long[] rngState) {
        /**
         * @throws IllegalArgumentException if a field is negative or the generator state is not two longs
         */
        public State {
            if (epoch < 0 || position < 0) {
                throw new IllegalArgumentException("epoch and position must be >= 0, got " + epoch + ", " + position);
            }
            if (rngState == null || rngState.length != 2) {
                throw new IllegalArgumentException("rngState must be {seed, counter}");
            }
            rngState = rngState.clone();
        }

        @Override
        public long[] rngState() {
            return rngState.clone();
        }

        /** @return a one-line text form, e.g. {@code epoch=3 position=17 rng=42,51234}, for checkpoint metadata */
        public String encode() {
            return "epoch=" + epoch + " position=" + position + " rng=" + rngState[0] + "," + rngState[1];
        }

        /**
         * @param text a value returned by {@link #encode()}
         * @return the state
         * @throws IllegalArgumentException if the text is not in that form
         */
        public static State decode(String text) {
            try {
                String[] parts = text.strip().split(" ");
                if (parts.length != 3 || !parts[0].startsWith("epoch=") || !parts[1].startsWith("position=")
                        || !parts[2].startsWith("rng=")) {
                    throw new IllegalArgumentException("expected 'epoch=E position=P rng=SEED,COUNTER'");
                }
                String[] rng = parts[2].substring(4).split(",");
                if (rng.length != 2) {
                    throw new IllegalArgumentException("rng needs two numbers");
                }
                return new State(Long.parseLong(parts[0].substring(6)), Integer.parseInt(parts[1].substring(9)),
                        new long[] {Long.parseLong(rng[0]), Long.parseLong(rng[1])});
            } catch (IllegalArgumentException e) { // NumberFormatException included
                throw new IllegalArgumentException("not a DataLoader state: '" + text + "': " + e.getMessage(), e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && s.epoch == epoch && s.position == position
                    && Arrays.equals(s.rngState, rngState);
        }

        @Override
        public int hashCode() {
            return Objects.hash(epoch, position, Arrays.hashCode(rngState));
        }

        @Override
        public String toString() {
            return "DataLoader.State[" + encode() + "]";
        }
    }

    /** Settings of a {@link DataLoader}; obtain one from {@link DataLoader#builder(Dataset)}. */
    public static final class Builder {
        private final Dataset dataset;
        private int batchSize = 64;
        private boolean shuffle = true;
        private boolean dropLast = true;
        private int prefetch = 2;
        private long[] rngState = new Rng(0).state();
        private PixelRange range = PixelRange.MINUS_ONE_TO_ONE;
        private Transform transform;
        private State state;

        private Builder(Dataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
        }

        /** @param n images per batch, positive (default 64) @return this */
        public Builder batchSize(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("batch size must be positive, got " + n);
            }
            this.batchSize = n;
            return this;
        }

        /** @param on reshuffle every epoch (default true) @return this */
        public Builder shuffle(boolean on) {
            this.shuffle = on;
            return this;
        }

        /** @param on drop the last, incomplete batch of an epoch (default true: GAN steps want full batches) @return this */
        public Builder dropLast(boolean on) {
            this.dropLast = on;
            return this;
        }

        /** @param batches batches computed ahead on a background thread; 0 computes on the caller's thread (default 2) @return this */
        public Builder prefetch(int batches) {
            if (batches < 0) {
                throw new IllegalArgumentException("prefetch must be >= 0, got " + batches);
            }
            this.prefetch = batches;
            return this;
        }

        /** @param seed seed of the shuffling and augmentation generator (default 0) @return this */
        public Builder seed(long seed) {
            this.rngState = new Rng(seed).state();
            return this;
        }

        /**
         * @param rng the generator to shuffle with, e.g. {@code root.split("data")}; its current state
         *     is copied, the caller's generator is not advanced
         * @return this
         */
        public Builder rng(Rng rng) {
            this.rngState = rng.state();
            return this;
        }

        /** @param r the output value range (default [-1, 1]) @return this */
        public Builder range(PixelRange r) {
            this.range = Objects.requireNonNull(r, "range");
            return this;
        }

        /** @param t augmentation applied to each image, or null for none @return this */
        public Builder transform(Transform t) {
            this.transform = t;
            return this;
        }

        /** @param s a saved position to start from instead of the beginning @return this */
        public Builder state(State s) {
            this.state = s;
            return this;
        }

        /**
         * @return the loader
         * @throws IllegalArgumentException if the dataset yields no batch, or the saved state does not fit
         */
        public DataLoader build() {
            return new DataLoader(this);
        }
    }

    /** A produced batch and the loader state just after it, or the failure that stopped production. */
    private record Item(Batch batch, State after, RuntimeException failure) {
    }

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final int prefetch;
    private final PixelRange range;
    private final Transform transform;
    private final int batchesPerEpoch;
    private final long seed;
    private final float[] byteToFloat = new float[256];

    private State consumerState;
    private Producer producer;
    private boolean closed;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.prefetch = b.prefetch;
        this.range = b.range;
        this.transform = b.transform;
        int n = dataset.size();
        this.batchesPerEpoch = b.dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
        if (batchesPerEpoch == 0) {
            throw new IllegalArgumentException("dataset of " + n + " images gives no batch of " + batchSize
                    + (b.dropLast ? " with dropLast" : ""));
        }
        this.seed = b.rngState[0];
        for (int v = 0; v < 256; v++) {
            // With transforms, bytes go to [0, 1] first and the range is applied after them.
            byteToFloat[v] = transform == null ? range.fromUnit(v / 255f) : v / 255f;
        }
        State start = b.state != null ? b.state : new State(0, 0, b.rngState);
        checkState(start);
        this.consumerState = start;
    }

    /**
     * @param dataset the images to load
     * @return a builder with the defaults: batch 64, shuffle, drop last, prefetch 2, seed 0, [-1, 1]
     */
    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    /** @return the dataset this loader reads */
    public Dataset dataset() {
        return dataset;
    }

    /** @return the number of batches in one epoch */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** @return the position after the last batch returned (the start if none) */
    public State state() {
        return consumerState;
    }

    /**
     * Continues from a saved position; the next batch is the one an uninterrupted run would give.
     *
     * @param state a value of {@link #state()}, possibly from another run with the same settings
     * @throws IllegalArgumentException if the state does not fit this loader
     */
    public void restore(State state) {
        ensureOpen();
        checkState(state);
        stopProducer();
        consumerState = state;
    }

    /**
     * The next batch, moving into the next epoch after the last batch of one.
     *
     * @return the batch
     */
    public Batch next() {
        ensureOpen();
        Item item;
        if (prefetch == 0) {
            item = produce(cursorAt(consumerState));
        } else {
            if (producer == null) {
                producer = new Producer(cursorAt(consumerState));
                producer.thread.start();
            }
            item = producer.take();
        }
        if (item.failure != null) {
            stopProducer();
            throw item.failure;
        }
        consumerState = item.after;
        return item.batch;
    }

    /**
     * The remaining batches of the current epoch, for a for-each loop.
     *
     * @return an iterable over the batches left in this epoch (all of them at an epoch's start)
     */
    public Iterable<Batch> epoch() {
        int remaining = batchesPerEpoch - consumerState.position();
        return () -> new Iterator<>() {
            private int left = remaining;

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public Batch next() {
                if (left <= 0) {
                    throw new NoSuchElementException("the epoch is over");
                }
                left--;
                return DataLoader.this.next();
            }
        };
    }

    /** Stops the prefetch thread; the loader cannot be used afterwards. */
    @Override
    public void close() {
        stopProducer();
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("DataLoader is closed");
        }
    }

    private void checkState(State s) {
        if (s.position() >= batchesPerEpoch) {
            throw new IllegalArgumentException("state position " + s.position() + " is past the " + batchesPerEpoch
                    + " batches of an epoch: saved with other settings?");
        }
        if (s.rngState()[0] != seed) {
            throw new IllegalArgumentException("state belongs to a generator with seed " + s.rngState()[0]
                    + ", this loader's seed is " + seed);
        }
    }

    private void stopProducer() {
        if (producer != null) {
            producer.stop();
            producer = null;
        }
    }

    // ------------------------------------------------------------------ production

    /** Where production stands; owned by exactly one thread at a time. */
    private static final class Cursor {
        long epoch;
        int position;
        long[] epochStart;
        int[] order;
        long[] nextEpochStart;
    }

    private Cursor cursorAt(State s) {
        Cursor c = new Cursor();
        c.epoch = s.epoch();
        c.position = s.position();
        c.epochStart = s.rngState();
        return c;
    }

    /** Builds the batch at the cursor and advances it. Never throws: failures travel in the item. */
    private Item produce(Cursor c) {
        try {
            if (c.order == null) {
                int n = dataset.size();
                Rng rng = Rng.fromState(c.epochStart);
                if (shuffle) {
                    c.order = rng.permutation(n);
                } else {
                    c.order = new int[n];
                    Arrays.setAll(c.order, i -> i);
                }
                c.nextEpochStart = rng.state();
            }
            int from = c.position * batchSize;
            int count = Math.min(batchSize, c.order.length - from);
            Batch batch = assemble(c.order, from, count, c.epoch, c.position);
            c.position++;
            if (c.position == batchesPerEpoch) {
                c.epoch++;
                c.position = 0;
                c.epochStart = c.nextEpochStart;
                c.order = null;
            }
            return new Item(batch, new State(c.epoch, c.position, c.epochStart), null);
        } catch (RuntimeException e) {
            return new Item(null, null, e);
        }
    }

    private Batch assemble(int[] order, int from, int count, long epoch, int position) {
        int c = dataset.channels();
        int h = dataset.height();
        int w = dataset.width();
        int per = c * h * w;
        float[] out = new float[count * per];
        int[] labels = new int[count];
        byte[] pixels = new byte[per];
        Rng augment = transform == null ? null : new Rng(seed).split("augment/" + epoch + "/" + position);
        for (int i = 0; i < count; i++) {
            int index = order[from + i];
            dataset.copyImage(index, pixels, 0);
            labels[i] = dataset.label(index);
            int base = i * per;
            for (int k = 0; k < per; k++) {
                out[base + k] = byteToFloat[pixels[k] & 0xFF];
            }
            if (transform != null) {
                transform.apply(out, base, c, h, w, augment);
                for (int k = 0; k < per; k++) {
                    out[base + k] = range.fromUnit(out[base + k]);
                }
            }
        }
        return new Batch(Tensor.wrap(out, count, c, h, w), labels);
    }

    /** The background thread: produces batches in order into a bounded queue. */
    private final class Producer {
        private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(prefetch);
        private final Thread thread;
        private volatile boolean stopping;

        Producer(Cursor cursor) {
            thread = Thread.ofPlatform().name("jgan-dataloader").daemon(true).unstarted(() -> run(cursor));
        }

        private void run(Cursor cursor) {
            try {
                while (!stopping) {
                    Item item = produce(cursor);
                    queue.put(item);
                    if (item.failure != null) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // close() or restore(): the cursor is abandoned, nothing to clean up.
            }
        }

        Item take() {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a batch", e);
            }
        }

        void stop() {
            stopping = true;
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
