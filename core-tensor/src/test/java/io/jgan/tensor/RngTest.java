package io.jgan.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Reproducibility, exact state restore, independent splits, and sane distributions. */
class RngTest {
    @Test
    void sameSeedSameStreamAndStateRestoresExactly() {
        Rng a = new Rng(42);
        Rng b = new Rng(42);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        long[] st = a.state();
        float[] first = Tensor.randn(a, 50).toArray();
        Rng c = Rng.fromState(st);
        assertArrayEquals(first, Tensor.randn(c, 50).toArray());
        b.restore(st);
        assertArrayEquals(first, Tensor.randn(b, 50).toArray());
    }

    @Test
    void splitsAreIndependentOfConsumption() {
        Rng a = new Rng(7);
        Rng b = new Rng(7);
        b.nextLong();
        assertEquals(a.split("noise").nextLong(), b.split("noise").nextLong());
        assertNotEquals(a.split("noise").nextLong(), a.split("init").nextLong());
    }

    @Test
    void distributionsHaveTheRightMoments() {
        Rng r = new Rng(1);
        Tensor n = Tensor.randn(r, 200_000);
        assertEquals(0.0, n.mean().item(), 0.01);
        assertEquals(1.0, n.variance(true, false).item(), 0.01);
        Tensor u = Tensor.uniform(r, -1f, 3f, 200_000);
        assertEquals(1.0, u.mean().item(), 0.01);
        assertEquals(-1f, u.min(false).item(), 1e-3);
        Tensor bern = Tensor.bernoulli(r, 0.3, 100_000);
        assertEquals(0.3, bern.mean().item(), 0.01);
        int[] p = r.permutation(1000);
        int[] sorted = p.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, sorted[i]);
        }
        int[] counts = new int[3];
        for (int i = 0; i < 30_000; i++) {
            counts[r.nextInt(3)]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 400);
        }
    }

    @Test
    void bulkBernoulliDrawsExactlyTheSequentialStream() {
        double[] ps = {0, 1e-9, 0.3, 0.5, 0.7, 1 - 1e-12, 1, 0.1 + 0.2};
        int[] sizes = {0, 1, 7, 8, 9, 15, 16, 17, 1000};
        for (double p : ps) {
            for (int n : sizes) {
                Rng a = new Rng(42), b = new Rng(42);
                a.nextLong(); // a counter that is not a multiple of the lane count
                b.nextLong();
                float[] got = new float[n + 3];
                a.fillBernoulli(got, 2, n, p, 2.5f);
                for (int i = 0; i < n; i++) {
                    assertEquals(b.nextBernoulli(p) ? 2.5f : 0f, got[2 + i], "p=" + p + " n=" + n + " i=" + i);
                }
                assertEquals(0f, got[0]);
                assertEquals(0f, got[n + 2]);
                assertEquals(b.nextLong(), a.nextLong(), "the stream continues where n draws leave it");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Rng(1).fillBernoulli(new float[4], 2, 3, 0.5, 1f));
        assertThrows(IllegalArgumentException.class, () -> new Rng(1).fillBernoulli(new float[4], 0, 4, 1.5, 1f));
    }
}
