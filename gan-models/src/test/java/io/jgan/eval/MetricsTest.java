package io.jgan.eval;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics on sets whose answers are known in closed form. */
class MetricsTest {

    @Test
    void covarianceUsesBesselsCorrection() {
        // x = (1, 2, 3, 4) and y = 2x: var x = 5/3 with ddof 1, cov(x, y) = 10/3, var y = 20/3
        Tensor f = Tensor.fromArray(new float[] {1, 2, 2, 4, 3, 6, 4, 8}, 4, 2);
        FeatureStats s = FeatureStats.of(f);
        assertEquals(2.5, s.mean()[0], 1e-12);
        assertEquals(5.0, s.mean()[1], 1e-12);
        assertEquals(5.0 / 3, s.covariance()[0][0], 1e-12);
        assertEquals(10.0 / 3, s.covariance()[0][1], 1e-12);
        assertEquals(10.0 / 3, s.covariance()[1][0], 1e-12);
        assertEquals(20.0 / 3, s.covariance()[1][1], 1e-12);
    }

    @Test
    void fidOfDiagonalGaussiansIsClosedForm() {
        // For diagonal covariances FID = |mu1 - mu2|^2 + sum (sqrt(s1_i) - sqrt(s2_i))^2.
        double[] m1 = {0, 1, -2};
        double[] m2 = {3, 1, 2};
        double[][] s1 = {{4, 0, 0}, {0, 1, 0}, {0, 0, 9}};
        double[][] s2 = {{1, 0, 0}, {0, 1, 0}, {0, 0, 0.25}};
        double expected = 9 + 0 + 16 + (2 - 1) * (2 - 1) + 0 + (3 - 0.5) * (3 - 0.5);
        assertEquals(expected, Fid.distance(new FeatureStats(m1, s1, 10), new FeatureStats(m2, s2, 10)), 1e-9);
    }

    @Test
    void fidOfAShiftedSetIsTheSquaredShift() {
        Tensor a = Tensor.randn(new Rng(1), 400, 5);
        Tensor b = a.add(Tensor.fromArray(new float[] {1, 0, -2, 0, 0.5f}, 1, 5));
        assertEquals(1 + 4 + 0.25, Fid.compute(a, b), 1e-4);
    }

    @Test
    void matrixSquareRootSquaresBack() {
        Tensor x = Tensor.randn(new Rng(2), 50, 6);
        double[][] s = FeatureStats.of(x).covariance();
        double[][] r = SymmetricMatrices.sqrt(s);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                double v = 0;
                for (int k = 0; k < 6; k++) {
                    v += r[i][k] * r[k][j];
                }
                assertEquals(s[i][j], v, 1e-10, "(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void kidOfOneDimensionalPointsMatchesHandComputation() {
        // d = 1, k(a, b) = (ab + 1)^3; x = {0, 1}, y = {1, 2}:
        // kxx off-diagonal: k(0,1) = 1, twice -> 2 / (2*1) = 1
        // kyy off-diagonal: k(1,2) = 27, twice -> 54 / 2 = 27
        // kxy: k(0,1) + k(0,2) + k(1,1) + k(1,2) = 1 + 1 + 8 + 27 = 37 -> 2 * 37 / 4 = 18.5
        Tensor x = Tensor.fromArray(new float[] {0, 1}, 2, 1);
        Tensor y = Tensor.fromArray(new float[] {1, 2}, 2, 1);
        assertEquals(1 + 27 - 18.5, Kid.mmd2(x, y), 1e-9);
    }

    @Test
    void inceptionScoreOfConfidentBalancedPredictionsIsTheClassCount() {
        int n = 100;
        float[] p = new float[n * 10];
        for (int i = 0; i < n; i++) {
            p[i * 10 + i % 10] = 1f;
        }
        InceptionScore.Result r = InceptionScore.compute(Tensor.wrap(p, n, 10), 10);
        assertEquals(10, r.mean(), 1e-9);
        assertEquals(0, r.std(), 1e-9);
    }

    @Test
    void inceptionScoreOfUninformativeOrCollapsedPredictionsIsOne() {
        Tensor uniform = Tensor.full(0.1f, 50, 10);
        assertEquals(1, InceptionScore.compute(uniform, 5).mean(), 1e-6);
        float[] p = new float[50 * 10];
        for (int i = 0; i < 50; i++) {
            p[i * 10 + 3] = 1f;
        }
        assertEquals(1, InceptionScore.compute(Tensor.wrap(p, 50, 10), 5).mean(), 1e-9);
    }

    @Test
    void inceptionScoreOfTwoEqualSplitsMatchesHandComputation() {
        // Split 1: p = (0.9, 0.1), (0.1, 0.9): marginal (0.5, 0.5),
        // KL = 0.9 ln 1.8 + 0.1 ln 0.2 each; split 2 the same rows.
        Tensor p = Tensor.fromArray(new float[] {0.9f, 0.1f, 0.1f, 0.9f, 0.9f, 0.1f, 0.1f, 0.9f}, 4, 2);
        double kl = 0.9 * Math.log(1.8) + 0.1 * Math.log(0.2);
        InceptionScore.Result r = InceptionScore.compute(p, 2);
        assertEquals(Math.exp(kl), r.mean(), 1e-6);
        assertEquals(0, r.std(), 1e-9);
    }

    @Test
    void precisionAndRecallOfASetAgainstItselfAreOne() {
        Tensor x = Tensor.randn(new Rng(4), 300, 8);
        PrecisionRecall.Result r = PrecisionRecall.compute(x, x, 3);
        assertEquals(1, r.precision(), 0);
        assertEquals(1, r.recall(), 0);
    }

    @Test
    void precisionAndRecallOfDistantSetsAreZero() {
        Tensor x = Tensor.randn(new Rng(5), 300, 8);
        Tensor y = Tensor.randn(new Rng(6), 300, 8).add(100f);
        PrecisionRecall.Result r = PrecisionRecall.compute(x, y, 3);
        assertEquals(0, r.precision(), 0);
        assertEquals(0, r.recall(), 0);
    }

    @Test
    void aCollapsedGeneratorHasPrecisionButNoRecall() {
        // Fakes all near one real point: inside the real manifold (precision 1), but their k-NN
        // balls are tiny, so almost no real sample is covered (recall small).
        Tensor real = Tensor.randn(new Rng(7), 400, 4);
        Tensor centre = real.slice(0, 1);
        Tensor fake = centre.add(Tensor.randn(new Rng(8), 400, 4).mul(1e-3f));
        PrecisionRecall.Result r = PrecisionRecall.compute(real, fake, 3);
        assertEquals(1, r.precision(), 0);
        assertTrue(r.recall() <= 0.01, "recall " + r.recall());
    }

    @Test
    void kNearestRadiiExcludeThePointItself() {
        // points 0, 1, 3, 7 on a line: 1st neighbours at squared distance 1, 1, 4, 16
        Tensor x = Tensor.fromArray(new float[] {0, 1, 3, 7}, 4, 1);
        double[] r = PrecisionRecall.squaredRadii(x, Features.squaredNorms(x), 1);
        assertEquals(1, r[0], 1e-9);
        assertEquals(1, r[1], 1e-9);
        assertEquals(4, r[2], 1e-9);
        assertEquals(16, r[3], 1e-9);
        double[] r2 = PrecisionRecall.squaredRadii(x, Features.squaredNorms(x), 2);
        assertEquals(9, r2[0], 1e-9);
        assertEquals(4, r2[1], 1e-9);
        assertEquals(9, r2[2], 1e-9);
        assertEquals(36, r2[3], 1e-9);
    }

    @Test
    void badShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Fid.compute(Tensor.zeros(5, 3), Tensor.zeros(5, 4)));
        assertThrows(IllegalArgumentException.class, () -> Kid.mmd2(Tensor.zeros(1, 3), Tensor.zeros(5, 3)));
        assertThrows(IllegalArgumentException.class, () -> InceptionScore.compute(Tensor.full(0.5f, 4, 2), 5));
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.compute(Tensor.zeros(3, 2), Tensor.zeros(10, 2), 3));
    }
}
