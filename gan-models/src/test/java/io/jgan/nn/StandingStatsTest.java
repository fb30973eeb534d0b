package io.jgan.nn;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Standing batch-norm statistics: the plain average over the batches, used for one draw, then undone. */
class StandingStatsTest {
    @Test
    void samplesWithTheAverageOfTheBatchStatisticsAndRestoresTheModule() {
        BatchNorm1d bn = new BatchNorm1d(BatchNorm.Config.of(3));
        Sequential m = new Sequential(bn);
        // running statistics far from the data's, as a run's lag behind its weights
        bn.runningMean().fill(5f);
        bn.runningVar().fill(9f);
        bn.numBatchesTracked().fill(7f);
        m.eval();
        Rng rng = new Rng(4);
        List<Tensor> batches = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            batches.add(Tensor.randn(rng, 8, 3).scaleInPlace(2f).add(Tensor.full(1f, 8, 3)));
        }
        Tensor probe = Tensor.randn(new Rng(5), 2, 3);
        float[] seen = StandingStats.with(m, 4, b -> m.forward(Variable.of(batches.get(b))),
                () -> {
                    assertFalse(m.isTraining(), "sampling happens in evaluation mode");
                    return m.forward(Variable.of(probe)).value().toArray();
                });
        // expected: normalised by the mean over batches of each batch's mean and unbiased variance
        float[] want = new float[6];
        for (int c = 0; c < 3; c++) {
            double mean = 0;
            double var = 0;
            for (Tensor x : batches) {
                double bm = 0;
                for (int i = 0; i < 8; i++) {
                    bm += x.get(i, c);
                }
                bm /= 8;
                double bv = 0;
                for (int i = 0; i < 8; i++) {
                    bv += (x.get(i, c) - bm) * (x.get(i, c) - bm);
                }
                mean += bm / 4;
                var += bv / 7 / 4;
            }
            for (int i = 0; i < 2; i++) {
                want[i * 3 + c] = (float) ((probe.get(i, c) - mean) / Math.sqrt(var + 1e-5));
            }
        }
        assertArrayEquals(want, seen, 2e-5f);
        // and the module is exactly as before
        for (int c = 0; c < 3; c++) {
            assertEquals(5f, bn.runningMean().get(c));
            assertEquals(9f, bn.runningVar().get(c));
        }
        assertEquals(7f, bn.numBatchesTracked().get());
        assertFalse(m.isTraining());
        // training after it updates with the configured momentum again, not the standing average
        m.train();
        m.forward(Variable.of(batches.get(0)));
        double mean0 = 0;
        for (int i = 0; i < 8; i++) {
            mean0 += batches.get(0).get(i, 0) / 8;
        }
        assertEquals(0.9 * 5 + 0.1 * mean0, bn.runningMean().get(0), 1e-5);
        assertTrue(m.isTraining());
    }
}
