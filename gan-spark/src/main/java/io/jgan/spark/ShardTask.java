package io.jgan.spark;

import io.jgan.train.PhaseRequest;
import io.jgan.train.ShardWorker;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * The task of one partition of a phase's job: shard q's gradients from the broadcast weights and
 * the request, on the executor's cached replica. A pure function of its inputs: a retried task
 * (after a lost executor) returns the same bytes.
 */
final class ShardTask implements Function<Integer, Wire.Result> {
    private static final long serialVersionUID = 1L;
    private final String session;
    private final String specJson;
    private final int threads;
    private final Wire.Request request;
    private final Broadcast<Wire.Weights> generator;
    private final Broadcast<Wire.Weights> critic;

    ShardTask(String session, String specJson, int threads, Wire.Request request, Broadcast<Wire.Weights> generator,
              Broadcast<Wire.Weights> critic) {
        this.session = session;
        this.specJson = specJson;
        this.threads = threads;
        this.request = request;
        this.generator = generator;
        this.critic = critic;
    }

    @Override
    public Wire.Result call(Integer shard) {
        ShardWorker w = Replicas.get(session, specJson, shard, threads);
        synchronized (w) {
            long t0 = System.nanoTime();
            PhaseRequest r = request.toRequest(generator.value(), critic.value(), w.generatorVersion(), w.criticVersion());
            io.jgan.train.ShardResult out = w.compute(r);
            return Wire.Result.of(out, SparkEnv.get().executorId(), System.nanoTime() - t0);
        }
    }
}
