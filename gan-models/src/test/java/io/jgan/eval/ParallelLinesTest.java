package io.jgan.eval;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WGAN paper's parallel lines: W tracks |theta|, JS jumps to log 2 as soon as theta != 0. */
class ParallelLinesTest {

    @Test
    void wassersteinTracksThetaAndJsSaturates() {
        double[] thetas = {0, 0.5, 1, 2};
        List<ParallelLines.Row> rows = ParallelLines.run(thetas, 300, 1);
        String table = ParallelLines.table(rows);
        assertEquals(4, rows.size());
        for (ParallelLines.Row r : rows) {
            double t = Math.abs(r.theta());
            assertEquals(t, r.wasserstein(), 0);
            assertEquals(t, r.wEstimate(), 0.1 * t + 0.05, "W estimate at theta " + r.theta() + "\n" + table);
            if (r.theta() == 0) {
                assertEquals(0, r.js(), 0);
                assertEquals(0, r.jsEstimate(), 0.02, "JS estimate at theta 0\n" + table);
            } else {
                assertEquals(Math.log(2), r.js(), 1e-15);
                assertEquals(Math.log(2), r.jsEstimate(), 0.01, "JS estimate at theta " + r.theta() + "\n" + table);
            }
        }
    }

    @Test
    void theSegmentsAreTheExamplesDistributions() {
        Tensor s = ParallelLines.segment(1.5, 2000, new Rng(1));
        double mean = 0;
        for (int i = 0; i < 2000; i++) {
            assertEquals(1.5f, s.get(i, 0));
            float z = s.get(i, 1);
            assertTrue(z >= 0 && z < 1, "Z = " + z);
            mean += z;
        }
        assertEquals(0.5, mean / 2000, 0.03);
    }

    @Test
    void theTableHasAHeaderAndOneLinePerTheta() {
        String t = ParallelLines.table(List.of(new ParallelLines.Row(1, 1, 0.98, Math.log(2), 0.69)));
        String[] lines = t.split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].contains("W_hat") && lines[0].contains("JS_hat"), lines[0]);
        assertTrue(lines[1].contains("0.9800") && lines[1].contains("0.6931"), lines[1]);
    }
}
