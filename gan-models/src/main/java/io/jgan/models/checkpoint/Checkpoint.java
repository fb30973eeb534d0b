package io.jgan.models.checkpoint;

import io.jgan.nn.Module;
import io.jgan.optim.Optimizer;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.Json;
import io.jgan.tensor.io.Safetensors;
import io.jgan.tensor.io.SafetensorsFormatException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training checkpoint in one safetensors file.
 *
 * <p>Layout: each module's state dict under its name ({@code "G.0.weight"}), or unprefixed for
 * the root module ({@code "0.weight"}), so that {@code safetensors.torch.load_file} on a file with
 * a root module alone is directly a PyTorch state dict; each optimiser's state under
 * {@code "optim.NAME."} ({@code "optim.G.exp_avg.0"}); RNG states ({@code "rng.NAME"} =
 * {@code "seed:counter"}) and user metadata as strings in {@code __metadata__}, together with
 * {@code jgan.modules} and {@code jgan.optimizers} (JSON lists of the names) so the reader knows
 * which tensors belong to whom. No Java serialisation anywhere.
 *
 * <pre>{@code
 * Checkpoint.writer().module("G", g).module("D", d).optimizer("G", optG).rng("noise", noise)
 *         .metadata("step", "1200").write(dir.resolve("step-1200.safetensors"));
 * Checkpoint c = Checkpoint.read(file);
 * c.loadModule("G", g, true);
 * c.loadOptimizer("G", optG);
 * }</pre>
 */
public final class Checkpoint {
    /** Metadata key holding the format version. */
    public static final String FORMAT_KEY = "jgan.format";
    private static final String MODULES_KEY = "jgan.modules";
    private static final String OPTIMIZERS_KEY = "jgan.optimizers";
    private static final String OPTIM_PREFIX = "optim.";
    private static final String RNG_PREFIX = "rng.";

    private final String file;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;
    private final List<String> modules;
    private final List<String> optimizers;

    private Checkpoint(String file, Safetensors.Contents contents) throws CheckpointException {
        this.file = file;
        this.tensors = contents.tensors();
        this.metadata = contents.metadata();
        if (metadata.containsKey(MODULES_KEY)) {
            this.modules = nameList(MODULES_KEY);
            this.optimizers = nameList(OPTIMIZERS_KEY);
        } else {
            // a plain state dict (e.g. written by PyTorch): everything belongs to the root module
            this.modules = List.of("");
            this.optimizers = List.of();
        }
    }

    private List<String> nameList(String key) throws CheckpointException {
        String text = metadata.get(key);
        if (text == null) {
            throw new CheckpointException(file, "metadata \"" + key + "\" is missing");
        }
        Object v;
        try {
            v = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "metadata \"" + key + "\": " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof String s) || out.contains(s)) {
                    throw new CheckpointException(file, "metadata \"" + key + "\" must be a list of distinct names, got " + text);
                }
                out.add(s);
            }
            return Collections.unmodifiableList(out);
        }
        throw new CheckpointException(file, "metadata \"" + key + "\" must be a JSON list, got " + text);
    }

    /** @return a writer for a new checkpoint */
    public static Writer writer() {
        return new Writer();
    }

    /**
     * Reads and validates a checkpoint file (see {@link Safetensors#read(Path)} for the checks).
     *
     * @param file the file
     * @return the checkpoint
     * @throws SafetensorsFormatException if the file is not valid safetensors
     * @throws CheckpointException if its jgan metadata is invalid
     * @throws IOException if it cannot be read
     */
    public static Checkpoint read(Path file) throws IOException {
        return new Checkpoint(file.toString(), Safetensors.read(file));
    }

    /**
     * @param bytes a whole checkpoint file held in memory
     * @param name a name for error messages
     * @return the checkpoint
     * @throws SafetensorsFormatException if the bytes are not valid safetensors
     * @throws CheckpointException if the jgan metadata is invalid
     */
    public static Checkpoint read(byte[] bytes, String name) throws SafetensorsFormatException, CheckpointException {
        return new Checkpoint(name, Safetensors.read(bytes, name));
    }

    /** @return every tensor by name, in file order (unmodifiable) */
    public Map<String, Tensor> tensors() {
        return Collections.unmodifiableMap(tensors);
    }

    /** @return the string metadata, including jgan's own keys (unmodifiable) */
    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    /** @param key a metadata key @return its value, or null */
    public String metadata(String key) {
        return metadata.get(key);
    }

    /** @return the names of the modules stored ("" for the root module) */
    public List<String> moduleNames() {
        return modules;
    }

    /** @return the names of the optimisers stored */
    public List<String> optimizerNames() {
        return optimizers;
    }

    /**
     * @param name a stored module's name, "" for the root module
     * @return that module's state dict, names without the module prefix
     * @throws CheckpointException if no such module is stored
     */
    public Map<String, Tensor> moduleState(String name) throws CheckpointException {
        if (!modules.contains(name)) {
            throw new CheckpointException(file, "no module \"" + name + "\" (stored: " + modules + ")");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String k = e.getKey();
            if (name.isEmpty()) {
                if (!belongsToNamed(k)) {
                    out.put(k, e.getValue());
                }
            } else if (k.startsWith(name + ".")) {
                out.put(k.substring(name.length() + 1), e.getValue());
            }
        }
        return out;
    }

    private boolean belongsToNamed(String key) {
        if (!optimizers.isEmpty() && key.startsWith(OPTIM_PREFIX)) {
            return true;
        }
        for (String m : modules) {
            if (!m.isEmpty() && key.startsWith(m + ".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Loads the root module's state (a file written with {@link Writer#module(Module)}, or a plain
     * PyTorch state dict).
     *
     * @param module the module, changed in place only on success
     * @param strict whether missing and unexpected names are errors
     * @return the missing and unexpected names
     * @throws CheckpointException naming the file and every missing, unexpected or mis-shaped tensor
     */
    public Module.LoadResult loadModule(Module module, boolean strict) throws CheckpointException {
        return loadModule("", module, strict);
    }

    /**
     * @param name the stored module's name
     * @param module the module, changed in place only on success
     * @param strict whether missing and unexpected names are errors
     * @return the missing and unexpected names
     * @throws CheckpointException naming the file and every missing, unexpected or mis-shaped tensor
     */
    public Module.LoadResult loadModule(String name, Module module, boolean strict) throws CheckpointException {
        Map<String, Tensor> state = moduleState(name);
        try {
            return module.loadStateDict(state, strict);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, (name.isEmpty() ? "" : "module \"" + name + "\": ") + e.getMessage());
        }
    }

    /**
     * @param name the stored optimiser's name
     * @param optimizer an optimiser of the same kind over parameters of the same shapes
     * @throws CheckpointException naming the file and every problem
     */
    public void loadOptimizer(String name, Optimizer optimizer) throws CheckpointException {
        if (!optimizers.contains(name)) {
            throw new CheckpointException(file, "no optimiser \"" + name + "\" (stored: " + optimizers + ")");
        }
        String prefix = OPTIM_PREFIX + name + ".";
        Map<String, Tensor> state = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                state.put(k.substring(prefix.length()), v);
            }
        });
        try {
            optimizer.loadStateDict(state);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "optimiser \"" + name + "\": " + e.getMessage());
        }
    }

    /**
     * @param name the stored generator's name
     * @return a generator continuing exactly where the saved one was
     * @throws CheckpointException if absent or malformed
     */
    public Rng rng(String name) throws CheckpointException {
        String text = metadata.get(RNG_PREFIX + name);
        if (text == null) {
            throw new CheckpointException(file, "no RNG state \"" + name + "\"");
        }
        String[] parts = text.split(":", -1);
        try {
            if (parts.length == 2) {
                return Rng.fromState(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
            }
        } catch (NumberFormatException e) {
            // reported below with the text
        }
        throw new CheckpointException(file, "RNG state \"" + name + "\" must be \"seed:counter\", got \"" + text + "\"");
    }

    /** Collects what goes into a checkpoint, then writes it atomically. */
    public static final class Writer {
        private final Map<String, Tensor> tensors = new LinkedHashMap<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final List<String> modules = new ArrayList<>();
        private final List<String> optimizers = new ArrayList<>();
        private final List<String> rootKeys = new ArrayList<>();

        private Writer() {
            metadata.put(FORMAT_KEY, "1");
        }

        /**
         * Adds the root module, unprefixed: the file is then directly a PyTorch state dict (when
         * nothing else is added).
         *
         * @param module the module
         * @return this
         */
        public Writer module(Module module) {
            return addModule("", module);
        }

        /**
         * @param name a non-empty name without dots, other than "optim"
         * @param module the module, stored under {@code name + "."}
         * @return this
         */
        public Writer module(String name, Module module) {
            checkName(name);
            if (name.equals("optim")) {
                throw new IllegalArgumentException("\"optim\" is reserved for optimiser state");
            }
            return addModule(name, module);
        }

        private Writer addModule(String name, Module module) {
            if (modules.contains(name)) {
                throw new IllegalArgumentException("module \"" + name + "\" added twice");
            }
            modules.add(name);
            module.stateDict().forEach((k, v) -> put(name.isEmpty() ? k : name + "." + k, v));
            if (name.isEmpty()) {
                rootKeys.addAll(module.stateDict().keySet());
            }
            return this;
        }

        /**
         * @param name a non-empty name without dots
         * @param optimizer the optimiser, stored under {@code "optim." + name + "."}
         * @return this
         */
        public Writer optimizer(String name, Optimizer optimizer) {
            checkName(name);
            if (optimizers.contains(name)) {
                throw new IllegalArgumentException("optimiser \"" + name + "\" added twice");
            }
            optimizers.add(name);
            optimizer.stateDict().forEach((k, v) -> put(OPTIM_PREFIX + name + "." + k, v));
            return this;
        }

        /**
         * @param name a non-empty name without dots
         * @param rng the generator whose exact state (seed and counter) is stored
         * @return this
         */
        public Writer rng(String name, Rng rng) {
            checkName(name);
            long[] s = rng.state();
            metadata.put(RNG_PREFIX + name, s[0] + ":" + s[1]);
            return this;
        }

        /**
         * @param key a key not starting with "jgan." or "rng." (reserved)
         * @param value the value
         * @return this
         */
        public Writer metadata(String key, String value) {
            if (key.startsWith("jgan.") || key.startsWith(RNG_PREFIX)) {
                throw new IllegalArgumentException("metadata key \"" + key + "\" is reserved");
            }
            if (value == null) {
                throw new IllegalArgumentException("metadata value of \"" + key + "\" is null");
            }
            metadata.put(key, value);
            return this;
        }

        private void put(String name, Tensor t) {
            if (tensors.putIfAbsent(name, t) != null) {
                throw new IllegalArgumentException("two tensors named \"" + name + "\" in one checkpoint");
            }
        }

        private static void checkName(String name) {
            if (name == null || name.isEmpty() || name.contains(".")) {
                throw new IllegalArgumentException("a checkpoint entry name must be non-empty without dots, got \"" + name + "\"");
            }
        }

        /** @return the file's bytes */
        public byte[] toBytes() {
            // the reader attributes keys by prefix, so a root key must not look like another entry's
            for (String k : rootKeys) {
                for (String m : modules) {
                    if (!m.isEmpty() && k.startsWith(m + ".")) {
                        throw new IllegalArgumentException("root module key \"" + k + "\" clashes with module \"" + m + "\"");
                    }
                }
                if (!optimizers.isEmpty() && k.startsWith(OPTIM_PREFIX)) {
                    throw new IllegalArgumentException("root module key \"" + k + "\" clashes with the optimiser prefix");
                }
            }
            Map<String, String> md = new LinkedHashMap<>(metadata);
            md.put(MODULES_KEY, Json.write(modules));
            md.put(OPTIMIZERS_KEY, Json.write(optimizers));
            return Safetensors.toBytes(tensors, md);
        }

        /**
         * Writes the checkpoint atomically (temp file, fsync, rename).
         *
         * @param file the target
         * @throws IOException if writing fails (an existing file is then untouched)
         */
        public void write(Path file) throws IOException {
            Safetensors.writeAtomically(file, toBytes());
        }
    }
}
