package io.jgan.losses;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The WGAN-GP gradient penalty of Gulrajani et al. 2017, "Improved Training of Wasserstein GANs",
 * Algorithm 1: on random interpolates x_hat = eps x_real + (1 - eps) x_fake, eps ~ U[0, 1] per
 * sample, the critic's loss gains
 * <pre>
 *   lambda * E[(||grad_x_hat D(x_hat)||_2 - K)^2]            (two-sided, the paper's)
 *   lambda * E[max(0, ||grad_x_hat D(x_hat)||_2 - K)^2]      (one-sided, section 4 / appendix)
 * </pre>
 * with the norm taken per sample over all non-batch dimensions, K = 1 and lambda = 10 by default.
 * The optimal WGAN critic has gradient norm 1 almost everywhere on such lines, so the penalty
 * enforces the Lipschitz constraint softly where it matters. The critic must not use batch norm
 * (it would couple the samples whose gradients are penalised independently).
 *
 * @param lambda the weight, &gt;= 0
 * @param target K, the gradient norm aimed at, &gt;= 0
 * @param oneSided penalise only norms above K
 */
public record GradientPenalty(double lambda, double target, boolean oneSided) implements Penalty {

    /** lambda = 10, as in the paper. */
    public static final double DEFAULT_LAMBDA = 10;

    /** Validates lambda and K. */
    public GradientPenalty {
        Checks.weight("lambda", lambda);
        Checks.weight("target gradient norm", target);
    }

    /** lambda = 10, K = 1, two-sided. */
    public GradientPenalty() {
        this(DEFAULT_LAMBDA, 1, false);
    }

    /** @param lambda the weight, with K = 1, two-sided */
    public GradientPenalty(double lambda) {
        this(lambda, 1, false);
    }

    @Override
    public Variable penalty(Function<Variable, Variable> critic, Variable real, Variable fake, Rng rng) {
        CriticGradients.sameShape(real, fake);
        return penalty(critic, real, fake, Variable.of(sampleEps(rng, real.dims())));
    }

    /**
     * @param critic maps [B, ...] to scores [B] or [B, 1]
     * @param real real batch [B, ...]
     * @param fake fake batch, same shape
     * @param eps interpolation coefficients, [B] or [B, 1, ..., 1] (may require a gradient)
     * @return lambda * {@link #unweighted}
     */
    public Variable penalty(Function<Variable, Variable> critic, Variable real, Variable fake, Variable eps) {
        return unweighted(critic, real, fake, eps).mul((float) lambda);
    }

    /**
     * @param critic maps [B, ...] to scores [B] or [B, 1]
     * @param real real batch [B, ...]
     * @param fake fake batch, same shape
     * @param eps interpolation coefficients, [B] or [B, 1, ..., 1]
     * @return E[(||grad D(x_hat)|| - K)^2] (or its one-sided form) without lambda, for logging
     */
    public Variable unweighted(Function<Variable, Variable> critic, Variable real, Variable fake, Variable eps) {
        Variable xHat = interpolate(real, fake, eps);
        Variable norms = CriticGradients.perSampleNorm(CriticGradients.inputGradient(critic, xHat, true));
        Variable excess = norms.sub((float) target);
        if (oneSided) {
            excess = excess.relu();
        }
        return excess.square().mean();
    }

    /**
     * @param real real batch [B, ...]
     * @param fake fake batch, same shape
     * @param eps per-sample coefficients, [B] or [B, 1, ..., 1]
     * @return eps real + (1 - eps) fake, with eps broadcast over the non-batch dimensions
     */
    public static Variable interpolate(Variable real, Variable fake, Variable eps) {
        CriticGradients.sameShape(real, fake);
        int b = real.dim(0);
        int[] e = eps == null ? null : eps.dims();
        boolean ok = e != null && e.length >= 1 && e[0] == b;
        for (int i = 1; ok && i < e.length; i++) {
            ok = e[i] == 1;
        }
        if (!ok) {
            throw new IllegalArgumentException("eps must have shape [" + b + "] or [" + b + ", 1, ..., 1] for batch shape "
                    + Arrays.toString(real.dims()) + ", got " + (e == null ? "null" : Arrays.toString(e)));
        }
        int[] col = new int[real.rank()];
        Arrays.fill(col, 1);
        col[0] = b;
        Variable w = eps.reshape(col);
        return w.mul(real).add(w.rsub(1f).mul(fake));
    }

    /**
     * @param rng the generator
     * @param batchDims the shape of the batches
     * @return eps ~ U[0, 1), one per sample, shaped [B, 1, ..., 1]
     */
    public static Tensor sampleEps(Rng rng, int... batchDims) {
        if (rng == null) {
            throw new IllegalArgumentException("the gradient penalty needs an Rng for eps, got null");
        }
        int[] col = new int[batchDims.length];
        Arrays.fill(col, 1);
        col[0] = batchDims[0];
        return Tensor.uniform(rng, 0f, 1f, col);
    }

    @Override
    public String name() {
        return "gp";
    }
}
