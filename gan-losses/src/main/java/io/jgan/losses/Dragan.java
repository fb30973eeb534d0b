package io.jgan.losses;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The DRAGAN penalty of Kodali et al. 2017, "On Convergence and Stability of GANs": the WGAN-GP
 * penalty lambda E[(||grad D(x_hat)||_2 - 1)^2] taken on perturbations of the real data only, so
 * that the critic is smooth around the data manifold where mode collapse starts.
 *
 * <p>The perturbation follows the authors' implementation (and the PyTorch survey code of the
 * source texts): x_p = x + c std(x) u with u ~ U[0, 1) element-wise and std the unbiased standard
 * deviation of the whole real batch, then x_hat = x + alpha (x_p - x) with alpha ~ U[0, 1) per
 * sample. Defaults: lambda = 10, c = 0.5. The perturbation is a constant: no gradient flows
 * through std(x).
 *
 * @param lambda the weight, &gt;= 0
 * @param scale c, the perturbation size in units of the batch's standard deviation, &gt;= 0
 */
public record Dragan(double lambda, double scale) implements Penalty {

    /** Validates lambda and c. */
    public Dragan {
        Checks.weight("lambda", lambda);
        Checks.weight("perturbation scale", scale);
    }

    /** lambda = 10, c = 0.5. */
    public Dragan() {
        this(10, 0.5);
    }

    @Override
    public Variable penalty(Function<Variable, Variable> critic, Variable real, Variable fake, Rng rng) {
        return penalty(critic, real, samplePerturbation(real.value(), rng));
    }

    /**
     * @param critic maps [B, ...] to scores [B] or [B, 1]
     * @param real real batch [B, ...]
     * @param perturbation delta, shaped like {@code real}: the penalty is taken at real + delta
     * @return lambda E[(||grad D(real + delta)||_2 - 1)^2]
     */
    public Variable penalty(Function<Variable, Variable> critic, Variable real, Tensor perturbation) {
        if (perturbation == null || !Arrays.equals(perturbation.dims(), real.dims())) {
            throw new IllegalArgumentException("perturbation must have the real batch's shape " + Arrays.toString(real.dims())
                    + ", got " + (perturbation == null ? "null" : Arrays.toString(perturbation.dims())));
        }
        Variable xHat = real.add(Variable.of(perturbation));
        Variable norms = CriticGradients.perSampleNorm(CriticGradients.inputGradient(critic, xHat, true));
        return norms.sub(1f).square().mean().mul((float) lambda);
    }

    /**
     * @param real the real batch [B, ...]
     * @param rng the generator
     * @return alpha_i c std(real) u, with u ~ U[0, 1) per element and alpha_i ~ U[0, 1) per sample
     */
    public Tensor samplePerturbation(Tensor real, Rng rng) {
        if (rng == null) {
            throw new IllegalArgumentException("DRAGAN needs an Rng for its perturbation, got null");
        }
        int[] col = new int[real.rank()];
        Arrays.fill(col, 1);
        col[0] = real.dim(0);
        Tensor alpha = Tensor.uniform(rng, 0f, 1f, col);
        Tensor u = Tensor.uniform(rng, 0f, 1f, real.dims());
        return u.mul(alpha).mul((float) (scale * std(real)));
    }

    /** Unbiased, as torch.std; 0 for a single element. */
    private static double std(Tensor t) {
        float[] d = t.data();
        int off = t.offset();
        int n = t.size();
        if (n < 2) {
            return 0;
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += d[off + i];
        }
        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double x = d[off + i] - mean;
            ss += x * x;
        }
        return Math.sqrt(ss / (n - 1));
    }

    @Override
    public String name() {
        return "dragan";
    }
}
