package io.jgan.eval;

import io.jgan.tensor.Parallel;
import io.jgan.tensor.Tensor;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019, "Improved Precision and Recall Metric
 * for Assessing Generative Models"). Each set's manifold is the union of balls around its points
 * whose radius is the distance to the point's k-th nearest neighbour in the same set (k = 3).
 * Precision is the share of generated samples inside the real manifold (quality); recall the share
 * of real samples inside the generated manifold (coverage).
 *
 * <p>Pairwise distances are taken in row blocks (|a|^2 + |b|^2 - 2 a.b, the dot products from the
 * float GEMM), so 10k x 10k comparisons never hold more than one block in memory.
 */
public final class PrecisionRecall {
    /** The paper's neighbourhood size. */
    public static final int DEFAULT_K = 3;
    private static final int BLOCK = 256;

    /**
     * @param precision share of generated samples within some real sample's k-NN ball
     * @param recall share of real samples within some generated sample's k-NN ball
     * @param k the neighbourhood size
     */
    public record Result(double precision, double recall, int k) {}

    private PrecisionRecall() {}

    /**
     * @param real [N, d] reference features, N &gt; k
     * @param fake [M, d] generated features, M &gt; k
     * @param k the neighbourhood size, &gt;= 1
     * @return precision and recall
     */
    public static Result compute(Tensor real, Tensor fake, int k) {
        Features.check(real, "real features");
        Features.check(fake, "generated features");
        Features.sameDim(real, fake);
        if (k < 1 || real.dim(0) <= k || fake.dim(0) <= k) {
            throw new IllegalArgumentException("k-NN radii need k >= 1 and more than k samples per set, got k = " + k
                    + " with " + real.dim(0) + " real and " + fake.dim(0) + " generated");
        }
        double[] realNorms = Features.squaredNorms(real);
        double[] fakeNorms = Features.squaredNorms(fake);
        double[] realRadii = squaredRadii(real, realNorms, k);
        double[] fakeRadii = squaredRadii(fake, fakeNorms, k);
        int m = fake.dim(0);
        int n = real.dim(0);
        boolean[] fakeInReal = new boolean[m];
        boolean[] realInFake = new boolean[n];
        for (int from = 0; from < m; from += BLOCK) {
            int to = Math.min(m, from + BLOCK);
            float[] g = Features.gram(fake.slice(from, to), real);
            int base = from;
            // Rows are split among threads; a real sample's flag is only ever set to true, so
            // concurrent writes to it agree and the join publishes them.
            Parallel.forRange(to - from, 16, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int j = base + r;
                    double fr = fakeRadii[j];
                    boolean hit = false;
                    for (int i = 0; i < n; i++) {
                        double d2 = Math.max(0, fakeNorms[j] + realNorms[i] - 2.0 * g[r * n + i]);
                        if (d2 <= realRadii[i]) {
                            hit = true;
                        }
                        if (d2 <= fr) {
                            realInFake[i] = true;
                        }
                    }
                    fakeInReal[j] = hit;
                }
            });
        }
        return new Result(share(fakeInReal), share(realInFake), k);
    }

    private static double share(boolean[] flags) {
        int c = 0;
        for (boolean f : flags) {
            if (f) {
                c++;
            }
        }
        return (double) c / flags.length;
    }

    /**
     * @return for each row, the squared distance to its k-th nearest other row
     */
    static double[] squaredRadii(Tensor x, double[] norms, int k) {
        int n = x.dim(0);
        double[] radii = new double[n];
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            float[] g = Features.gram(x.slice(from, to), x);
            int base = from;
            Parallel.forRange(to - from, 16, (r0, r1) -> {
                double[] best = new double[k];
                for (int r = r0; r < r1; r++) {
                    int i = base + r;
                    java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
                    for (int j = 0; j < n; j++) {
                        if (j == i) {
                            continue;
                        }
                        double d2 = Math.max(0, norms[i] + norms[j] - 2.0 * g[r * n + j]);
                        if (d2 < best[k - 1]) {
                            // insertion into the k smallest so far, kept sorted
                            int p = k - 1;
                            while (p > 0 && best[p - 1] > d2) {
                                best[p] = best[p - 1];
                                p--;
                            }
                            best[p] = d2;
                        }
                    }
                    radii[i] = best[k - 1];
                }
            });
        }
        return radii;
    }
}
