package io.jgan.train;

import io.jgan.models.checkpoint.CheckpointException;
import io.jgan.nn.Module;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.Json;
import io.jgan.tensor.io.Safetensors;
import io.jgan.train.spec.RunSpec;

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
    /** The metadata key saying why a run stopped, present only when it diverged. */
    static final String STOPPED = "stopped";
    private static final String DIVERGED = "diverged";

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
     * Writes the training state and {@code generator.safetensors} beside it as one
     * ({@link CheckpointPair}): after a crash the directory holds the old pair or the new one.
     *
     * @param t the trainer
     * @param file the checkpoint path
     * @return false (and nothing written) if the state is not finite
     * @throws IOException if writing fails
     */
    public static boolean save(GanTrainer t, Path file) throws IOException {
        Map<String, Tensor> tensors = modelTensors(t);
        if (!allFinite(tensors)) {
            return false;
        }
        Map<String, Tensor> gState = t.generator().stateDict();
        if (t.ema() != null) {
            gState = new LinkedHashMap<>(gState);
            gState.putAll(t.ema().shadow());
        }
        Map<String, String> gmd = new LinkedHashMap<>();
        gmd.put("format", GENERATOR_FORMAT);
        gmd.put("config", t.spec().toJson());
        gmd.put("step", Long.toString(t.stepCount()));
        gmd.put("ema", Boolean.toString(t.ema() != null));
        Path dir = file.toAbsolutePath().getParent();
        // generator first: the training state, which resume reads, is the last file moved into place
        CheckpointPair.write(dir, List.of(new CheckpointPair.Member("generator.safetensors", gState, gmd),
                new CheckpointPair.Member(file.getFileName().toString(), tensors, stateMetadata(t))));
        return true;
    }

    /**
     * Writes the training state alone, atomically (periodic {@code step-NNNNNN.safetensors} files).
     *
     * @param t the trainer
     * @param file the checkpoint path
     * @return false (and nothing written) if the state is not finite
     * @throws IOException if writing fails
     */
    public static boolean saveState(GanTrainer t, Path file) throws IOException {
        Map<String, Tensor> tensors = modelTensors(t);
        if (!allFinite(tensors)) {
            return false;
        }
        Safetensors.write(file, tensors, stateMetadata(t));
        return true;
    }

    private static boolean allFinite(Map<String, Tensor> tensors) {
        for (Tensor v : tensors.values()) {
            if (!v.allFinite()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> stateMetadata(GanTrainer t) {
        Map<String, String> md = new LinkedHashMap<>();
        md.put("format", FORMAT);
        md.put("step", Long.toString(t.stepCount()));
        md.put("config", t.spec().toJson());
        Map<String, Object> streams = new LinkedHashMap<>();
        t.streamStates().forEach((k, v) -> streams.put(k, List.of(v[0], v[1])));
        md.put("rng", Json.write(streams));
        md.put("data", t.data().state());
        md.put("nan_consecutive", Integer.toString((Integer) t.guard().state().get("consecutive")));
        if (t.guard().diverged()) {
            md.put(STOPPED, DIVERGED);
        }
        return md;
    }

    /**
     * @param md a checkpoint's metadata
     * @return true if the run stopped because training diverged (its learning rates may then change on resume)
     */
    public static boolean diverged(Map<String, String> md) {
        return DIVERGED.equals(md.get(STOPPED));
    }

    /**
     * Reads only the configuration and step of a checkpoint (to rebuild the models before loading),
     * checking the jgan metadata's types and ranges.
     *
     * @param file the checkpoint
     * @return the metadata map (format, step, config, ...)
     * @throws IOException if the file is missing, not valid safetensors
     *     ({@link io.jgan.tensor.io.SafetensorsFormatException}) or not a valid jgan checkpoint ({@link CheckpointException})
     */
    public static Map<String, String> metadata(Path file) throws IOException {
        Safetensors.Contents c = Safetensors.read(file);
        Map<String, String> md = c.metadata();
        String format = md.get("format");
        if (!FORMAT.equals(format) && !GENERATOR_FORMAT.equals(format)) {
            throw new CheckpointException(file.toString(), "not a jgan checkpoint (no format tag " + FORMAT + ")");
        }
        step(file.toString(), md);
        config(file.toString(), md);
        return md;
    }

    /** The format tag of {@code generator.safetensors}. */
    public static final String GENERATOR_FORMAT = "jgan-generator-1";

    /**
     * @param file the checkpoint's name, for messages
     * @param md its metadata
     * @return the step: a plain non-negative decimal integer
     * @throws CheckpointException if it is missing or malformed
     */
    public static long step(String file, Map<String, String> md) throws CheckpointException {
        String text = md.get("step");
        if (text == null) {
            throw new CheckpointException(file, "metadata \"step\" is missing");
        }
        long step;
        try {
            step = Json.parseLongStrict(text, "metadata \"step\"");
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, e.getMessage());
        }
        if (step < 0) {
            throw new CheckpointException(file, "metadata \"step\" must be >= 0, got " + step);
        }
        return step;
    }

    /**
     * @param file the checkpoint's name, for messages
     * @param md its metadata
     * @return the run's configuration, validated
     * @throws CheckpointException if it is missing or not a valid configuration
     */
    public static RunSpec config(String file, Map<String, String> md) throws CheckpointException {
        String json = md.get("config");
        if (json == null) {
            throw new CheckpointException(file, "metadata \"config\" is missing");
        }
        try {
            return RunSpec.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "metadata \"config\": " + e.getMessage());
        }
    }

    /** The random streams' states: a JSON object of name -> [seed, counter]. */
    private static Map<String, long[]> streams(String file, Map<String, String> md) throws CheckpointException {
        String text = md.get("rng");
        if (text == null) {
            throw new CheckpointException(file, "metadata \"rng\" is missing");
        }
        Object rng;
        try {
            rng = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "metadata \"rng\": " + e.getMessage());
        }
        if (!(rng instanceof Map<?, ?> m)) {
            throw new CheckpointException(file, "metadata \"rng\" must be a JSON object of stream states");
        }
        Map<String, long[]> states = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String what = "metadata \"rng\" stream \"" + e.getKey() + "\"";
            if (!(e.getValue() instanceof List<?> l) || l.size() != 2) {
                throw new CheckpointException(file, what + " must be [seed, counter]");
            }
            try {
                states.put((String) e.getKey(), new long[] {Json.longValue(l.get(0), what + " seed"), Json.longValue(l.get(1), what + " counter")});
            } catch (IllegalArgumentException ex) {
                throw new CheckpointException(file, ex.getMessage());
            }
        }
        return states;
    }

    /**
     * Restores a trainer (built with the checkpoint's configuration) to the saved state. Every
     * metadata value is checked before the trainer is touched.
     *
     * @param t the trainer
     * @param file the checkpoint
     * @throws IOException if the file cannot be read, is not valid safetensors, or is not a valid
     *     checkpoint for this trainer ({@link CheckpointException})
     */
    public static void load(GanTrainer t, Path file) throws IOException {
        Safetensors.Contents c = Safetensors.read(file);
        Map<String, String> md = c.metadata();
        String name = file.toString();
        if (!FORMAT.equals(md.get("format"))) {
            throw new CheckpointException(name, "not a jgan training checkpoint (format " + md.get("format") + ")");
        }
        long step = step(name, md);
        config(name, md);
        Map<String, long[]> states = streams(name, md);
        String data = md.get("data");
        if (data == null) {
            throw new CheckpointException(name, "metadata \"data\" is missing");
        }
        int consecutive;
        try {
            long v = Json.parseLongStrict(md.getOrDefault("nan_consecutive", "0"), "metadata \"nan_consecutive\"");
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("metadata \"nan_consecutive\" must be between 0 and " + Integer.MAX_VALUE + ", got " + v);
            }
            consecutive = (int) v;
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(name, e.getMessage());
        }
        for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
            if (!e.getValue().allFinite()) {
                throw new CheckpointException(name, "tensor \"" + e.getKey() + "\" holds NaN or infinite values");
            }
        }
        try {
            loadModelTensors(t, c.tensors());
            t.restoreStreams(states);
            t.data().restore(data);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(name, e.getMessage());
        }
        t.step = step;
        t.guard().restore(consecutive);
    }

    /**
     * @param m a module
     * @return its state dict (convenience for tests comparing runs)
     */
    public static Map<String, Tensor> stateOf(Module m) {
        return m.stateDict();
    }
}
