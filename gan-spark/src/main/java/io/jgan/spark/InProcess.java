package io.jgan.spark;

import io.jgan.train.PhaseRequest;
import io.jgan.train.ShardResult;
import io.jgan.train.ShardWorker;
import org.apache.spark.api.java.function.Function;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hand-off of {@code local[N]} runs, whose executors share the driver's JVM: a phase's request
 * and its shards' results pass through this map instead of being serialised into broadcasts and
 * task results (three copies of every weight and gradient each way, which on DCGAN cost more than
 * the shard's computation). The job still runs as Spark tasks, one per shard, with Spark's
 * scheduling and retries; only the bytes stay in memory. A cluster ({@code spark://}) always uses
 * the serialised path.
 */
final class InProcess {
    private static final Map<String, PhaseRequest> REQUESTS = new ConcurrentHashMap<>();
    private static final Map<String, ShardResult> RESULTS = new ConcurrentHashMap<>();

    private InProcess() {}

    static void offer(String job, PhaseRequest r) {
        REQUESTS.put(job, r);
    }

    static ShardResult take(String job, int shard) {
        ShardResult r = RESULTS.remove(job + "/" + shard);
        if (r == null) {
            throw new IllegalStateException("no result of shard " + shard + " for " + job);
        }
        return r;
    }

    static void clear(String job) {
        REQUESTS.remove(job);
        RESULTS.keySet().removeIf(k -> k.startsWith(job + "/"));
    }

    /** The task: computes its shard of the request left under the job's key and leaves the result there. */
    record Task(String session, String specJson, int threads, String job) implements Function<Integer, Long> {
        @Override
        public Long call(Integer shard) {
            ShardWorker w = Replicas.get(session, specJson, shard, threads);
            PhaseRequest r = REQUESTS.get(job);
            if (r == null) {
                throw new IllegalStateException("no request for " + job + ": an in-process task ran outside the driver's JVM");
            }
            long t0 = System.nanoTime();
            synchronized (w) {
                RESULTS.put(job + "/" + shard, w.compute(r));
            }
            return System.nanoTime() - t0;
        }
    }
}
