package io.jgan.spark;

import io.jgan.tensor.Tensor;
import io.jgan.train.GradientReducer;
import io.jgan.train.PhaseRequest;
import io.jgan.train.ShardResult;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What travels between the driver and the tasks: plain arrays in serialisable records (Spark's
 * serializer, not a checkpoint format). Tensors are copied on the way out, wrapped on the way in.
 */
final class Wire {
    private Wire() {}

    /**
     * A tensor's shape and values, the values as little-endian bytes: Java serialisation writes a
     * byte[] in one block copy but a float[] one float at a time (measured: 3x slower jobs on DCGAN).
     */
    record WireTensor(int[] dims, byte[] data) implements Serializable {
        static WireTensor of(Tensor t) {
            if (t == null) {
                return null;
            }
            float[] v = t.toArray();
            ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            return new WireTensor(t.dims(), b.array());
        }

        Tensor tensor() {
            float[] v = new float[data.length / 4];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return Tensor.wrap(v, dims);
        }

        long bytes() {
            return data.length;
        }
    }

    /** Named tensors in order. */
    record Named(String[] names, WireTensor[] tensors) implements Serializable {
        static Named of(Map<String, Tensor> m) {
            String[] names = m.keySet().toArray(String[]::new);
            WireTensor[] ts = new WireTensor[names.length];
            for (int i = 0; i < names.length; i++) {
                ts[i] = WireTensor.of(m.get(names[i]));
            }
            return new Named(names, ts);
        }

        Map<String, Tensor> map() {
            Map<String, Tensor> m = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                m.put(names[i], tensors[i].tensor());
            }
            return m;
        }

        long bytes() {
            long b = 0;
            for (WireTensor t : tensors) {
                b += t.bytes();
            }
            return b;
        }
    }

    /** A network's weights at one version (broadcast once per version). */
    record Weights(long version, Named tensors) implements Serializable {}

    /** The small part of a {@link PhaseRequest}: everything but the weights. */
    record Request(GradientReducer.Phase phase, boolean keepFakes, long step, LinkedHashMap<String, long[]> streams, String data,
                   LinkedHashMap<String, long[]> criticStreams, String criticData, Named buffers) implements Serializable {
        static Request of(PhaseRequest r) {
            return new Request(r.phase(), r.keepFakes(), r.step(), new LinkedHashMap<>(r.streams()), r.data(),
                    r.criticStreams() == null ? null : new LinkedHashMap<>(r.criticStreams()), r.criticData(), Named.of(r.buffers()));
        }

        /** The request, decoding only the weights whose version the replica has not loaded yet. */
        PhaseRequest toRequest(Weights g, Weights d, long loadedG, long loadedD) {
            return new PhaseRequest(phase, keepFakes, step, streams, data, criticStreams, criticData, g.version(),
                    g.version() == loadedG ? Map.of() : g.tensors().map(), d.version(), d.version() == loadedD ? Map.of() : d.tensors().map(),
                    buffers.map());
        }
    }

    /** A {@link ShardResult} on the wire. */
    record Result(int shard, WireTensor[] gradients, double loss, double penalty, double dReal, double dFake, double estimate,
                  boolean hasEstimate, LinkedHashMap<String, long[]> streamsAfter, String dataAfter, Named buffers,
                  String executor, long computeNanos) implements Serializable {
        static Result of(ShardResult r, String executor, long computeNanos) {
            WireTensor[] g = new WireTensor[r.gradients().size()];
            for (int i = 0; i < g.length; i++) {
                g[i] = WireTensor.of(r.gradients().get(i));
            }
            return new Result(r.shard(), g, r.loss(), r.penalty(), r.dReal(), r.dFake(), r.estimate(), r.hasEstimate(),
                    new LinkedHashMap<>(r.streamsAfter()), r.dataAfter(), Named.of(r.buffers()), executor, computeNanos);
        }

        ShardResult toResult() {
            List<Tensor> g = new ArrayList<>(gradients.length);
            for (WireTensor t : gradients) {
                g.add(t == null ? null : t.tensor());
            }
            return new ShardResult(shard, g, loss, penalty, dReal, dFake, estimate, hasEstimate, streamsAfter, dataAfter, buffers.map());
        }

        long bytes() {
            long b = 0;
            for (WireTensor t : gradients) {
                b += t == null ? 0 : t.bytes();
            }
            return b;
        }
    }
}
