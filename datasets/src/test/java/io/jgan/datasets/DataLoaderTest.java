package io.jgan.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgan.datasets.transforms.ColorJitter;
import io.jgan.datasets.transforms.RandomCrop;
import io.jgan.datasets.transforms.RandomHorizontalFlip;
import io.jgan.datasets.transforms.Transform;
import io.jgan.tensor.Rng;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    /** n images of 1x2x2 whose first pixel is the image's index (so batches reveal the order). */
    static ImageDataset indexed(int n) {
        byte[] px = new byte[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            px[i * 4] = (byte) i;
            px[i * 4 + 1] = 0;
            px[i * 4 + 2] = (byte) 255;
            px[i * 4 + 3] = (byte) (i * 3);
            labels[i] = i % 10;
        }
        return new ImageDataset("indexed", px, 1, 2, 2, labels, Mnist.CLASS_NAMES);
    }

    /** The dataset indices of a batch, recovered from the first pixel in [0, 1] range. */
    static int[] indices(Batch b) {
        int[] out = new int[b.size()];
        float[] d = b.images().data();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(d[b.images().offset() + i * 4] * 255f);
        }
        return out;
    }

    @Test
    void batchesHaveTheRightShapeRangeAndLabels() {
        try (DataLoader loader = DataLoader.builder(indexed(100)).batchSize(32).seed(1).build()) {
            assertEquals(3, loader.batchesPerEpoch(), "drop-last: 100 / 32");
            Batch b = loader.next();
            assertArrayEquals(new int[] {32, 1, 2, 2}, b.images().dims());
            float[] d = b.images().toArray();
            for (int i = 0; i < 32; i++) {
                int index = Math.round((d[i * 4] + 1f) * 127.5f);
                assertEquals(index % 10, b.labels()[i], "label follows its image");
                assertEquals(-1f, d[i * 4 + 1], 0f, "byte 0 maps to -1");
                assertEquals(1f, d[i * 4 + 2], 0f, "byte 255 maps to +1");
                assertEquals(((index * 3) & 0xFF) / 127.5f - 1f, d[i * 4 + 3], 1e-6f);
            }
        }
    }

    @Test
    void eachEpochIsAPermutationAndEpochsDiffer() {
        try (DataLoader loader = DataLoader.builder(indexed(100)).batchSize(10).range(PixelRange.ZERO_TO_ONE)
                .seed(7).build()) {
            List<Integer> first = new ArrayList<>();
            for (Batch b : loader.epoch()) {
                for (int i : indices(b)) {
                    first.add(i);
                }
            }
            assertEquals(100, new HashSet<>(first).size(), "every image exactly once");
            assertEquals(new DataLoader.State(1, 0, loader.state().rngState()), loader.state());
            List<Integer> second = new ArrayList<>();
            for (Batch b : loader.epoch()) {
                for (int i : indices(b)) {
                    second.add(i);
                }
            }
            assertEquals(100, new HashSet<>(second).size());
            assertNotEquals(first, second, "reshuffled");
            assertNotEquals(first.subList(0, 10), List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        }
    }

    @Test
    void noShuffleKeepsOrderAndKeepLastGivesThePartialBatch() {
        try (DataLoader loader = DataLoader.builder(indexed(25)).batchSize(10).shuffle(false).dropLast(false)
                .range(PixelRange.ZERO_TO_ONE).prefetch(0).build()) {
            assertEquals(3, loader.batchesPerEpoch());
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, indices(loader.next()));
            loader.next();
            assertArrayEquals(new int[] {20, 21, 22, 23, 24}, indices(loader.next()));
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, indices(loader.next()));
        }
    }

    private static List<float[]> take(DataLoader loader, int n) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(loader.next().images().toArray());
        }
        return out;
    }

    private static DataLoader.Builder augmented(int prefetch) {
        Transform t = Transform.compose(new RandomHorizontalFlip(), new RandomCrop(1), new ColorJitter(0.3, 0.3));
        return DataLoader.builder(indexed(50)).batchSize(8).rng(new Rng(99).split("data")).transform(t)
                .prefetch(prefetch);
    }

    @Test
    void prefetchDoesNotChangeTheBatches() {
        try (DataLoader sync = augmented(0).build(); DataLoader async = augmented(3).build()) {
            List<float[]> a = take(sync, 20);
            List<float[]> b = take(async, 20);
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i), b.get(i), "batch " + i);
            }
        }
    }

    @Test
    void resumingFromASavedStateContinuesExactly() {
        List<float[]> uninterrupted;
        try (DataLoader loader = augmented(2).build()) {
            uninterrupted = take(loader, 20); // 6 batches per epoch: crosses three epoch boundaries
        }
        for (int cut : new int[] {1, 6, 7, 13}) {
            String saved;
            try (DataLoader loader = augmented(2).build()) {
                take(loader, cut);
                saved = loader.state().encode();
            }
            DataLoader.State state = DataLoader.State.decode(saved);
            try (DataLoader resumed = augmented(2).state(state).build()) {
                List<float[]> rest = take(resumed, 20 - cut);
                for (int i = 0; i < rest.size(); i++) {
                    assertArrayEquals(uninterrupted.get(cut + i), rest.get(i), "cut " + cut + ", batch " + (cut + i));
                }
            }
            try (DataLoader restored = augmented(2).build()) {
                take(restored, 3); // then rewind a running loader
                restored.restore(state);
                assertArrayEquals(uninterrupted.get(cut), restored.next().images().toArray());
            }
        }
    }

    @Test
    void stateTextRoundTripsAndRejectsGarbage() {
        DataLoader.State s = new DataLoader.State(3, 17, new long[] {-5, 123456789012L});
        assertEquals(s, DataLoader.State.decode(s.encode()));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.State.decode("epoch=1 position=x rng=1,2"));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.State.decode("hello"));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader.State(-1, 0, new long[2]));
    }

    @Test
    void badArgumentsAndMismatchedStates() {
        ImageDataset d = indexed(10);
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(d).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(d).prefetch(-1));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(d).batchSize(11).build());
        DataLoader.State past = new DataLoader.State(0, 5, new Rng(0).state());
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(d).batchSize(5).state(past).build());
        DataLoader.State otherSeed = new DataLoader.State(0, 0, new Rng(1).state());
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(d).state(otherSeed).batchSize(5).build());
    }

    @Test
    void closeStopsThePrefetchThread() throws InterruptedException {
        DataLoader loader = DataLoader.builder(indexed(100)).batchSize(10).prefetch(2).build();
        loader.next();
        assertTrue(prefetchThreads() > 0);
        loader.close();
        assertEquals(0, prefetchThreads());
        assertThrows(IllegalStateException.class, loader::next);
    }

    private static long prefetchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("jgan-dataloader") && t.isAlive()).count();
    }

    @Test
    void aFailingDatasetSurfacesOnTheCallersThread() {
        ImageDataset base = indexed(20);
        Dataset failing = new Dataset() {
            @Override public int size() { return 20; }
            @Override public int channels() { return 1; }
            @Override public int height() { return 2; }
            @Override public int width() { return 2; }
            @Override public int label(int i) { return 0; }
            @Override public List<String> classNames() { return List.of("x"); }
            @Override public void copyImage(int i, byte[] dst, int off) {
                if (i == 13) {
                    throw new IllegalStateException("image 13 is broken");
                }
                base.copyImage(i, dst, off);
            }
        };
        try (DataLoader loader = DataLoader.builder(failing).batchSize(20).prefetch(2).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, loader::next);
            assertEquals("image 13 is broken", e.getMessage());
        }
    }

    @Test
    void theMnistTrainingEpochRunsThroughTheLoader() throws Exception {
        ImageDataset train = Mnist.bundledTest();
        try (DataLoader loader = DataLoader.builder(train).batchSize(64).seed(3).build()) {
            Set<Integer> labelsSeen = new HashSet<>();
            int batches = 0;
            for (Batch b : loader.epoch()) {
                batches++;
                for (int l : b.labels()) {
                    labelsSeen.add(l);
                }
                assertFalse(Float.isNaN(b.images().data()[0]));
            }
            assertEquals(10000 / 64, batches);
            assertEquals(10, labelsSeen.size());
        }
    }
}
