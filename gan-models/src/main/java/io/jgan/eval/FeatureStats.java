package io.jgan.eval;

import io.jgan.tensor.Tensor;

/**
 * The mean and covariance of a feature set, in double precision: what FID compares. Computing
 * them once lets a reference set (the test images) be reused across many evaluations.
 *
 * @param mean the mean feature, length d
 * @param covariance the d x d covariance with Bessel's correction (ddof 1, as {@code np.cov})
 * @param count how many feature vectors were summarised
 */
public record FeatureStats(double[] mean, double[][] covariance, int count) {

    /** Checks that the shapes agree. */
    public FeatureStats {
        int d = mean.length;
        if (covariance.length != d) {
            throw new IllegalArgumentException("covariance has " + covariance.length + " rows for a mean of length " + d);
        }
        for (double[] row : covariance) {
            if (row.length != d) {
                throw new IllegalArgumentException("covariance must be square, a row has length " + row.length);
            }
        }
    }

    /** @return the feature dimension */
    public int dim() {
        return mean.length;
    }

    /**
     * @param features [N, d] feature vectors, N &gt;= 2
     * @return their mean and (ddof 1) covariance
     */
    public static FeatureStats of(Tensor features) {
        double[][] x = Features.rows(features, "features");
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 feature vectors, got " + n);
        }
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        // Centre first and accumulate the outer products: the two-pass form keeps the precision
        // that E[xx^T] - mu mu^T would lose when the mean is large against the spread.
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                c[j] = row[j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = c[a];
                double[] out = cov[a];
                for (int b = a; b < d; b++) {
                    out[b] += ca * c[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= n - 1;
                cov[b][a] = cov[a][b];
            }
        }
        return new FeatureStats(mean, cov, n);
    }
}
