package io.jgan.eval;

import io.jgan.tensor.Tensor;

/**
 * The Inception Score (Salimans et al. 2016) with jgan's classifier in place of Inception:
 * exp(E_x[KL(p(y|x) || p(y))]), computed on each of {@code splits} consecutive chunks of the
 * samples (p(y) being the chunk's mean prediction) and reported as the mean and standard
 * deviation over chunks, as the original code does. It is high (up to the number of classes)
 * when each sample is classified confidently and the classes are balanced.
 */
public final class InceptionScore {
    /** The original's 10 splits. */
    public static final int DEFAULT_SPLITS = 10;

    /**
     * @param mean the mean score over splits
     * @param std the standard deviation over splits (ddof 0, as {@code np.std})
     * @param splits the number of splits
     */
    public record Result(double mean, double std, int splits) {}

    private InceptionScore() {}

    /**
     * @param probs [N, C] class probabilities (rows sum to 1)
     * @param splits chunks, 1 &lt;= splits &lt;= N
     * @return the score
     */
    public static Result compute(Tensor probs, int splits) {
        double[][] p = Features.rows(probs, "class probabilities");
        int n = p.length;
        if (splits < 1 || splits > n) {
            throw new IllegalArgumentException("splits must be in [1, " + n + "], got " + splits);
        }
        int c = p[0].length;
        double[] scores = new double[splits];
        for (int s = 0; s < splits; s++) {
            // the same chunk boundaries as the reference: floor(s N / splits)
            int from = (int) ((long) s * n / splits);
            int to = (int) ((long) (s + 1) * n / splits);
            double[] marginal = new double[c];
            for (int i = from; i < to; i++) {
                for (int k = 0; k < c; k++) {
                    marginal[k] += p[i][k];
                }
            }
            for (int k = 0; k < c; k++) {
                marginal[k] /= to - from;
            }
            double kl = 0;
            for (int i = from; i < to; i++) {
                for (int k = 0; k < c; k++) {
                    double pk = p[i][k];
                    if (pk > 0) {
                        kl += pk * (Math.log(pk) - Math.log(marginal[k]));
                    }
                }
            }
            scores[s] = Math.exp(kl / (to - from));
        }
        double mean = 0;
        for (double v : scores) {
            mean += v;
        }
        mean /= splits;
        double var = 0;
        for (double v : scores) {
            var += (v - mean) * (v - mean);
        }
        return new Result(mean, Math.sqrt(var / splits), splits);
    }
}
