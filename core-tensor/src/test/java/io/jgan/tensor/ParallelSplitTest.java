package io.jgan.tensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Parallel#forSplit}: one aligned contiguous range per thread, covering every index once. */
class ParallelSplitTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    @Test
    void rangesCoverEveryIndexOnceStartAlignedAndNumberAtMostTheThreads() {
        for (int threads : new int[] {1, 2, 3}) {
            Parallel.setThreads(threads);
            for (int n : new int[] {0, 1, 63, 1000, 1 << 15, (1 << 16) + 7, 100_003}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(1, n));
                java.util.List<int[]> ranges = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
                Parallel.forSplit(n, 1 << 14, 64, (s, e) -> {
                    ranges.add(new int[] {s, e});
                    for (int i = s; i < e; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits.get(i), "index " + i + " of " + n + " on " + threads + " threads");
                }
                int most = (int) Math.min(threads, Math.max(1, ((long) n + (1 << 14) - 1) >> 14));
                assertTrue(ranges.size() <= most, ranges.size() + " ranges for n=" + n + " on " + threads + " threads");
                for (int[] r : ranges) {
                    assertEquals(0, r[0] % 64, "range start " + r[0]);
                    assertTrue(r[0] < r[1], "empty range " + r[0]);
                }
            }
        }
    }

    @Test
    void rejectsNonPositiveGrainOrAlignment() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.forSplit(10, 0, 64, (s, e) -> { }));
        assertThrows(IllegalArgumentException.class, () -> Parallel.forSplit(10, 16, 0, (s, e) -> { }));
    }
}
