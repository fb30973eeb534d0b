package io.jgan.cli;

import io.jgan.eval.ParallelLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code jgan demo}: small experiments that reproduce claims of the source texts. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Small experiments from the source texts.",
        subcommands = {DemoCommand.ParallelLinesDemo.class, FGanGaussianDemo.class})
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(main.out());
        return Main.OK;
    }

    /** {@code jgan demo parallel-lines}: the WGAN paper's example 1, measured. */
    @Command(name = "parallel-lines", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The WGAN paper's example 1: P0 uniform on {0} x [0,1], P_theta on {theta} x [0,1].",
                    "For each theta, trains a WGAN-GP critic (W_hat = E f(P0) - E f(P_theta)) and a cross-entropy",
                    "discriminator (JS_hat = (V + log 4) / 2), and prints them against W = |theta| and JS = log 2."})
    static final class ParallelLinesDemo implements Callable<Integer> {
        @ParentCommand
        DemoCommand demo;

        @Option(names = "--thetas", split = ",", paramLabel = "T,T,...", description = "offsets to measure (default 0,0.5,1,2)")
        List<Double> thetas = List.of(0.0, 0.5, 1.0, 2.0);
        @Option(names = "--steps", paramLabel = "N", description = "optimiser steps per network (default 1000)")
        int steps = 1000;
        @Option(names = "--seed", paramLabel = "S", description = "seed (default 1)")
        long seed = 1;

        @Override
        public Integer call() {
            if (steps < 1) {
                throw new UserError("--steps must be positive, got " + steps);
            }
            if (thetas.isEmpty()) {
                throw new UserError("--thetas needs at least one value");
            }
            double[] t = new double[thetas.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = thetas.get(i);
                if (!Double.isFinite(t[i])) {
                    throw new UserError("--thetas must be finite numbers, got " + thetas.get(i));
                }
            }
            ParallelLines.Options o = ParallelLines.Options.withSteps(steps);
            var out = demo.main.out();
            out.printf("parallel lines: %d steps per network, batch %d, MLP 2-%d-%d-1, gradient penalty lambda %s, seed %d%n",
                    steps, o.batchSize(), o.hidden(), o.hidden(), fmt(o.lambda()), seed);
            out.print(ParallelLines.table(ParallelLines.run(t, o, seed)));
            out.println("W_hat follows |theta| continuously; JS_hat jumps to log 2 = 0.6931 as soon as theta != 0.");
            return Main.OK;
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
