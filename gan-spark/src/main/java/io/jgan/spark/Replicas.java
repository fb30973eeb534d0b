package io.jgan.spark;

import io.jgan.tensor.Parallel;
import io.jgan.tensor.TensorScope;
import io.jgan.train.ShardWorker;
import io.jgan.train.spec.RunSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each executor's replicas of the runs it serves, one per (run session, shard), built on a task's
 * first visit and reused by later tasks so that a phase costs a weight load at most, not a model
 * build. A replica of another session is dropped when a new session arrives (one run at a time).
 */
final class Replicas {
    private static final Map<String, ShardWorker> BY_KEY = new ConcurrentHashMap<>();
    private static volatile String session;
    private static volatile boolean threadsSet;

    private Replicas() {}

    /**
     * @param sessionId the driver's run session
     * @param specJson the run specification
     * @param shard the shard
     * @param threads compute threads per task
     * @return the replica (lock it while computing)
     */
    static ShardWorker get(String sessionId, String specJson, int shard, int threads) {
        if (!sessionId.equals(session)) {
            synchronized (Replicas.class) {
                if (!sessionId.equals(session)) {
                    BY_KEY.keySet().removeIf(k -> !k.startsWith(sessionId + "/"));
                    session = sessionId;
                }
            }
        }
        if (!threadsSet) {
            // the parallelism is across tasks: a task computes on as many threads as it has cores
            Parallel.setThreads(threads);
            threadsSet = true;
        }
        return BY_KEY.computeIfAbsent(sessionId + "/" + shard, k -> {
            RunSpec spec = RunSpec.fromJson(specJson);
            try {
                return TensorScope.unpooled(() -> {
                    try {
                        return new ShardWorker(spec, shard, ShardData.source(spec));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw new IllegalStateException("cannot read the data of the run: " + e.getCause().getMessage(), e.getCause());
            }
        });
    }
}
