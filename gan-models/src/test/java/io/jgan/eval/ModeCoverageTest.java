package io.jgan.eval;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The VEEGAN/PacGAN mode-coverage numbers on hand-made sample sets around the ring of 8. */
class ModeCoverageTest {
    private static final double SIGMA = 0.02;
    private static final int MODES = 8;

    /** The 8 modes evenly spaced on a circle of radius 2 (the ring8 benchmark's geometry). */
    private static Tensor ring() {
        float[] c = new float[MODES * 2];
        for (int k = 0; k < MODES; k++) {
            double a = 2 * Math.PI * k / MODES;
            c[2 * k] = (float) (2 * Math.cos(a));
            c[2 * k + 1] = (float) (2 * Math.sin(a));
        }
        return Tensor.wrap(c, MODES, 2);
    }

    /** n points per mode at distance r sigma in random directions around mode {@code modes[i]}. */
    private static Tensor around(Tensor centres, int[] modes, int perMode, double radiusInSigmas, long seed) {
        Rng rng = new Rng(seed);
        float[] p = new float[modes.length * perMode * 2];
        int i = 0;
        for (int m : modes) {
            for (int j = 0; j < perMode; j++) {
                double a = 2 * Math.PI * rng.nextDouble();
                double r = radiusInSigmas * SIGMA * rng.nextDouble();
                p[2 * i] = (float) (centres.get(m, 0) + r * Math.cos(a));
                p[2 * i + 1] = (float) (centres.get(m, 1) + r * Math.sin(a));
                i++;
            }
        }
        return Tensor.wrap(p, modes.length * perMode, 2);
    }

    @Test
    void eightModesEvenlyHit() {
        Tensor c = ring();
        ModeCoverage.Result r = ModeCoverage.measure(around(c, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 300, 2.9, 1), c, SIGMA);
        assertEquals(1.0, r.highQualityFraction(), 0);
        assertEquals(8, r.modesCovered());
        assertEquals(8, r.modes());
        assertEquals(0, r.klFromUniform(), 1e-12);
        assertEquals(java.util.List.of(300, 300, 300, 300, 300, 300, 300, 300), r.counts());
        // a value: readable, and equal to the same measurement
        assertEquals("Result[highQualityFraction=1.0, modesCovered=8, modes=8, klFromUniform=0.0, "
                + "counts=[300, 300, 300, 300, 300, 300, 300, 300]]", r.toString());
        assertEquals(r, ModeCoverage.measure(around(c, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 300, 2.9, 1), c, SIGMA));
    }

    @Test
    void oneModeOnly() {
        Tensor c = ring();
        ModeCoverage.Result r = ModeCoverage.measure(around(c, new int[] {5}, 2400, 2.9, 2), c, SIGMA);
        assertEquals(1.0, r.highQualityFraction(), 0);
        assertEquals(1, r.modesCovered());
        // all the mass on one of 8 modes: KL(delta || uniform) = ln 8
        assertEquals(Math.log(8), r.klFromUniform(), 1e-12);
        assertEquals(java.util.List.of(0, 0, 0, 0, 0, 2400, 0, 0), r.counts());
    }

    @Test
    void pointsOffEveryMode() {
        Tensor c = ring();
        // the origin, and points between modes at radius 2: all more than 3 sigma from any centre
        float[] p = new float[2 * 200];
        for (int i = 0; i < 200; i++) {
            double a = 2 * Math.PI * (i % MODES + 0.5) / MODES;
            double radius = i < 100 ? 2 : 0;
            p[2 * i] = (float) (radius * Math.cos(a));
            p[2 * i + 1] = (float) (radius * Math.sin(a));
        }
        ModeCoverage.Result r = ModeCoverage.measure(Tensor.wrap(p, 200, 2), c, SIGMA);
        assertEquals(0, r.highQualityFraction(), 0);
        assertEquals(0, r.modesCovered());
        assertEquals(Double.POSITIVE_INFINITY, r.klFromUniform());
        assertEquals(java.util.Collections.nCopies(MODES, 0), r.counts());
    }

    @Test
    void halfOnFourModesHalfOff() {
        // 4 modes hit evenly with 250 each plus 1000 stray points: HQ 0.5, 4 covered,
        // KL(uniform over 4 || uniform over 8) = ln 2
        Tensor c = ring();
        Tensor on = around(c, new int[] {0, 2, 4, 6}, 250, 2.9, 3);
        Tensor off = around(c, new int[] {1, 3, 5, 7}, 250, 0, 4).mul(0.5f);
        ModeCoverage.Result r = ModeCoverage.measure(Tensor.concat(java.util.List.of(on, off), 0), c, SIGMA);
        assertEquals(0.5, r.highQualityFraction(), 0);
        assertEquals(4, r.modesCovered());
        assertEquals(Math.log(2), r.klFromUniform(), 1e-12);
    }

    @Test
    void strayPointsBelowTheThresholdDoNotCoverAMode() {
        // 2,500 samples: the threshold is 20; mode 3 gets 19 high-quality points, mode 0 the rest
        Tensor c = ring();
        Tensor main = around(c, new int[] {0}, 2481, 2.9, 5);
        Tensor stray = around(c, new int[] {3}, 19, 2.9, 6);
        ModeCoverage.Result r = ModeCoverage.measure(Tensor.concat(java.util.List.of(main, stray), 0), c, SIGMA);
        assertEquals(1, r.modesCovered());
        assertEquals(19, r.counts().get(3));
    }

    @Test
    void theBoundaryIsThreeSigma() {
        Tensor c = ring();
        Tensor inside = around(c, new int[] {1}, 1, 0, 7).add(Tensor.fromArray(new float[] {(float) (2.99 * SIGMA), 0}, 1, 2));
        Tensor outside = around(c, new int[] {1}, 1, 0, 8).add(Tensor.fromArray(new float[] {(float) (3.01 * SIGMA), 0}, 1, 2));
        assertEquals(1.0, ModeCoverage.measure(inside, c, SIGMA).highQualityFraction(), 0);
        assertEquals(0.0, ModeCoverage.measure(outside, c, SIGMA).highQualityFraction(), 0);
    }

    @Test
    void badInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ModeCoverage.measure(Tensor.zeros(4, 3), ring(), SIGMA));
        assertThrows(IllegalArgumentException.class, () -> ModeCoverage.measure(Tensor.zeros(4, 2), ring(), 0));
    }
}
