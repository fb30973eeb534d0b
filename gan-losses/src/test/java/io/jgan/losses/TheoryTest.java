package io.jgan.losses;

import io.jgan.autograd.GradMode;
import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The source texts' theory, reproduced by training small critics with these losses.
 *
 * <p>Expectations over a 1-D density are taken over its quantile grid x_i = F^-1((i + o) / N):
 * a deterministic "sample" whose empirical mean of any smooth function converges to the
 * expectation like a midpoint rule, so full-batch training is seeded, noise-free and fast. The
 * logistic distribution is used because its quantile function is closed-form.
 */
class TheoryTest {

    private static Variable logisticQuantiles(double mu, double s, int n, double offset) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double q = (i + offset) / n;
            x[i] = (float) (mu + s * Math.log(q / (1 - q)));
        }
        return Variable.of(Tensor.fromArray(x, n, 1));
    }

    private static double logisticDensity(double x, double mu, double s) {
        double e = Math.exp(-(x - mu) / s);
        return e / (s * (1 + e) * (1 + e));
    }

    private static double eval(Mlp d, double x) {
        try (var scope = GradMode.noGrad()) {
            return d.apply(Variable.of(Tensor.fromArray(new float[] {(float) x}, 1, 1))).item();
        }
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** Trains a critic to minimise its loss on fixed real and fake batches (full batch, Adam). */
    private static void trainCritic(Mlp d, GanLoss loss, Variable real, Variable fake, int steps, double lr) {
        Adam adam = new Adam(d.parameters(), lr, 0.9, 0.999);
        for (int step = 0; step < steps; step++) {
            if (step == steps * 2 / 3) {
                adam.lr(lr / 10); // settle on the optimum instead of hovering around it
            }
            loss.discriminatorLoss(d.apply(real), d.apply(fake)).backward();
            adam.step();
        }
    }

    /** Goodfellow et al. 2014, Proposition 1: for fixed G the optimal D is p_data / (p_data + p_g). */
    @Test
    void trainedDiscriminatorMatchesTheOptimalDiscriminator() {
        double muG = 1.0;
        double sG = 0.6;
        Variable real = logisticQuantiles(0, 1, 256, 0.5);
        Variable fake = logisticQuantiles(muG, sG, 256, 0.5);
        Mlp d = new Mlp(new Rng(11), 1f, 1, 24, 24, 1);
        trainCritic(d, new Minimax(), real, fake, 700, 0.01);
        double worst = 0;
        for (double x = -1; x <= 2.001; x += 0.5) {
            double pd = logisticDensity(x, 0, 1);
            double pg = logisticDensity(x, muG, sG);
            double optimal = pd / (pd + pg);
            double trained = sigmoid(eval(d, x));
            worst = Math.max(worst, Math.abs(trained - optimal));
            assertEquals(optimal, trained, 0.02, "D(" + x + ")");
        }
        System.out.println("D* max error " + worst);
    }

    /** At p_g = p_data the optimal D is 1/2 everywhere and the value V(D*, G) is -log 4. */
    @Test
    void valueAtTheOptimalDiscriminatorIsMinusLog4WhenTheDistributionsAgree() {
        // two different quantile grids of the same distribution, so D cannot win by memorising points
        Variable real = logisticQuantiles(0, 1, 200, 0.25);
        Variable fake = logisticQuantiles(0, 1, 200, 0.75);
        Mlp d = new Mlp(new Rng(12), 4f, 1, 16, 16, 1);
        Minimax loss = new Minimax();
        double before = loss.estimate(d.apply(real), d.apply(fake)).orElseThrow();
        assertTrue(Math.abs(before + Math.log(4)) > 0.05, "the initial critic should be far from optimal: " + before);
        trainCritic(d, loss, real, fake, 300, 0.01);
        double value = loss.estimate(d.apply(real), d.apply(fake)).orElseThrow();
        System.out.println("V(D*, G) " + value + " (initial " + before + ")");
        assertEquals(-Math.log(4), value, 0.01);
        for (double x = -3; x <= 3; x += 1) {
            assertEquals(0.5, sigmoid(eval(d, x)), 0.02, "D(" + x + ")");
        }
    }

    /**
     * f-GAN with p = q: the critic maximising E_P[T] - E_Q[f*(T)] reaches D_f(p || p) = f(1), which
     * is 0 for every divergence except the GAN member (f(1) = -log 4, the -log 4 above).
     */
    @Test
    void fganBoundIsZeroWhenTheDistributionsAgree() {
        Variable p = logisticQuantiles(0, 1, 200, 0.25);
        Variable q = logisticQuantiles(0, 1, 200, 0.75);
        for (Divergence div : Divergence.values()) {
            FDivergence loss = new FDivergence(div);
            Mlp critic = new Mlp(new Rng(13), 2f, 1, 16, 1);
            trainCritic(critic, loss, p, q, 300, 0.02);
            double bound = loss.estimate(critic.apply(p), critic.apply(q)).orElseThrow();
            System.out.println("f-GAN " + div.cliName() + " bound " + bound);
            assertEquals(div.f(1), bound, 0.02, div.cliName());
        }
    }

    /**
     * WGAN-GP: training a critic with the Wasserstein loss plus the two-sided penalty (lambda = 10)
     * drives its input-gradient norm on interpolates to 1. The optimal penalised linear critic has
     * slope 1 + d / (2 lambda) for means d apart, so d = 1 keeps the target within 0.05 of 1.
     */
    @Test
    void gradientPenaltyDrivesTheCriticGradientNormToOne() {
        Rng data = new Rng(21);
        Mlp critic = new Mlp(new Rng(22), 6f, 2, 32, 32, 1);
        GradientPenalty gp = new GradientPenalty();
        Wasserstein wgan = new Wasserstein();
        double before = meanInterpolateNorm(critic, data);
        assertTrue(Math.abs(before - 1) > 0.5, "the initial critic's gradient norm should be far from 1: " + before);
        Adam adam = new Adam(critic.parameters(), 1e-3, 0.5, 0.9);
        for (int step = 0; step < 300; step++) {
            Variable real = gaussian(data, 64, 0.5f);
            Variable fake = gaussian(data, 64, -0.5f);
            wgan.discriminatorLoss(critic.apply(real), critic.apply(fake))
                    .add(gp.penalty(critic, real, fake, data)).backward();
            adam.step();
        }
        double after = meanInterpolateNorm(critic, data);
        System.out.println("WGAN-GP interpolate gradient norm " + after + " (initial " + before + ")");
        assertEquals(1.0, after, 0.1);
    }

    /** Two isotropic Gaussians (sd 0.2) at (+-0.5, 0). */
    private static Variable gaussian(Rng rng, int n, float centre) {
        Tensor t = Tensor.randn(rng, n, 2).mul(0.2f);
        float[] d = t.data();
        for (int i = 0; i < n; i++) {
            d[t.offset() + 2 * i] += centre;
        }
        return Variable.of(t);
    }

    private static double meanInterpolateNorm(Mlp critic, Rng rng) {
        Variable real = gaussian(rng, 512, 0.5f);
        Variable fake = gaussian(rng, 512, -0.5f);
        Variable eps = Variable.of(GradientPenalty.sampleEps(rng, real.dims()));
        Tensor norms = CriticGradients.norms(critic, GradientPenalty.interpolate(real, fake, eps));
        double sum = 0;
        for (float n : norms.toArray()) {
            sum += n;
        }
        return sum / norms.size();
    }
}
