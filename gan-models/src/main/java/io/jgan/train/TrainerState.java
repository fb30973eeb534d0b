package io.jgan.train;

import io.jgan.nn.Module;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.Json;
import io.jgan.tensor.io.Safetensors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole training state in one safetensors file: G ({@code G.*}), D ({@code D.*}), both
 * optimisers ({@code optG.*}, {@code optD.*}), the EMA ({@code ema.*}), and in the metadata the step,
 * the configuration, every random stream's state, the data position and the NaN guard's counter.
 * Beside it, {@code generator.safetensors} holds G's state dict under PyTorch's names (the EMA
 * weights when enabled), which {@code safetensors.torch.load_file} opens as a state dict.
 * A non-finite state is never written.
 */
public final class TrainerState {
    /** The format tag in the metadata. */
    public static final String FORMAT = "jgan-train-1";

    private TrainerState() {}

    static Map<String, Tensor> modelTensors(GanTrainer t) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        prefix(m, "G.", t.generator().stateDict());
        prefix(m, "D.", t.critic().stateDict());
        prefix(m, "optG.", t.optimizerG().stateDict());
        prefix(m, "optD.", t.optimizerD().stateDict());
        if (t.ema() != null) {
            prefix(m, "ema.", t.ema().shadow());
        }
        return m;
    }

    private static void prefix(Map<String, Tensor> out, String p, Map<String, Tensor> in) {
        in.forEach((k, v) -> out.put(p + k, v));
    }

    static Map<String, Tensor> copy(Map<String, Tensor> m) {
        Map<String, Tensor> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(k, v.copy()));
        return c;
    }

    static void copyInto(Map<String, Tensor> src, Map<String, Tensor> dst) {
        if (!src.keySet().equals(dst.keySet())) {
            dst.clear();
            dst.putAll(copy(src));
            return;
        }
        src.forEach((k, v) -> {
            Tensor d = dst.get(k);
            if (d.shape().equals(v.shape())) {
                d.copyFrom(v);
            } else {
                dst.put(k, v.copy());
            }
        });
    }

    private static Map<String, Tensor> strip(Map<String, Tensor> m, String p) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k.startsWith(p)) {
                out.put(k.substring(p.length()), v);
            }
        });
        return out;
    }

    static void loadModelTensors(GanTrainer t, Map<String, Tensor> m) {
        t.generator().loadStateDict(strip(m, "G."), true);
        t.critic().loadStateDict(strip(m, "D."), true);
        t.optimizerG().loadStateDict(strip(m, "optG."));
        t.optimizerD().loadStateDict(strip(m, "optD."));
        if (t.ema() != null) {
            Map<String, Tensor> e = strip(m, "ema.");
            for (Map.Entry<String, Tensor> s : t.ema().shadow().entrySet()) {
                Tensor v = e.get(s.getKey());
                if (v == null || !v.shape().equals(s.getValue().shape())) {
                    throw new IllegalArgumentException("checkpoint lacks a matching EMA tensor for " + s.getKey());
                }
                s.getValue().copyFrom(v);
            }
        }
    }

    /**
     * Writes the training state (and {@code generator.safetensors} beside it) atomically.
     *
     * @param t the trainer
     * @param file the checkpoint path
     * @return false (and nothing written) if the state is not finite
     * @throws IOException if writing fails
     */
    public static boolean save(GanTrainer t, Path file) throws IOException {
        Map<String, Tensor> tensors = modelTensors(t);
        for (Tensor v : tensors.values()) {
            if (!v.allFinite()) {
                return false;
            }
        }
        Map<String, String> md = new LinkedHashMap<>();
        md.put("format", FORMAT);
        md.put("step", Long.toString(t.stepCount()));
        md.put("config", t.spec().toJson());
        Map<String, Object> streams = new LinkedHashMap<>();
        t.streamStates().forEach((k, v) -> streams.put(k, List.of(v[0], v[1])));
        md.put("rng", Json.write(streams));
        md.put("data", t.data().state());
        md.put("nan_consecutive", Integer.toString((Integer) t.guard().state().get("consecutive")));
        Safetensors.write(file, tensors, md);
        Map<String, Tensor> gState = t.generator().stateDict();
        if (t.ema() != null) {
            gState = new LinkedHashMap<>(gState);
            gState.putAll(t.ema().shadow());
        }
        Map<String, String> gmd = new LinkedHashMap<>();
        gmd.put("format", "jgan-generator-1");
        gmd.put("config", t.spec().toJson());
        gmd.put("step", Long.toString(t.stepCount()));
        gmd.put("ema", Boolean.toString(t.ema() != null));
        Safetensors.write(file.resolveSibling("generator.safetensors"), gState, gmd);
        return true;
    }

    /**
     * Reads only the configuration and step of a checkpoint (to rebuild the models before loading).
     *
     * @param file the checkpoint
     * @return the metadata map (format, step, config, ...)
     * @throws IOException if the file is missing or not a jgan checkpoint
     */
    public static Map<String, String> metadata(Path file) throws IOException {
        Safetensors.Contents c = Safetensors.read(file);
        if (!FORMAT.equals(c.metadata().get("format")) && !"jgan-generator-1".equals(c.metadata().get("format"))) {
            throw new io.jgan.tensor.io.SafetensorsFormatException(file.toString(), "not a jgan checkpoint (no format tag " + FORMAT + ")");
        }
        return c.metadata();
    }

    /**
     * Restores a trainer (built with the checkpoint's configuration) to the saved state.
     *
     * @param t the trainer
     * @param file the checkpoint
     * @throws IOException if the file cannot be read or is not valid
     * @throws IllegalArgumentException if it does not match the trainer's models
     */
    public static void load(GanTrainer t, Path file) throws IOException {
        Safetensors.Contents c = Safetensors.read(file);
        Map<String, String> md = c.metadata();
        if (!FORMAT.equals(md.get("format"))) {
            throw new io.jgan.tensor.io.SafetensorsFormatException(file.toString(), "not a jgan training checkpoint (format "
                    + md.get("format") + ")");
        }
        loadModelTensors(t, c.tensors());
        Object rng = Json.parse(md.get("rng"));
        Map<String, long[]> states = new LinkedHashMap<>();
        if (rng instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                List<?> l = (List<?>) e.getValue();
                states.put((String) e.getKey(), new long[] {((Number) l.get(0)).longValue(), ((Number) l.get(1)).longValue()});
            }
        }
        t.restoreStreams(states);
        t.data().restore(md.get("data"));
        t.step = Long.parseLong(md.get("step"));
        t.guard().restore(Integer.parseInt(md.getOrDefault("nan_consecutive", "0")));
    }

    /**
     * @param m a module
     * @return its state dict (convenience for tests comparing runs)
     */
    public static Map<String, Tensor> stateOf(Module m) {
        return m.stateDict();
    }
}
