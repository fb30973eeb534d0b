package io.jgan.cli;

import io.jgan.models.Generator;
import io.jgan.models.Models;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.SafetensorsFormatException;
import io.jgan.tensor.io.Safetensors;
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
     * @throws IOException if the file is missing, unreadable or not a jgan checkpoint
     * @throws IllegalArgumentException if its tensors do not fit the models its configuration names
     */
    static LoadedGenerator load(Path path) throws IOException {
        Path file = path;
        if (Files.isDirectory(path)) {
            Path ckpt = path.resolve("checkpoints");
            file = Files.isRegularFile(ckpt.resolve("last.safetensors")) ? ckpt.resolve("last.safetensors") : ckpt.resolve("generator.safetensors");
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(ckpt.resolve("last.safetensors").toString(), null, "not a run directory with a checkpoint");
            }
        }
        Safetensors.Contents c = Safetensors.read(file);
        String format = c.metadata().get("format");
        String json = c.metadata().get("config");
        if (json == null || !(TrainerState.FORMAT.equals(format) || "jgan-generator-1".equals(format))) {
            throw new SafetensorsFormatException(file.toString(), "not a jgan checkpoint (no jgan format tag and configuration)");
        }
        RunSpec cfg = RunSpec.fromJson(json);
        Generator g = Models.create(cfg.model(), cfg.shape(), new Rng(cfg.seed()).split("init")).generator();
        boolean ema;
        Map<String, Tensor> weights;
        if (TrainerState.FORMAT.equals(format)) {
            weights = new LinkedHashMap<>();
            Map<String, Tensor> averaged = new LinkedHashMap<>();
            c.tensors().forEach((k, v) -> {
                if (k.startsWith("G.")) {
                    weights.put(k.substring(2), v);
                } else if (k.startsWith("ema.")) {
                    averaged.put(k.substring(4), v);
                }
            });
            weights.putAll(averaged); // the EMA shadows G's parameters under the same names
            ema = !averaged.isEmpty();
        } else {
            weights = c.tensors();
            ema = Boolean.parseBoolean(c.metadata().getOrDefault("ema", "false"));
        }
        g.loadStateDict(weights, true);
        g.eval();
        long step = Long.parseLong(c.metadata().getOrDefault("step", "0"));
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
        return GanTrainer.sample(generator, null, z, labels);
    }

    /**
     * Labels for N samples: all {@code klass} when given, else cycling through the classes.
     *
     * @param n how many
     * @param klass the class, or null
     * @return the labels, or null for unconditional models
     * @throws IllegalArgumentException if a class is given to an unconditional model or is out of range
     */
    int[] labels(int n, Integer klass) {
        if (!generator.conditional()) {
            if (klass != null) {
                throw new IllegalArgumentException("--class needs a conditional model (cdcgan, cmlp), this checkpoint is --model " + config.model().kind());
            }
            return null;
        }
        int k = config.numClasses();
        if (klass != null && (klass < 0 || klass >= k)) {
            throw new IllegalArgumentException("--class must be in 0.." + (k - 1) + ", got " + klass);
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = klass != null ? klass : i % k;
        }
        return y;
    }
}
