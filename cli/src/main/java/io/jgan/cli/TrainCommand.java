package io.jgan.cli;

import io.jgan.cli.data.TrainData;
import io.jgan.cli.report.LiveReport;
import io.jgan.datasets.Split;
import io.jgan.eval.Classifier;
import io.jgan.eval.ImageEvaluator;
import io.jgan.eval.PeriodicEval;
import io.jgan.losses.GanLosses;
import io.jgan.models.Models;
import io.jgan.tensor.Backend;
import io.jgan.tensor.Parallel;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.train.BatchSource;
import io.jgan.train.GanTrainer;
import io.jgan.train.TrainConfig;
import io.jgan.train.TrainLoop;
import io.jgan.train.TrainerState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code jgan train}: assembles a run from options (over the recipe defaults, a {@code --config}
 * file, or a run being resumed), trains it and leaves a run directory.
 *
 * <p>Options are boxed and null when absent, so that only what the user typed overrides the base
 * configuration: that is what lets a run's {@code config.json} reproduce it and explicit options
 * override it.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a GAN and write a run directory (config.json, metrics.jsonl, samples/, loss.png, checkpoints/, report.html,"
                + " a TensorBoard event file).",
                "With no options: DCGAN, non-saturating loss, the bundled MNIST test images, " + TrainCommand.DEFAULT_STEPS + " steps."})
final class TrainCommand implements Callable<Integer> {
    /** Steps of a run that names neither --steps nor --epochs: a few minutes on 2 cores for the default DCGAN. */
    static final long DEFAULT_STEPS = 500;

    @ParentCommand
    Main main;

    @Option(names = "--model", paramLabel = "NAME", description = "mlp, dcgan, dcgan-keras, cdcgan, cmlp, toy (default dcgan)")
    String model;
    @Option(names = "--loss", paramLabel = "NAME", description = "ns, minimax, wgan, wgan-gp, hinge, lsgan, fgan:DIVERGENCE (default ns)")
    String loss;
    @Option(names = "--dataset", paramLabel = "NAME", description = "mnist, fashion-mnist, cifar10, cifar100, folder, ring8, grid25, swissroll (default mnist)")
    String dataset;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "the data directory (mnist without it: the bundled test images)")
    String dataDir;
    @Option(names = "--steps", paramLabel = "N", description = "generator steps to train to (default " + DEFAULT_STEPS + " unless --epochs)")
    Long steps;
    @Option(names = "--epochs", paramLabel = "N", description = "passes over the data (instead of --steps)")
    Integer epochs;
    @Option(names = "--time-limit", paramLabel = "DURATION", converter = Durations.class,
            description = "stop cleanly after this long, e.g. 90s, 10m, 2h (final checkpoint and grid)")
    Long timeLimit;
    @Option(names = "--batch-size", paramLabel = "N", description = "samples per batch (default 64)")
    Integer batchSize;
    @Option(names = "--lr", paramLabel = "RATE", description = "learning rate of both networks (default: the recipe's)")
    Double lr;
    @Option(names = "--lr-g", paramLabel = "RATE", description = "generator learning rate")
    Double lrG;
    @Option(names = "--lr-d", paramLabel = "RATE", description = "discriminator learning rate")
    Double lrD;
    @Option(names = "--beta1", paramLabel = "B", description = "Adam beta1 (default 0.5)")
    Double beta1;
    @Option(names = "--beta2", paramLabel = "B", description = "Adam beta2 (default 0.999; 0.9 for wgan-gp)")
    Double beta2;
    @Option(names = "--optimizer", paramLabel = "NAME", description = "adam, rmsprop, sgd (default adam; rmsprop for wgan)")
    String optimizer;
    @Option(names = "--n-critic", paramLabel = "N", description = "critic steps per generator step (default 1; 5 for wgan, wgan-gp)")
    Integer nCritic;
    @Option(names = "--critic-norm", paramLabel = "NORM", description = "batch, layer, none (default: the model's; none with a gradient penalty)")
    String criticNorm;
    @Option(names = "--gp-lambda", paramLabel = "L", description = "gradient-penalty weight for wgan-gp (default 10)")
    Double gpLambda;
    @Option(names = "--r1-gamma", paramLabel = "G", description = "R1 penalty weight (default 0: off)")
    Double r1Gamma;
    @Option(names = "--clip", paramLabel = "C", description = "critic weight clipping (default 0.01 for wgan, else off)")
    Double clip;
    @Option(names = "--label-smoothing", paramLabel = "T", description = "real-label target for ns/minimax, e.g. 0.9 (default 1: none)")
    Double labelSmoothing;
    @Option(names = "--label-flip", paramLabel = "P", description = "probability of flipping a discriminator label (default 0)")
    Double labelFlip;
    @Option(names = "--instance-noise", paramLabel = "SIGMA", description = "initial std of noise added to D's inputs (default 0)")
    Double instanceNoise;
    @Option(names = "--ema", paramLabel = "DECAY", description = "generator EMA decay, e.g. 0.999 (default 0: off)")
    Double ema;
    @Option(names = "--image-size", paramLabel = "N", description = "image side for --dataset folder (default 64); others use the data's")
    Integer imageSize;
    @Option(names = "--grayscale", description = "load --dataset folder images with one channel")
    boolean grayscale;
    @Option(names = "--latent", paramLabel = "N", description = "latent size (default: the model's)")
    Integer latent;
    @Option(names = "--seed", paramLabel = "S", description = "seed of every random stream (default 42)")
    Long seed;
    @Option(names = "--threads", paramLabel = "N", description = "compute threads (default: all cores)")
    Integer threads;
    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default runs/MODEL-LOSS-DATASET-TIME)")
    Path out;
    @Option(names = "--resume", paramLabel = "RUN_DIR", arity = "0..1", fallbackValue = "",
            description = "continue a run (RUN_DIR or --out) to the new total")
    String resume;
    @Option(names = "--sample-every", paramLabel = "N", description = "steps between sample grids (default 200)")
    Integer sampleEvery;
    @Option(names = "--checkpoint-every", paramLabel = "N", description = "steps between periodic checkpoints (default 1000)")
    Integer checkpointEvery;
    @Option(names = "--log-every", paramLabel = "N", description = "steps between metric lines (default 10)")
    Integer logEvery;
    @Option(names = "--config", paramLabel = "FILE", description = "a run's config.json to start from; explicit options override it")
    Path config;
    @Option(names = {"-q", "--quiet"}, description = "print only the run directory")
    boolean quiet;
    @Option(names = "--eval-every", paramLabel = "N", description = "score the generator every N steps into eval.jsonl (FID, KID, IS,"
            + " precision/recall against the test split; " + EvalData.SUPPORTED + "; default 0: never)")
    long evalEvery;
    @Option(names = "--eval-samples", paramLabel = "N", description = "samples per --eval-every evaluation (default 2000)")
    int evalSamples = 2000;
    @Option(names = "--classifier", paramLabel = "FILE", description = "the classifier for --eval-every (default: the shipped MNIST one)")
    Path classifier;

    /** Keys a resumed run may change: how long it runs and what it writes, never what it computes. */
    private static final List<String> RESUMABLE = List.of("steps", "epochs", "timeLimitSeconds", "sampleEvery", "checkpointEvery", "logEvery");

    @Override
    public Integer call() throws IOException {
        PrintStream stdout = main.out();
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
            Parallel.setThreads(threads);
        }
        Path checkpoint = null;
        Path runDir;
        TrainConfig base;
        List<Object> given = givenOptions();
        if (resume != null) {
            runDir = resumeDir();
            checkpoint = runDir.resolve("checkpoints").resolve("last.safetensors");
            if (!Files.isRegularFile(checkpoint)) {
                throw new NoSuchFileException(checkpoint.toString(), null, "no checkpoint to resume from");
            }
            if (config != null) {
                throw new IllegalArgumentException("--config cannot be combined with --resume: a resumed run keeps its own configuration");
            }
            for (int i = 0; i < given.size(); i += 2) {
                if (!RESUMABLE.contains((String) given.get(i))) {
                    throw new IllegalArgumentException("--" + kebab((String) given.get(i)) + " cannot change when resuming; only the length"
                            + " and output cadence can (start a new run with --config " + runDir.resolve("config.json") + ")");
                }
            }
            base = TrainConfig.fromJson(TrainerState.metadata(checkpoint).get("config"));
        } else {
            base = config != null ? TrainConfig.fromJson(Files.readString(config)) : TrainConfig.defaults();
            runDir = null;
        }
        TrainConfig cfg = given.isEmpty() ? base : base.with(given.toArray());
        checkNames(cfg);
        boolean folder = cfg.dataset().equals("folder");
        boolean folderBase = config != null && base.dataset().equals("folder") || resume != null;
        int folderSize = imageSize != null ? imageSize : folderBase ? base.imageSize() : 64;
        boolean gray = grayscale || folderBase && base.channels() == 1;
        if (folder && folderSize <= 0) {
            throw new IllegalArgumentException("--image-size must be positive, got " + folderSize);
        }
        TrainData data = TrainData.open(cfg.dataset(), cfg.dataDir(), folderSize, gray);
        cfg = fitToData(cfg, data);
        ImageEvaluator evaluator = evaluator(cfg);
        if (cfg.steps() == 0 && cfg.epochs() == 0) {
            cfg = cfg.with("steps", DEFAULT_STEPS);
        }
        cfg = cfg.validate().resolved();
        if (runDir == null) {
            runDir = newRunDir(cfg);
        }
        Models.Pair nets = Models.create(cfg, new Rng(cfg.seed()).split("init"));
        BatchSource source = data.source(cfg);
        try {
            return train(cfg, data, nets, source, runDir, checkpoint, stdout, evaluator);
        } catch (IOException | RuntimeException e) {
            throw new Errors.InRunException(runDir, e);
        } finally {
            if (source instanceof Closeable c) {
                c.close();
            }
        }
    }

    /**
     * Builds the metrics for {@code --eval-every} before training starts, so a missing test split or
     * classifier fails at once rather than at the first evaluation.
     */
    private ImageEvaluator evaluator(TrainConfig cfg) throws IOException {
        if (evalEvery < 0) {
            throw new IllegalArgumentException("--eval-every must be >= 0, got " + evalEvery);
        }
        if (evalEvery == 0) {
            if (classifier != null) {
                throw new IllegalArgumentException("--classifier is for --eval-every N");
            }
            return null;
        }
        if (evalSamples < 10) {
            throw new IllegalArgumentException("--eval-samples must be at least 10, got " + evalSamples);
        }
        Classifier c = EvalData.classifier(cfg.dataset(), classifier);
        EvalData.Images test = EvalData.load(cfg.dataset(), cfg.dataDir() == null ? null : Path.of(cfg.dataDir()), Split.TEST);
        ImageEvaluator.Options defaults = ImageEvaluator.Options.defaults();
        // A tenth of the KID subsets keeps an evaluation during training to seconds.
        ImageEvaluator.Options o = new ImageEvaluator.Options(10, Math.min(defaults.kidSubsetSize(), evalSamples), defaults.isSplits(),
                defaults.k(), defaults.batch(), defaults.seed());
        return new ImageEvaluator(c, test.images().images(0, test.images().size()), o);
    }

    private int train(TrainConfig cfg, TrainData data, Models.Pair nets, BatchSource source, Path runDir, Path checkpoint,
                      PrintStream stdout, ImageEvaluator evaluator) throws IOException {
        GanTrainer trainer = new GanTrainer(cfg, nets.generator(), nets.critic(), source);
        if (checkpoint != null) {
            TrainerState.load(trainer, checkpoint);
        }
        long total = totalSteps(trainer.config(), data);
        long start = trainer.stepCount();
        if (!quiet) {
            header(trainer, data, total, runDir, stdout);
        }
        if (start >= total) {
            if (!quiet) {
                stdout.println("the run is already at step " + start + " of " + total + ": nothing to do (raise --steps to continue)");
            }
            stdout.println("run directory: " + runDir);
            return Main.OK;
        }
        Files.createDirectories(runDir);
        io.jgan.cli.output.AtomicFiles.writeString(runDir.resolve("config.json"), trainer.config().toJson() + "\n");
        int n = gridSamples(trainer);
        Tensor real = data.toy() == null ? null : data.toyPoints(cfg.seed()).slice(0, 1000);
        long t0 = System.nanoTime();
        String reason;
        TrainOutput output;
        try (Progress progress = Progress.create(stdout, main.err(), quiet, start, total);
             LiveReport live = LiveReport.open(runDir, start)) {
            output = new TrainOutput(runDir, progress, gridRow(trainer, n), data.toy(), real);
            if (checkpoint != null) {
                output.loadHistory(start);
            }
            TrainLoop.Listener listener = live.after(output); // report.html and the TensorBoard event file
            if (evaluator != null) {
                EvalCommand.checkShape(trainer.generator().sampleShape(), evaluator.classifier().config());
                listener = new PeriodicEval(evaluator, evalEvery, evalSamples, runDir.resolve(PeriodicEval.FILE_NAME), listener,
                        quiet ? null : line -> progress.note("eval " + io.jgan.tensor.io.Json.write(line)));
            }
            reason = TrainLoop.run(trainer, new TrainLoop.Options(total, cfg.timeLimitSeconds(), runDir, n), listener);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long done = trainer.stepCount() - start;
        if (!quiet) {
            stdout.printf(Locale.ROOT, "%s: %d steps in %s (%.3f s/step), at step %d of %d%n",
                    reason.equals("time-limit") ? "stopped at the time limit" : "done", done, Durations.format(secs),
                    secs / Math.max(1, done), trainer.stepCount(), total);
            if (output.lastGrid() != null) {
                stdout.println("samples: " + output.lastGrid());
            }
            stdout.println("checkpoint: " + runDir.resolve("checkpoints").resolve("last.safetensors"));
            stdout.println("report: " + runDir.resolve(io.jgan.cli.report.ReportPage.FILE_NAME) + " (or: tensorboard --logdir "
                    + (runDir.getParent() != null ? runDir.getParent() : Path.of(".")) + ")");
        }
        stdout.println("run directory: " + runDir);
        return Main.OK;
    }

    private void header(GanTrainer t, TrainData data, long total, Path runDir, PrintStream o) {
        TrainConfig c = t.config();
        o.printf(Locale.ROOT, "jgan train: %s / %s on %s%n", c.model(), c.loss(), data.description());
        o.printf(Locale.ROOT, "  %d steps%s, batch %d, %s lr_g %.3g lr_d %.3g, n_critic %d, latent %d%s%n", total,
                c.timeLimitSeconds() > 0 ? " (time limit " + Durations.format(c.timeLimitSeconds()) + ")" : "", c.batchSize(),
                c.optimizer(), c.lrG(), c.lrD(), c.nCritic(), t.generator().latentDim(), c.emaDecay() > 0 ? ", ema " + c.emaDecay() : "");
        o.printf(Locale.ROOT, "  seed %d, %d threads, SIMD %s (%s)%n", c.seed(), Parallel.threads(), Backend.simd() ? "on" : "off",
                Backend.species());
        if (t.stepCount() > 0) {
            o.println("  resuming from step " + t.stepCount());
        }
        o.println("  run directory " + runDir);
    }

    /** The option values the user typed, as TrainConfig key/value pairs. */
    private List<Object> givenOptions() {
        List<Object> kv = new ArrayList<>();
        // 0 means "not set" inside the config (the recipe's default length), so a typed 0 is refused here.
        if (steps != null && steps <= 0) {
            throw new IllegalArgumentException("--steps must be positive, got " + steps);
        }
        if (epochs != null && epochs <= 0) {
            throw new IllegalArgumentException("--epochs must be positive, got " + epochs);
        }
        put(kv, "model", model);
        put(kv, "loss", loss == null ? null : loss.trim().toLowerCase(Locale.ROOT));
        put(kv, "dataset", dataset);
        put(kv, "dataDir", dataDir);
        put(kv, "steps", steps);
        put(kv, "epochs", epochs);
        if (steps != null && epochs == null) {
            put(kv, "epochs", 0); // --steps wins over a base config's epochs
        } else if (epochs != null && steps == null) {
            put(kv, "steps", 0L);
        } else if (steps != null) {
            throw new IllegalArgumentException("give --steps or --epochs, not both");
        }
        put(kv, "timeLimitSeconds", timeLimit);
        put(kv, "batchSize", batchSize);
        if (lr != null && !(lr > 0)) {
            throw new IllegalArgumentException("--lr must be > 0, got " + lr);
        }
        put(kv, "lrG", lrG != null ? lrG : lr);
        put(kv, "lrD", lrD != null ? lrD : lr);
        put(kv, "beta1", beta1);
        put(kv, "beta2", beta2);
        put(kv, "optimizer", optimizer);
        put(kv, "nCritic", nCritic);
        put(kv, "criticNorm", criticNorm);
        put(kv, "gpLambda", gpLambda);
        put(kv, "r1Gamma", r1Gamma);
        put(kv, "clip", clip);
        put(kv, "labelSmoothing", labelSmoothing);
        put(kv, "labelFlip", labelFlip);
        put(kv, "instanceNoise", instanceNoise);
        put(kv, "emaDecay", ema);
        put(kv, "latent", latent);
        put(kv, "seed", seed);
        put(kv, "sampleEvery", sampleEvery);
        put(kv, "checkpointEvery", checkpointEvery);
        put(kv, "logEvery", logEvery);
        return kv;
    }

    private static void put(List<Object> kv, String key, Object value) {
        if (value != null) {
            int i = kv.indexOf(key);
            if (i >= 0 && i % 2 == 0) {
                kv.set(i + 1, value);
            } else {
                kv.add(key);
                kv.add(value);
            }
        }
    }

    private static String kebab(String key) {
        return switch (key) {
            case "emaDecay" -> "ema";
            case "timeLimitSeconds" -> "time-limit";
            case "lrG" -> "lr-g";
            case "lrD" -> "lr-d";
            default -> key.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
        };
    }

    private Path resumeDir() {
        if (resume.isEmpty()) {
            if (out == null) {
                throw new IllegalArgumentException("--resume needs the run directory: --resume RUN_DIR or --out RUN_DIR --resume");
            }
            return out;
        }
        Path dir = Path.of(resume);
        if (out != null && !out.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--resume " + resume + " and --out " + out + " name different run directories");
        }
        return dir;
    }

    /** Fails fast on names, before any data is read. */
    private static void checkNames(TrainConfig cfg) {
        Models.defaultLatent(cfg.model());
        if (!cfg.loss().equals("wgan-gp")) {
            try {
                GanLosses.byName(cfg.loss());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().replace("valid: ns, minimax, wgan,", "valid: ns, minimax, wgan, wgan-gp,")
                        .replace("valid losses: ns, minimax, wgan,", "valid losses: ns, minimax, wgan, wgan-gp,"));
            }
        }
        TrainData.checkName(cfg.dataset());
        cfg.validate();
        Models.criticNorm(cfg);
    }

    private TrainConfig fitToData(TrainConfig cfg, TrainData data) {
        if (data.toy() != null) {
            return cfg;
        }
        if (imageSize != null && !cfg.dataset().equals("folder") && imageSize != data.imageSize()) {
            throw new IllegalArgumentException("--image-size " + imageSize + " does not fit " + cfg.dataset() + ", whose images are "
                    + data.imageSize() + "x" + data.imageSize() + " (only --dataset folder resizes)");
        }
        if (cfg.conditional() && data.numClasses() < 2) {
            throw new IllegalArgumentException("--model " + cfg.model() + " is conditional and needs labelled data (an image folder"
                    + " needs one subfolder per class)");
        }
        return cfg.with("imageSize", data.imageSize(), "channels", data.channels(),
                "numClasses", data.numClasses() > 0 ? data.numClasses() : cfg.numClasses());
    }

    private Path newRunDir(TrainConfig cfg) throws IOException {
        Path dir = out;
        if (dir == null) {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            String name = (cfg.model() + "-" + cfg.loss() + "-" + cfg.dataset() + "-" + stamp).replaceAll("[^A-Za-z0-9._-]", "-");
            dir = Path.of("runs", name);
            for (int i = 2; Files.exists(dir); i++) {
                dir = Path.of("runs", name + "-" + i);
            }
        } else if (Files.exists(dir.resolve("config.json")) || Files.exists(dir.resolve("checkpoints"))) {
            throw new IllegalArgumentException("run directory " + dir + " already holds a run: continue it with --resume " + dir
                    + " or choose another --out");
        } else if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " is a file, not a directory");
        }
        return dir;
    }

    private static long totalSteps(TrainConfig cfg, TrainData data) {
        if (cfg.steps() > 0) {
            return cfg.steps();
        }
        // An epoch is a pass over the data; each generator step reads n_critic batches (f-GAN: one).
        long batches = (long) cfg.epochs() * data.batchesPerEpoch(cfg.batchSize());
        int perStep = cfg.simultaneous() ? 1 : cfg.nCritic();
        return Math.max(1, (batches + perStep - 1) / perStep);
    }

    private static int gridSamples(GanTrainer t) {
        if (t.generator().sampleShape().length == 1) {
            return 2500; // the mode-coverage protocol's sample count
        }
        if (t.generator().conditional()) {
            int k = t.config().numClasses();
            return k <= 10 ? k * 10 : 100;
        }
        return 64;
    }

    private static int gridRow(GanTrainer t, int n) {
        if (t.generator().conditional() && t.config().numClasses() <= 10) {
            return t.config().numClasses(); // one column per class
        }
        return (int) Math.ceil(Math.sqrt(n));
    }
}
