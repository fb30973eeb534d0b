package io.jgan.eval;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

/**
 * The Kernel Inception Distance (Bińkowski et al. 2018, "Demystifying MMD GANs"): the unbiased
 * estimate of the squared MMD between two feature sets under the cubic polynomial kernel
 * k(x, y) = (x.y / d + 1)^3, averaged over random subsets. Unlike FID it is unbiased in the
 * sample size, so small evaluations can be compared with large ones.
 *
 * <p>The dot products come from the float GEMM; the kernel and the sums are taken in double.
 */
public final class Kid {
    /** Subsets drawn by default (torch-fidelity's and the paper's 100). */
    public static final int DEFAULT_SUBSETS = 100;
    /** Samples per subset by default (1000, as in the paper). */
    public static final int DEFAULT_SUBSET_SIZE = 1000;

    /**
     * @param mean the mean of the subset estimates
     * @param std their standard deviation (ddof 0, as torch-fidelity reports it)
     * @param subsets how many subsets were drawn
     * @param subsetSize the samples per subset and set
     */
    public record Result(double mean, double std, int subsets, int subsetSize) {}

    private Kid() {}

    /**
     * The unbiased MMD^2 on the whole sets:
     * sum_{i != j} k(x_i, x_j) / (m (m - 1)) + sum_{i != j} k(y_i, y_j) / (n (n - 1)) - 2 sum k(x_i, y_j) / (m n).
     *
     * @param x [m, d] features, m &gt;= 2
     * @param y [n, d] features, n &gt;= 2
     * @return the estimate (may be slightly negative when the sets match)
     */
    public static double mmd2(Tensor x, Tensor y) {
        Features.check(x, "first features");
        Features.check(y, "second features");
        Features.sameDim(x, y);
        int m = x.dim(0);
        int n = y.dim(0);
        if (m < 2 || n < 2) {
            throw new IllegalArgumentException("the unbiased MMD needs at least 2 samples per set, got " + m + " and " + n);
        }
        int d = x.dim(1);
        double kxx = kernelSum(Features.gram(x, x), m, m, d, true);
        double kyy = kernelSum(Features.gram(y, y), n, n, d, true);
        double kxy = kernelSum(Features.gram(x, y), m, n, d, false);
        return kxx / ((double) m * (m - 1)) + kyy / ((double) n * (n - 1)) - 2 * kxy / ((double) m * n);
    }

    private static double kernelSum(float[] gram, int rows, int cols, int d, boolean skipDiagonal) {
        double total = 0;
        for (int i = 0; i < rows; i++) {
            double rowSum = 0;
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                if (skipDiagonal && i == j) {
                    continue;
                }
                double k = gram[base + j] / (double) d + 1;
                rowSum += k * k * k;
            }
            total += rowSum;
        }
        return total;
    }

    /**
     * KID over random subsets: each subset takes {@code subsetSize} rows of each set without
     * replacement (a fresh permutation per subset). Subsets larger than a set are shrunk to it.
     *
     * @param real [m, d] reference features
     * @param fake [n, d] generated features
     * @param subsets how many subsets, &gt;= 1
     * @param subsetSize samples per subset, &gt;= 2
     * @param rng the subset draws
     * @return the mean and standard deviation of the subset estimates
     */
    public static Result compute(Tensor real, Tensor fake, int subsets, int subsetSize, Rng rng) {
        Features.check(real, "real features");
        Features.check(fake, "generated features");
        Features.sameDim(real, fake);
        if (subsets < 1 || subsetSize < 2) {
            throw new IllegalArgumentException("KID needs at least 1 subset of at least 2 samples, got " + subsets + " of " + subsetSize);
        }
        int size = Math.min(subsetSize, Math.min(real.dim(0), fake.dim(0)));
        double[] values = new double[subsets];
        for (int s = 0; s < subsets; s++) {
            Tensor x = Features.gather(real, prefix(rng.permutation(real.dim(0)), size));
            Tensor y = Features.gather(fake, prefix(rng.permutation(fake.dim(0)), size));
            values[s] = mmd2(x, y);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= subsets;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        return new Result(mean, Math.sqrt(var / subsets), subsets, size);
    }

    private static int[] prefix(int[] perm, int n) {
        int[] out = new int[n];
        System.arraycopy(perm, 0, out, 0, n);
        return out;
    }
}
