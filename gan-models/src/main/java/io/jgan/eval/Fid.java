package io.jgan.eval;

import io.jgan.tensor.Tensor;

/**
 * The Fréchet distance between Gaussians fitted to two feature sets (Heusel et al. 2017, "GANs
 * trained by a two time-scale update rule converge to a local Nash equilibrium"):
 * <pre>
 *   FID = |mu1 - mu2|^2 + tr(S1 + S2 - 2 (S1^{1/2} S2 S1^{1/2})^{1/2})
 * </pre>
 * in double precision, covariances with ddof 1 (as {@code np.cov}), the matrix square root from
 * the symmetric eigen-decomposition. jgan's FID is computed on its own MNIST classifier's 64-d
 * features, so its values are comparable between jgan runs, not with Inception-based FIDs.
 */
public final class Fid {
    private Fid() {}

    /**
     * @param f1 [N, d] features of one set
     * @param f2 [M, d] features of the other
     * @return the Fréchet distance, &gt;= 0
     */
    public static double compute(Tensor f1, Tensor f2) {
        Features.check(f1, "first features");
        Features.check(f2, "second features");
        Features.sameDim(f1, f2);
        return distance(FeatureStats.of(f1), FeatureStats.of(f2));
    }

    /**
     * @param a the statistics of one set
     * @param b the statistics of the other, same dimension
     * @return the Fréchet distance, &gt;= 0 (tiny negative rounding is clamped)
     */
    public static double distance(FeatureStats a, FeatureStats b) {
        if (a.dim() != b.dim()) {
            throw new IllegalArgumentException("feature dimensions differ: " + a.dim() + " vs " + b.dim());
        }
        int d = a.dim();
        double meanTerm = 0;
        double trace = 0;
        for (int i = 0; i < d; i++) {
            double diff = a.mean()[i] - b.mean()[i];
            meanTerm += diff * diff;
            trace += a.covariance()[i][i] + b.covariance()[i][i];
        }
        double cross = SymmetricMatrices.traceSqrtProduct(a.covariance(), b.covariance());
        return Math.max(0, meanTerm + trace - 2 * cross);
    }
}
