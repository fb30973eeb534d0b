package io.jgan.cli.train;

import io.jgan.train.distributed.DataParallel;
import io.jgan.train.spec.RunSpec;
import picocli.CommandLine.Option;

import java.util.ServiceLoader;

/**
 * {@code --spark MASTER --workers W}: data-parallel training on Apache Spark. The command line knows
 * Spark only as an optional {@link DataParallel} service, found on the path when the gan-spark
 * module is there ({@code ./jgan} puts it there only with {@code --spark}). A run over W workers is
 * the run with W micro-batches, computed by W machines: its {@code config.json} says
 * {@code microBatches: W}, so it resumes on one machine (without {@code --spark}) or on Spark alike.
 */
public final class ClusterOptions {
    @Option(names = "--spark", paramLabel = "MASTER", description = "train on Apache Spark: local[N] (in this process) or"
            + " spark://HOST:PORT (a standalone cluster; this process is the driver); needs the gan-spark module")
    String master;
    @Option(names = "--workers", paramLabel = "W", description = "with --spark: workers sharing each batch, B/W samples each"
            + " (bit-identical to --micro-batches W on one machine)")
    Integer workers;

    /** @return true when the run goes to a cluster */
    public boolean enabled() {
        return master != null;
    }

    /**
     * Checks the options and makes the run's micro-batches the workers, before the run is assembled.
     *
     * @param run the run options typed
     * @throws IllegalArgumentException naming the option
     */
    public void applyTo(RunOptions run) {
        if (master == null) {
            if (workers != null) {
                throw new IllegalArgumentException("--workers needs --spark MASTER (on one machine the same split is --micro-batches "
                        + workers + ")");
            }
            return;
        }
        if (master.isBlank()) {
            throw new IllegalArgumentException("--spark needs a master: local[N] or spark://HOST:PORT");
        }
        if (workers == null) {
            throw new IllegalArgumentException("--spark needs --workers W, the workers sharing each batch");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
        }
        if (run.microBatches != null && !run.microBatches.equals(workers)) {
            throw new IllegalArgumentException("--micro-batches " + run.microBatches + " with --workers " + workers
                    + ": each worker computes one part of the batch (leave --micro-batches out, or give " + workers + ")");
        }
        run.microBatches = workers;
    }

    /**
     * @param e a complaint about the options (before training)
     * @return the same, naming --workers where the run's micro-batches are the workers
     */
    public IllegalArgumentException translate(IllegalArgumentException e) {
        if (master != null && workers != null && String.valueOf(e.getMessage()).startsWith("--micro-batches " + workers + " must divide")) {
            return new IllegalArgumentException(e.getMessage().replace("--micro-batches", "--workers")
                    + ": every worker computes an equal share of each batch", e);
        }
        return e;
    }

    /**
     * @param spec the assembled run
     * @throws IllegalArgumentException if the workers do not divide the batch
     */
    public void checkBatch(RunSpec spec) {
        int b = spec.schedule().batchSize();
        if (master != null && b % workers != 0) {
            throw new IllegalArgumentException("--workers " + workers + " does not divide --batch-size " + b
                    + ": every worker computes an equal share of each batch");
        }
    }

    /**
     * Connects to the cluster (and checks that its executors read the data) before anything is written.
     *
     * @param spec the run
     * @return the session
     * @throws IllegalArgumentException in one line: no gan-spark on the path, an unreachable master, unreadable data
     */
    public DataParallel.Session open(RunSpec spec) {
        for (DataParallel p : ServiceLoader.load(DataParallel.class)) {
            if (p.name().equals("spark")) {
                return p.open(master, workers, spec);
            }
        }
        throw new IllegalArgumentException("--spark needs the gan-spark module, which is not on the path: build it once with"
                + " `./mvnw -q -pl gan-spark -am package -DskipTests` and run ./jgan from the source tree (it adds gan-spark with --spark)");
    }
}
