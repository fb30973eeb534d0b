package io.jgan.train.distributed;

import io.jgan.train.ShardExecutor;
import io.jgan.train.spec.RunSpec;

/**
 * A cluster back end for data-parallel training, found with {@link java.util.ServiceLoader}. The
 * trainer only sees the {@link ShardExecutor} of an open {@link Session}: it knows nothing of the
 * cluster.
 */
public interface DataParallel {
    /** @return the back end's name, e.g. {@code spark} */
    String name();

    /**
     * Connects to a cluster and checks that its workers can read the run's data.
     *
     * @param master where to run (for Spark a master URL: {@code local[2]}, {@code spark://HOST:7077})
     * @param workers W, the shards of every batch (the run's {@code microBatches})
     * @param spec the run
     * @return the open session
     * @throws IllegalArgumentException in one line when the cluster cannot be reached or the workers cannot read the data
     */
    Session open(String master, int workers, RunSpec spec);

    /** A connection to a cluster for one run. */
    interface Session extends AutoCloseable {
        /** @return where the run's phases are computed */
        ShardExecutor executor();

        /** @return one line for the run's header (master, workers, executors) */
        String description();

        /** Disconnects (stops the cluster application). */
        @Override
        void close();
    }
}
