package io.jgan.eval;

import io.jgan.autograd.GradMode;
import io.jgan.autograd.Variable;
import io.jgan.losses.GradientPenalty;
import io.jgan.nn.LeakyReLU;
import io.jgan.nn.Linear;
import io.jgan.nn.Module;
import io.jgan.nn.Sequential;
import io.jgan.optim.Adam;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Example 1 of the WGAN paper (Arjovsky et al. 2017), measured rather than derived: P0 is uniform
 * on the segment {0} x [0, 1], P_theta on {theta} x [0, 1] (points (0, Z) against (theta, Z),
 * Z ~ U[0, 1]). The Wasserstein-1 distance is |theta|, continuous in theta; the Jensen-Shannon
 * divergence is log 2 for every theta != 0 and 0 at theta = 0, so it gives a generator no slope to
 * follow.
 *
 * <p>For each theta two networks are trained from scratch on fresh mini-batches:
 * <ul>
 * <li>a WGAN-GP critic f (an MLP without output activation, two-sided gradient penalty, Adam
 *     with betas (0.5, 0.9)): the estimate is W = E f(P0) - E f(P_theta), oriented so the critic
 *     maximises it, hence &gt;= 0 up to sampling noise;</li>
 * <li>a discriminator D = sigmoid(MLP) trained with cross-entropy: at the optimum
 *     V = E log D(real) + E log(1 - D(fake)) = 2 JS - log 4, so JS is estimated as (V + log 4) / 2.</li>
 * </ul>
 * Both estimates are taken on a fresh evaluation sample, so they are not fitted to the batches
 * the networks saw.
 *
 * <p>The penalty is soft, and that biases the W estimate upwards: a critic of slope s along the
 * x-axis gains s theta and pays lambda (s - 1)^2, so the optimum is s = 1 + theta / (2 lambda) and
 * the estimate theta + theta^2 / (2 lambda). With the paper's lambda = 10 that is 2.2 at theta = 2
 * (measured: 2.199), so the demo uses lambda = 100 (bias 0.02 at theta = 2) to show W itself. The
 * JS estimate is a variational lower bound and approaches log 2 from below.
 */
public final class ParallelLines {
    /**
     * @param steps optimiser steps per network
     * @param batchSize samples per distribution and step
     * @param hidden width of the two hidden layers
     * @param learningRate Adam's learning rate for both networks
     * @param evalSamples fresh samples per distribution for the estimates
     * @param lambda the gradient penalty's weight
     */
    public record Options(int steps, int batchSize, int hidden, float learningRate, int evalSamples, double lambda) {
        /** Validates the values. */
        public Options {
            if (steps < 1 || batchSize < 2 || hidden < 1 || !(learningRate > 0) || evalSamples < 2 || !(lambda > 0)) {
                throw new IllegalArgumentException("invalid parallel-lines options: " + steps + " steps, batch " + batchSize
                        + ", hidden " + hidden + ", lr " + learningRate + ", " + evalSamples + " evaluation samples");
            }
        }

        /**
         * @param steps optimiser steps per network
         * @return batch 128, two hidden layers of 64, learning rate 2e-3, 8192 evaluation samples,
         *         lambda = 100 (see {@link ParallelLines} for why not the paper's 10)
         */
        public static Options withSteps(int steps) {
            return new Options(steps, 128, 64, 2e-3f, 8192, 100);
        }
    }

    /**
     * One line of the table.
     *
     * @param theta the offset of the second segment
     * @param wasserstein the true W = |theta|
     * @param wEstimate the critic's estimate E f(P0) - E f(P_theta)
     * @param js the true JS divergence (log 2 for theta != 0, else 0), in nats
     * @param jsEstimate (V + log 4) / 2 from the trained discriminator, in nats
     */
    public record Row(double theta, double wasserstein, double wEstimate, double js, double jsEstimate) {}

    private static final double LOG4 = Math.log(4);

    private ParallelLines() {}

    /**
     * @param thetas the offsets to measure
     * @param steps optimiser steps per network
     * @param seed the seed (each theta and network gets its own named stream)
     * @return one row per theta, in order
     */
    public static List<Row> run(double[] thetas, int steps, long seed) {
        return run(thetas, Options.withSteps(steps), seed);
    }

    /**
     * @param thetas the offsets to measure
     * @param options sizes and schedule
     * @param seed the seed
     * @return one row per theta, in order
     */
    public static List<Row> run(double[] thetas, Options options, long seed) {
        List<Row> rows = new ArrayList<>();
        Rng root = new Rng(seed);
        for (int i = 0; i < thetas.length; i++) {
            double theta = thetas[i];
            if (!Double.isFinite(theta)) {
                throw new IllegalArgumentException("theta must be finite, got " + theta);
            }
            Rng r = root.split("theta-" + i);
            double w = wassersteinEstimate(theta, options, r.split("critic"));
            double js = jsEstimate(theta, options, r.split("discriminator"));
            rows.add(new Row(theta, Math.abs(theta), w, theta == 0 ? 0 : Math.log(2), js));
        }
        return rows;
    }

    /** Points (offset, Z), Z ~ U[0, 1]: [n, 2]. */
    static Tensor segment(double offset, int n, Rng rng) {
        float[] p = new float[2 * n];
        for (int i = 0; i < n; i++) {
            p[2 * i] = (float) offset;
            p[2 * i + 1] = rng.nextFloat();
        }
        return Tensor.wrap(p, n, 2);
    }

    private static Module mlp(int hidden, Rng rng) {
        // LeakyReLU keeps the input gradient non-zero everywhere, which the penalty needs.
        return new Sequential(
                new Linear(Linear.Config.of(2, hidden), rng), new LeakyReLU(0.2f),
                new Linear(Linear.Config.of(hidden, hidden), rng), new LeakyReLU(0.2f),
                new Linear(Linear.Config.of(hidden, 1), rng));
    }

    static double wassersteinEstimate(double theta, Options o, Rng rng) {
        Module f = mlp(o.hidden(), rng.split("init"));
        Rng data = rng.split("data");
        Rng eps = rng.split("penalty");
        Adam adam = new Adam(f.parameters(), Adam.Config.of(o.learningRate()).withBetas(0.5, 0.9));
        GradientPenalty gp = new GradientPenalty(o.lambda());
        for (int s = 0; s < o.steps(); s++) {
            Variable real = Variable.of(segment(0, o.batchSize(), data));
            Variable fake = Variable.of(segment(theta, o.batchSize(), data));
            adam.zeroGrad();
            Variable loss = f.forward(fake).mean().sub(f.forward(real).mean()).add(gp.penalty(f::forward, real, fake, eps));
            loss.backward();
            adam.step();
        }
        Rng eval = rng.split("eval");
        try (var ng = GradMode.noGrad()) {
            double real = f.forward(segment(0, o.evalSamples(), eval)).value().mean().item();
            double fake = f.forward(segment(theta, o.evalSamples(), eval)).value().mean().item();
            return real - fake;
        }
    }

    static double jsEstimate(double theta, Options o, Rng rng) {
        Module d = mlp(o.hidden(), rng.split("init"));
        Rng data = rng.split("data");
        Adam adam = new Adam(d.parameters(), Adam.Config.of(o.learningRate()));
        for (int s = 0; s < o.steps(); s++) {
            Variable real = Variable.of(segment(0, o.batchSize(), data));
            Variable fake = Variable.of(segment(theta, o.batchSize(), data));
            adam.zeroGrad();
            // -V: binary cross-entropy with label 1 on P0 and 0 on P_theta, on the logits
            Variable loss = value(d.forward(real), d.forward(fake)).neg();
            loss.backward();
            adam.step();
        }
        Rng eval = rng.split("eval");
        try (var ng = GradMode.noGrad()) {
            double v = value(d.forward(segment(0, o.evalSamples(), eval)), d.forward(segment(theta, o.evalSamples(), eval))).item();
            return (v + LOG4) / 2;
        }
    }

    /** V = E log sigmoid(l_real) + E log(1 - sigmoid(l_fake)), with log(1 - sigmoid(l)) = log sigmoid(-l). */
    private static Variable value(Variable realLogits, Variable fakeLogits) {
        return realLogits.logSigmoid().mean().add(fakeLogits.neg().logSigmoid().mean());
    }

    /**
     * Formats the table the demo prints.
     *
     * @param rows the measured rows
     * @return a header and one line per row, newline-terminated
     */
    public static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%8s %10s %10s %10s %10s%n", "theta", "W=|theta|", "W_hat", "JS", "JS_hat"));
        for (Row r : rows) {
            b.append(String.format("%8.3f %10.4f %10.4f %10.4f %10.4f%n", r.theta(), r.wasserstein(), r.wEstimate(), r.js(),
                    r.jsEstimate()));
        }
        return b.toString();
    }
}
