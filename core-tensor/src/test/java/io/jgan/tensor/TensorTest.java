package io.jgan.tensor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shapes, views, broadcasting against a naive index walk, reductions against loops, and bad input. */
class TensorTest {
    /** Naive broadcast reference: the value of {@code t} at output index {@code idx}. */
    static float at(Tensor t, int[] idx) {
        int[] d = t.dims();
        int pad = idx.length - d.length;
        int[] own = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            own[i] = d[i] == 1 ? 0 : idx[pad + i];
        }
        return t.get(own);
    }

    static boolean next(int[] idx, int[] dims) {
        for (int i = dims.length - 1; i >= 0; i--) {
            if (++idx[i] < dims[i]) {
                return true;
            }
            idx[i] = 0;
        }
        return false;
    }

    @Test
    void broadcastingMatchesTheNaiveDefinition() {
        Rng r = new Rng(1);
        int[][][] pairs = {{{4, 3, 5}, {3, 1}}, {{7, 1, 9}, {1, 6, 1}}, {{2, 1}, {1, 3}}, {{5}, {2, 3, 5}}, {{}, {3, 2}}};
        for (int[][] p : pairs) {
            Tensor a = Tensor.randn(r, p[0]);
            Tensor b = Tensor.randn(r, p[1]);
            Tensor sum = a.add(b);
            Tensor diff = b.sub(a);
            int[] od = sum.dims();
            int[] idx = new int[od.length];
            do {
                assertEquals(at(a, idx) + at(b, idx), sum.get(idx), 0f);
                assertEquals(at(b, idx) - at(a, idx), diff.get(idx), 0f);
            } while (next(idx, od));
        }
    }

    @Test
    void adjacentReducedAxesMergeWithoutChangingTheResult() {
        // (0, 2, 3): a conv bias gradient, whose last two axes are reduced as one; (1, 2) of 4-D; max too
        Tensor x = Tensor.randn(new Rng(3), 3, 4, 5, 6);
        Tensor bias = x.sum(false, 0, 2, 3);
        Tensor biasKept = x.sum(true, 0, 2, 3);
        Tensor mid = x.sum(true, 1, 2);
        Tensor mx = x.max(false, 2, 3);
        assertArrayEquals(new int[] {4}, bias.dims());
        assertArrayEquals(new int[] {1, 4, 1, 1}, biasKept.dims());
        assertArrayEquals(new int[] {3, 1, 1, 6}, mid.dims());
        assertArrayEquals(new int[] {3, 4}, mx.dims());
        for (int c = 0; c < 4; c++) {
            double s = 0;
            for (int n = 0; n < 3; n++) {
                float m = Float.NEGATIVE_INFINITY;
                for (int h = 0; h < 5; h++) {
                    for (int w = 0; w < 6; w++) {
                        s += x.get(n, c, h, w);
                        m = Math.max(m, x.get(n, c, h, w));
                    }
                }
                assertEquals(m, mx.get(n, c), 0f);
            }
            assertEquals(s, bias.get(c), 1e-4);
            assertEquals(bias.get(c), biasKept.get(0, c, 0, 0), 0f);
        }
        for (int n = 0; n < 3; n++) {
            for (int w = 0; w < 6; w++) {
                double s = 0;
                for (int c = 0; c < 4; c++) {
                    for (int h = 0; h < 5; h++) {
                        s += x.get(n, c, h, w);
                    }
                }
                assertEquals(s, mid.get(n, 0, 0, w), 1e-4);
            }
        }
    }

    @Test
    void reductionsOverChosenDimsMatchLoops() {
        Tensor x = Tensor.randn(new Rng(2), 6, 5, 4);
        Tensor s02 = x.sum(false, 0, 2);
        Tensor m1 = x.mean(true, 1);
        Tensor mx = x.max(false, 1);
        assertArrayEquals(new int[] {5}, s02.dims());
        assertArrayEquals(new int[] {6, 1, 4}, m1.dims());
        for (int j = 0; j < 5; j++) {
            double s = 0;
            for (int i = 0; i < 6; i++) {
                for (int k = 0; k < 4; k++) {
                    s += x.get(i, j, k);
                }
            }
            assertEquals(s, s02.get(j), 1e-5);
        }
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 4; k++) {
                double s = 0;
                float m = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < 5; j++) {
                    s += x.get(i, j, k);
                    m = Math.max(m, x.get(i, j, k));
                }
                assertEquals(s / 5, m1.get(i, 0, k), 1e-6);
                assertEquals(m, mx.get(i, k), 0f);
            }
        }
        Tensor v = x.variance(true, false, 0, 1, 2);
        double mean = 0;
        for (float f : x.toArray()) {
            mean += f;
        }
        mean /= 120;
        double var = 0;
        for (float f : x.toArray()) {
            var += (f - mean) * (f - mean);
        }
        assertEquals(var / 119, v.item(), 1e-5);
        assertEquals(mean * 120, x.sum().item(), 1e-4);
        int[] am = Tensor.fromArray(new float[] {1, 5, 2, 7, 0, 3}, 2, 3).argmax(1);
        assertArrayEquals(new int[] {1, 0}, am);
    }

    @Test
    void normRowsAndSumTo() {
        Tensor x = Tensor.fromArray(new float[] {3, 4, 0, 0, 1, 0, 0, 0}, 2, 2, 2);
        assertArrayEquals(new float[] {5, 1}, x.normRows().toArray());
        Tensor g = Tensor.ones(4, 3, 5);
        Tensor r = g.sumTo(Shape.of(3, 1));
        assertArrayEquals(new int[] {3, 1}, r.dims());
        assertEquals(20f, r.get(1, 0));
        assertEquals(60f, g.sumTo(Shape.of()).item());
    }

    @Test
    void viewsShareDataAndCopiesDoNot() {
        Tensor x = Tensor.arange(12).reshape(3, 4);
        Tensor v = x.reshape(2, -1);
        v.set(100f, 0, 0);
        assertEquals(100f, x.get(0, 0));
        Tensor s = x.slice(1, 3);
        assertArrayEquals(new int[] {2, 4}, s.dims());
        assertEquals(4f, s.get(0, 0));
        s.fill(-1f);
        assertEquals(-1f, x.get(2, 3));
        Tensor c = x.copy();
        c.set(7f, 0, 1);
        assertEquals(1f, x.get(0, 1));
        Tensor t = Tensor.arange(6).reshape(2, 3).transpose2d();
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, t.toArray());
        Tensor cat = Tensor.concat(List.of(Tensor.ones(2, 1), Tensor.zeros(2, 2)), 1);
        assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0}, cat.toArray());
        Tensor st = Tensor.stack(List.of(Tensor.ones(2), Tensor.zeros(2)));
        assertArrayEquals(new int[] {2, 2}, st.dims());
        assertArrayEquals(new float[] {1, 1, 0, 0}, st.toArray());
        Tensor w = Tensor.where(Tensor.fromArray(new float[] {1, 0}, 2), Tensor.ones(2, 2), Tensor.zeros(1));
        assertArrayEquals(new float[] {1, 0, 1, 0}, w.toArray());
    }

    @Test
    void inPlaceFormsForOptimisers() {
        Tensor p = Tensor.ones(3);
        p.axpy(-0.5f, Tensor.fromArray(new float[] {1, 2, 3}, 3)).scaleInPlace(2f);
        assertArrayEquals(new float[] {1, 0, -1}, p.toArray());
        p.addInPlace(Tensor.scalar(1f)).clampInPlace(0f, 1.5f);
        assertArrayEquals(new float[] {1.5f, 1, 0}, p.toArray());
    }

    @Test
    void badInputNamesTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1));
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).reshape(4, 2));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).sum(false, 2));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).get(2, 0));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).slice(1, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).addInPlace(Tensor.zeros(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2).transpose2d());
        assertThrows(IllegalArgumentException.class, () -> Tensor.concat(List.of(Tensor.zeros(2, 3), Tensor.zeros(3, 2)), 0));
    }

    @Test
    void oneAndTwoThreadsAreBitIdentical() {
        Tensor x = Tensor.randn(new Rng(3), 300, 1001);
        Tensor y = Tensor.randn(new Rng(4), 1001);
        int saved = Parallel.threads();
        Tensor[] one = new Tensor[4];
        Tensor[] two = new Tensor[4];
        try {
            Parallel.setThreads(1);
            compute(one, x, y);
            Parallel.setThreads(2);
            compute(two, x, y);
        } finally {
            Parallel.setThreads(saved);
        }
        for (int i = 0; i < one.length; i++) {
            assertArrayEquals(one[i].toArray(), two[i].toArray(), "result " + i);
        }
    }

    private static void compute(Tensor[] out, Tensor x, Tensor y) {
        out[0] = x.sum();
        out[1] = x.mul(y).sum(false, 0);
        out[2] = x.tanh().sum(true, 1);
        out[3] = x.add(y).variance(false, false, 0);
    }
}
