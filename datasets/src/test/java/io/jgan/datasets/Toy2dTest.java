package io.jgan.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

class Toy2dTest {
    @Test
    void ringHasEightCentresAtRadiusTwoOver1414() {
        Toy2d ring = Toy2d.ring8();
        float[][] c = ring.centres();
        assertEquals(8, c.length);
        for (float[] p : c) {
            assertEquals(2 / 1.414, Math.hypot(p[0], p[1]), 1e-6);
        }
        assertEquals(0.02 / 1.414, ring.sigma(), 1e-7);
        // The WGAN-GP list includes the axis point (2, 0) and the diagonal (sqrt 2, sqrt 2).
        assertEquals(0, ring.nearestCentre((float) (2 / 1.414), 0f));
        assertEquals(1, ring.nearestCentre(1f, 1f));
    }

    @Test
    void gridHas25CentresAtTwiceTheIntegers() {
        Toy2d grid = Toy2d.grid25();
        float[][] c = grid.centres();
        assertEquals(25, c.length);
        assertArrayEquals(new float[] {(float) (-4 / 2.828), (float) (-4 / 2.828)}, c[0], 1e-6f);
        assertArrayEquals(new float[] {(float) (4 / 2.828), (float) (4 / 2.828)}, c[24], 1e-6f);
        assertEquals(0.05 / 2.828, grid.sigma(), 1e-7);
    }

    @Test
    void samplesClusterAroundEveryCentreWithTheStatedSigma() {
        for (Toy2d toy : new Toy2d[] {Toy2d.ring8(), Toy2d.grid25()}) {
            float[] xy = toy.sampleArray(20000, new Rng(5));
            int[] hits = new int[toy.centres().length];
            double sq = 0;
            for (int i = 0; i < 20000; i++) {
                int k = toy.nearestCentre(xy[2 * i], xy[2 * i + 1]);
                hits[k]++;
                float[] c = toy.centres()[k];
                double dx = xy[2 * i] - c[0];
                double dy = xy[2 * i + 1] - c[1];
                assertTrue(Math.hypot(dx, dy) < 6 * toy.sigma(), "sample far from every mode");
                sq += dx * dx + dy * dy;
            }
            double sigma = Math.sqrt(sq / 40000);
            assertEquals(toy.sigma(), sigma, 0.03 * toy.sigma(), toy.kind() + " sigma");
            for (int h : hits) {
                assertTrue(h > 20000 / hits.length / 2, toy.kind() + ": a mode is under-sampled");
            }
        }
    }

    @Test
    void swissRollIsASpiralOfTheRightExtentAndSeeded() {
        Toy2d roll = Toy2d.swissRoll();
        assertEquals(0, roll.centres().length);
        assertThrows(IllegalStateException.class, () -> roll.nearestCentre(0, 0));
        Tensor a = roll.sample(5000, new Rng(11));
        Tensor b = roll.sample(5000, new Rng(11));
        assertArrayEquals(a.toArray(), b.toArray());
        assertArrayEquals(new int[] {5000, 2}, a.dims());
        float[] d = a.toArray();
        double minR = Double.MAX_VALUE;
        double maxR = 0;
        for (int i = 0; i < 5000; i++) {
            double r = Math.hypot(d[2 * i], d[2 * i + 1]);
            minR = Math.min(minR, r);
            maxR = Math.max(maxR, r);
        }
        // t runs from 1.5 pi to 4.5 pi, so the radius t / 7.5 from 0.63 to 1.88 (plus noise).
        assertTrue(minR > 0.4 && minR < 0.75, "min radius " + minR);
        assertTrue(maxR > 1.8 && maxR < 2.1, "max radius " + maxR);
    }
}
