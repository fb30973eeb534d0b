package io.jgan.eval;

import io.jgan.losses.Divergence;

/**
 * D_f(P || Q) = integral q(x) f(p(x) / q(x)) dx for one-dimensional densities, by composite
 * Simpson quadrature, and its minimiser over Gaussian Q = N(mu, sigma^2) (the f-GAN paper's
 * section 4 experiment, "fitting a Gaussian to a mixture").
 *
 * <p>The integrand is written per divergence in the perspective form q f(p/q) simplified by hand
 * (e.g. KL: p log(p/q); reverse KL: q log(q/p); Jensen-Shannon: p log(2p/(p+q)) + q log(2q/(p+q))),
 * so it stays finite where one density underflows and the ratio would not.
 */
public final class FDivergenceQuadrature {
    /** A one-dimensional density. */
    public interface Density {
        /** @param x a point @return the density at x */
        double at(double x);
    }

    /**
     * A Gaussian fit and its divergence.
     *
     * @param mu the mean
     * @param sigma the standard deviation
     * @param divergence D_f(P || N(mu, sigma^2))
     */
    public record Fit(double mu, double sigma, double divergence) {}

    private final double lo;
    private final double hi;
    private final int intervals;

    /**
     * @param lo the lower end of the integration range
     * @param hi the upper end
     * @param intervals Simpson intervals (even)
     */
    public FDivergenceQuadrature(double lo, double hi, int intervals) {
        if (!(hi > lo) || intervals < 2 || intervals % 2 != 0) {
            throw new IllegalArgumentException("quadrature needs lo < hi and an even number of intervals >= 2, got [" + lo + ", " + hi
                    + "] with " + intervals);
        }
        this.lo = lo;
        this.hi = hi;
        this.intervals = intervals;
    }

    /**
     * @param d the divergence
     * @param p P's density
     * @param q Q's density
     * @return D_f(P || Q)
     */
    public double divergence(Divergence d, Density p, Density q) {
        double h = (hi - lo) / intervals;
        double sum = 0;
        for (int i = 0; i <= intervals; i++) {
            double x = lo + i * h;
            double w = i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2;
            sum += w * integrand(d, p.at(x), q.at(x));
        }
        return sum * h / 3;
    }

    /**
     * q f(p / q) in a form that stays finite when p or q underflows (0 where both are 0).
     *
     * @param d the divergence
     * @param p P's density at a point
     * @param q Q's density there
     * @return the integrand
     */
    public static double integrand(Divergence d, double p, double q) {
        if (p == 0 && q == 0) {
            return 0;
        }
        return switch (d) {
            case KL -> p == 0 ? 0 : q == 0 ? Double.POSITIVE_INFINITY : p * Math.log(p / q);
            case REVERSE_KL -> q == 0 ? 0 : p == 0 ? Double.POSITIVE_INFINITY : q * Math.log(q / p);
            case PEARSON -> q == 0 ? Double.POSITIVE_INFINITY : (p - q) * (p - q) / q;
            case NEYMAN -> p == 0 ? Double.POSITIVE_INFINITY : (q - p) * (q - p) / p;
            case SQUARED_HELLINGER -> (Math.sqrt(p) - Math.sqrt(q)) * (Math.sqrt(p) - Math.sqrt(q));
            case JENSEN_SHANNON -> xlog(p, 2 * p / (p + q)) + xlog(q, 2 * q / (p + q));
            case GAN -> xlog(p, p / (p + q)) + xlog(q, q / (p + q));
            case TOTAL_VARIATION -> 0.5 * Math.abs(p - q);
        };
    }

    private static double xlog(double a, double ratio) {
        return a == 0 ? 0 : a * Math.log(ratio);
    }

    /**
     * @param mu the mean
     * @param sigma the standard deviation, &gt; 0
     * @return the density of N(mu, sigma^2)
     */
    public static Density gaussian(double mu, double sigma) {
        double c = 1 / (sigma * Math.sqrt(2 * Math.PI));
        return x -> {
            double t = (x - mu) / sigma;
            return c * Math.exp(-0.5 * t * t);
        };
    }

    /**
     * The Gaussian Q minimising D_f(P || Q): a grid over mu in [muLo, muHi] and log sigma in
     * [log sigmaLo, log sigmaHi], then Nelder-Mead from the best grid point.
     *
     * @param d the divergence
     * @param p P's density
     * @param muLo the smallest mean searched
     * @param muHi the largest
     * @param sigmaLo the smallest standard deviation searched
     * @param sigmaHi the largest
     * @return the minimiser and its divergence
     */
    public Fit bestGaussian(Divergence d, Density p, double muLo, double muHi, double sigmaLo, double sigmaHi) {
        double bestMu = muLo;
        double bestLs = Math.log(sigmaLo);
        double best = Double.POSITIVE_INFINITY;
        int n = 40;
        for (int i = 0; i <= n; i++) {
            double mu = muLo + (muHi - muLo) * i / n;
            for (int j = 0; j <= n; j++) {
                double ls = Math.log(sigmaLo) + (Math.log(sigmaHi) - Math.log(sigmaLo)) * j / n;
                double v = divergence(d, p, gaussian(mu, Math.exp(ls)));
                if (v < best) {
                    best = v;
                    bestMu = mu;
                    bestLs = ls;
                }
            }
        }
        double[] x = NelderMead.minimise(v -> divergence(d, p, gaussian(v[0], Math.exp(v[1]))), new double[] {bestMu, bestLs},
                new double[] {(muHi - muLo) / n, (Math.log(sigmaHi) - Math.log(sigmaLo)) / n}, 1e-10, 2000);
        double sigma = Math.exp(x[1]);
        return new Fit(x[0], sigma, divergence(d, p, gaussian(x[0], sigma)));
    }
}
