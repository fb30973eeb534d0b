package io.jgan.cli;

import io.jgan.eval.FGanGaussian;
import io.jgan.losses.Divergence;
import io.jgan.tensor.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code jgan demo fgan-gaussian}: the f-GAN paper's section 4 experiment, a Gaussian fitted to a mixture by each divergence. */
@Command(name = "fgan-gaussian", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The f-GAN paper's section 4: fit Q = N(mu, sigma^2), G(z) = mu + sigma z, to the mixture",
                "P = 0.3 N(-1.5, 0.5^2) + 0.7 N(1.5, 0.5^2) by f-GAN for each divergence, and compare with the true",
                "minimiser of D_f(P || Q) found by quadrature (mu*, sigma*). Mass-covering divergences end wide between",
                "the modes, mode-seeking ones narrow on the heavier mode."})
final class FGanGaussianDemo implements Callable<Integer> {
    @ParentCommand
    DemoCommand demo;

    @Option(names = "--divergence", split = ",", paramLabel = "NAME,...",
            description = "which divergences (default all: ${COMPLETION-CANDIDATES})", completionCandidates = Names.class)
    List<String> divergences;
    @Option(names = "--steps", paramLabel = "N", description = "simultaneous steps per start (default 2000)")
    int steps = 2000;
    @Option(names = "--batch-size", paramLabel = "N", description = "samples of P and Q per step (default 512)")
    int batchSize = 512;
    @Option(names = "--seed", paramLabel = "S", description = "seed (default 1)")
    long seed = 1;
    @Option(names = "--json", description = "one JSON line per divergence instead of the table")
    boolean json;

    /** The divergence names. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(Divergence.values()).map(Divergence::cliName).iterator();
        }
    }

    @Override
    public Integer call() {
        if (steps < 5 || batchSize < 2) {
            throw new UserError("--steps must be at least 5 and --batch-size at least 2, got " + steps + " and " + batchSize);
        }
        List<Divergence> ds = new ArrayList<>();
        for (String n : divergences == null ? List.of(Divergence.names().split(", ")) : divergences) {
            try {
                ds.add(Divergence.byName(n));
            } catch (IllegalArgumentException e) {
                throw new UserError("--divergence: " + e.getMessage());
            }
        }
        FGanGaussian.Options d = FGanGaussian.Options.defaults();
        FGanGaussian.Options o = new FGanGaussian.Options(steps, batchSize, d.hidden(), d.lrCritic(), d.lrGenerator());
        PrintStream out = demo.main.out();
        if (!json) {
            out.printf("f-GAN Gaussian fit: %d steps x 3 starts per divergence, batch %d, critic 1-%d-%d-1 tanh, Adam %s/%s, seed %d%n",
                    steps, batchSize, o.hidden(), o.hidden(), o.lrCritic(), o.lrGenerator(), seed);
        }
        List<FGanGaussian.Result> results = new ArrayList<>();
        for (Divergence div : ds) {
            FGanGaussian.Result r = FGanGaussian.run(List.of(div), o, seed).get(0);
            results.add(r);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("divergence", r.divergence().cliName());
                m.put("mu", r.mu());
                m.put("sigma", r.sigma());
                m.put("mu_best", r.muBest());
                m.put("sigma_best", r.sigmaBest());
                m.put("d_f_best", r.dfBest());
                m.put("d_f", r.dfLearned());
                out.println(Json.write(m));
            }
        }
        if (!json) {
            out.print(FGanGaussian.table(results));
        }
        return Main.OK;
    }
}
