package io.jgan.spark;

import io.jgan.train.PhaseRequest;
import io.jgan.train.ShardExecutor;
import io.jgan.train.ShardResult;
import io.jgan.train.distributed.DataParallel;
import io.jgan.train.spec.RunSpec;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * One run on a Spark cluster: the {@link ShardExecutor} of a driver trainer. Each phase is one job
 * over W partitions (partition q computes shard q); {@code collect} returns the results in partition
 * order, so the driver sums gradients in shard order whatever order the tasks finish in. Weights go
 * out as broadcasts, one per network and version (G is shipped once per step, D once per update);
 * the rest of the request travels in the task.
 */
final class SparkRun implements DataParallel.Session, ShardExecutor {
    private final JavaSparkContext sc;
    private final boolean ownsContext;
    private final int workers;
    private final String specJson;
    private final String session = UUID.randomUUID().toString();
    private final int threads;
    private final JavaRDD<Integer> shards;
    private final boolean inProcess;
    private long jobCount;
    private Broadcast<Wire.Weights> generator;
    private Broadcast<Wire.Weights> critic;
    private final Stats stats = new Stats();

    /** What the run has cost so far, for the benchmark and the cost model. */
    static final class Stats {
        long jobs;
        long jobNanos;
        long broadcasts;
        long broadcastBytes;
        long resultBytes;
        /** The slowest task's time of each job (weights decoded, the shard computed), summed over jobs. */
        long slowestTaskNanos;
        final java.util.Set<String> executors = new java.util.TreeSet<>();
    }

    /**
     * @param sc the context
     * @param ownsContext whether {@link #close()} stops it
     * @param workers W
     * @param spec the run
     * @param inProcess pass requests and results through memory ({@code local[N]} only: see {@link InProcess})
     */
    SparkRun(JavaSparkContext sc, boolean ownsContext, int workers, RunSpec spec, boolean inProcess) {
        if (inProcess && !sc.isLocal()) {
            throw new IllegalArgumentException("the in-process hand-off needs local[N], not " + sc.master());
        }
        this.inProcess = inProcess;
        this.sc = sc;
        this.ownsContext = ownsContext;
        this.workers = workers;
        this.specJson = spec.toJson();
        this.threads = Integer.parseInt(sc.getConf().get(SparkSettings.THREADS, "1"));
        this.shards = sc.parallelize(IntStream.range(0, workers).boxed().toList(), workers);
    }

    static SparkRun start(SparkConf conf, int workers, RunSpec spec) {
        JavaSparkContext sc = new JavaSparkContext(conf);
        boolean local = sc.isLocal() && Boolean.parseBoolean(conf.get(SparkSettings.IN_PROCESS, "true"));
        return new SparkRun(sc, true, workers, spec, local);
    }

    @Override
    public int shards() {
        return workers;
    }

    @Override
    public List<ShardResult> compute(PhaseRequest r) {
        return inProcess ? computeInProcess(r) : computeSerialised(r);
    }

    private List<ShardResult> computeInProcess(PhaseRequest r) {
        long t0 = System.nanoTime();
        String job = session + "/" + ++jobCount;
        InProcess.offer(job, r);
        try {
            List<Long> nanos = shards.map(new InProcess.Task(session, specJson, threads, job)).collect();
            List<ShardResult> out = new ArrayList<>(workers);
            for (int q = 0; q < workers; q++) {
                out.add(InProcess.take(job, q));
            }
            stats.slowestTaskNanos += nanos.stream().mapToLong(Long::longValue).max().orElse(0);
            stats.executors.add("driver");
            stats.jobs++;
            stats.jobNanos += System.nanoTime() - t0;
            return out;
        } finally {
            InProcess.clear(job);
        }
    }

    private List<ShardResult> computeSerialised(PhaseRequest r) {
        long t0 = System.nanoTime();
        generator = ship(generator, r.generatorVersion(), r.generator());
        critic = ship(critic, r.criticVersion(), r.critic());
        ShardTask task = new ShardTask(session, specJson, threads, Wire.Request.of(r), generator, critic);
        List<Wire.Result> wire = shards.map(task).collect();
        List<ShardResult> out = new ArrayList<>(wire.size());
        long slowest = 0;
        for (Wire.Result w : wire) {
            slowest = Math.max(slowest, w.computeNanos());
            out.add(w.toResult());
            stats.resultBytes += w.bytes();
            stats.executors.add(w.executor());
        }
        stats.slowestTaskNanos += slowest;
        stats.jobs++;
        stats.jobNanos += System.nanoTime() - t0;
        return out;
    }

    private Broadcast<Wire.Weights> ship(Broadcast<Wire.Weights> current, long version, Map<String, io.jgan.tensor.Tensor> weights) {
        if (current != null && current.value().version() == version) {
            return current;
        }
        if (current != null) {
            current.destroy(false); // executors drop the old version's blocks
        }
        Wire.Weights w = new Wire.Weights(version, Wire.Named.of(weights));
        stats.broadcasts++;
        stats.broadcastBytes += w.tensors().bytes();
        return sc.broadcast(w);
    }

    /** @return the executors that computed shards so far */
    Stats stats() {
        return stats;
    }

    /** @return the Spark context (tests) */
    JavaSparkContext context() {
        return sc;
    }

    @Override
    public ShardExecutor executor() {
        return this;
    }

    @Override
    public String description() {
        return "Spark " + sc.version() + " at " + sc.master() + ", " + workers + " workers (application " + sc.sc().applicationId() + ")";
    }

    @Override
    public void close() {
        if (generator != null) {
            generator.destroy(false);
        }
        if (critic != null) {
            critic.destroy(false);
        }
        if (ownsContext) {
            sc.stop();
        }
    }
}
