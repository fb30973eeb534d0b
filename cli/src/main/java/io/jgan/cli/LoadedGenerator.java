package io.jgan.cli;

import io.jgan.models.Generator;
import io.jgan.models.Models;
import io.jgan.models.checkpoint.CheckpointException;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.Safetensors;
import io.jgan.train.CheckpointPair;
import io.jgan.train.GanTrainer;
import io.jgan.train.spec.RunSpec;
import io.jgan.train.TrainerState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained generator rebuilt from a checkpoint, for {@code sample} and {@code interpolate}: the
 * models come from the configuration in the file's metadata, the weights from its tensors (the
 * EMA weights when the run kept an average, as they are the better samples).
 *
 * @param generator G, in eval mode
 * @param config the run's configuration
 * @param step the step the checkpoint was written at
 * @param ema whether the weights are the EMA ones
 * @param file the file read
 */
record LoadedGenerator(Generator generator, RunSpec config, long step, boolean ema, Path file) {

    /**
     * @param path a training checkpoint, a {@code generator.safetensors}, or a run directory
     * @return the generator
     * @throws IOException if the file is missing, unreadable, not a jgan checkpoint, or holds
     *     malformed metadata, tensors that do not fit the models its configuration names, or
     *     non-finite weights ({@link CheckpointException}, naming the first such tensor)
     */
    static LoadedGenerator load(Path path) throws IOException {
        return load(path, true);
    }

    /**
     * @param path a checkpoint file or a run directory
     * @param preferEma use the EMA weights when the checkpoint holds them (false: the trained weights,
     *                  which only a training checkpoint holds beside the average)
     * @return the generator
     * @throws IOException as {@link #load(Path)}; a {@link UserError} for trained weights asked of a file holding only the EMA
     */
    static LoadedGenerator load(Path path, boolean preferEma) throws IOException {
        Path file = path;
        if (Files.isDirectory(path)) {
            Path ckpt = path.resolve("checkpoints");
            // A pair whose commit a crash interrupted is read where it is; only the training process moves it.
            Path last = CheckpointPair.resolve(ckpt, "last.safetensors");
            file = Files.isRegularFile(last) ? last : CheckpointPair.resolve(ckpt, "generator.safetensors");
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(ckpt.resolve("last.safetensors").toString(), null, "not a run directory with a checkpoint");
            }
        }
        // A training checkpoint also holds the critic and both optimisers' state: a sampler never reads them.
        return from(Safetensors.read(file, name -> !(name.startsWith("D.") || name.startsWith("optG.") || name.startsWith("optD."))), file,
                preferEma);
    }

    /**
     * @param c a checkpoint's contents
     * @param file where they were read from, for messages
     * @return the generator
     * @throws CheckpointException if the contents are not a valid jgan checkpoint with finite weights
     */
    static LoadedGenerator from(Safetensors.Contents c, Path file) throws CheckpointException {
        return from(c, file, true);
    }

    /**
     * @param c a checkpoint's contents
     * @param file where they were read from, for messages
     * @param preferEma use the EMA weights when present
     * @return the generator
     * @throws CheckpointException if the contents are not a valid jgan checkpoint with finite weights
     */
    static LoadedGenerator from(Safetensors.Contents c, Path file, boolean preferEma) throws CheckpointException {
        String name = file.toString();
        Map<String, String> md = c.metadata();
        String format = md.get("format");
        if (!(TrainerState.FORMAT.equals(format) || TrainerState.GENERATOR_FORMAT.equals(format))) {
            throw new CheckpointException(name, "not a jgan checkpoint (no jgan format tag and configuration)");
        }
        RunSpec cfg = TrainerState.config(name, md);
        long step = TrainerState.step(name, md);
        Generator g;
        try {
            g = Models.create(cfg.model(), cfg.shape(), new Rng(cfg.seed()).split("init")).generator();
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(name, "metadata \"config\" does not describe a model: " + e.getMessage());
        }
        boolean ema;
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, String> stored = new LinkedHashMap<>(); // the name in the file of each weight, for messages
        if (TrainerState.FORMAT.equals(format)) {
            Map<String, Tensor> averaged = new LinkedHashMap<>();
            c.tensors().forEach((k, v) -> {
                if (k.startsWith("G.")) {
                    weights.put(k.substring(2), v);
                    stored.putIfAbsent(k.substring(2), k);
                } else if (k.startsWith("ema.")) {
                    averaged.put(k.substring(4), v);
                }
            });
            for (Map.Entry<String, Tensor> e : averaged.entrySet()) {
                // the trained weights the average replaces are checked too: a damaged file is refused whichever is sampled
                if (preferEma && !weights.getOrDefault(e.getKey(), e.getValue()).allFinite()) {
                    throw new CheckpointException(name, "tensor \"G." + e.getKey() + "\" holds NaN or infinite values"
                            + " (the run diverged, or the file is damaged)");
                }
            }
            if (preferEma) {
                averaged.forEach((k, v) -> stored.put(k, "ema." + k));
                weights.putAll(averaged); // the EMA shadows G's parameters under the same names
            }
            ema = preferEma && !averaged.isEmpty();
        } else {
            weights.putAll(c.tensors());
            weights.keySet().forEach(k -> stored.put(k, k));
            String flag = md.getOrDefault("ema", "false");
            if (!flag.equals("true") && !flag.equals("false")) {
                throw new CheckpointException(name, "metadata \"ema\" must be true or false, got \"" + flag + "\"");
            }
            ema = flag.equals("true");
            if (ema && !preferEma) {
                throw new UserError(name + " holds only the EMA weights; the trained ones are in the run's last.safetensors");
            }
        }
        for (Map.Entry<String, Tensor> e : weights.entrySet()) {
            if (!e.getValue().allFinite()) {
                // Samples from such weights are NaN (an all-black grid): refuse rather than write them.
                throw new CheckpointException(name, "tensor \"" + stored.get(e.getKey()) + "\" holds NaN or infinite values"
                        + " (the run diverged, or the file is damaged)");
            }
        }
        try {
            g.loadStateDict(weights, true);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(name, e.getMessage());
        }
        g.eval();
        return new LoadedGenerator(g, cfg, step, ema, file);
    }

    /** @return true when the generator makes 2-D points rather than images */
    boolean pointsOnly() {
        return generator.sampleShape().length == 1;
    }

    /**
     * @param z latent codes [N, latent]
     * @param labels labels (conditional models) or null
     * @return samples [N, ...]
     */
    Tensor sample(Tensor z, int[] labels) {
        return GanTrainer.sample(generator, null, z, labels, io.jgan.train.SamplingNorm.STANDING);
    }

    /**
     * @param z latent codes
     * @param labels labels (conditional models) or null
     * @param norm which batch-norm statistics normalise
     * @return samples [N, ...]
     */
    Tensor sample(Tensor z, int[] labels, io.jgan.train.SamplingNorm norm) {
        return GanTrainer.sample(generator, null, z, labels, norm);
    }

    /**
     * Labels for N samples: all {@code klass} when given, else cycling through the classes.
     *
     * @param n how many
     * @param klass the class, or null
     * @return the labels, or null for unconditional models
     * @throws UserError if a class is given to an unconditional model or is out of range
     */
    int[] labels(int n, Integer klass) {
        return labels(0, n, klass);
    }

    /**
     * The labels of samples {@code from} .. {@code from + n - 1} of a longer draw.
     *
     * @param from the first sample's index
     * @param n how many
     * @param klass the class, or null
     * @return the labels, or null for unconditional models
     * @throws UserError if a class is given to an unconditional model or is out of range
     */
    int[] labels(long from, int n, Integer klass) {
        if (!generator.conditional()) {
            if (klass != null) {
                throw new UserError("--class needs a conditional model (cdcgan, cmlp), this checkpoint is --model " + config.model().kind());
            }
            return null;
        }
        int k = config.numClasses();
        if (klass != null && (klass < 0 || klass >= k)) {
            throw new UserError("--class must be in 0.." + (k - 1) + ", got " + klass);
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = klass != null ? klass : (int) ((from + i) % k);
        }
        return y;
    }
}
