package io.jgan.cli;

import io.jgan.cli.data.TrainData;
import io.jgan.cli.report.LiveReport;
import io.jgan.datasets.Split;
import io.jgan.eval.Classifier;
import io.jgan.eval.ImageEvaluator;
import io.jgan.eval.PeriodicEval;
import io.jgan.models.Models;
import io.jgan.tensor.Backend;
import io.jgan.tensor.Parallel;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.train.BatchSource;
import io.jgan.train.GanTrainer;
import io.jgan.cli.train.DataOptions;
import io.jgan.cli.train.RunAssembly;
import io.jgan.cli.train.RunOptions;
import io.jgan.train.spec.RunSpec;
import io.jgan.train.spec.ScheduleSpec;
import io.jgan.train.spec.UpdateSchedule;
import io.jgan.train.TrainLoop;
import io.jgan.train.TrainerState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
                "With no options: DCGAN, non-saturating loss, EMA generator, the bundled MNIST test images, "
                        + TrainCommand.DEFAULT_STEPS + " steps or " + TrainCommand.DEFAULT_MINUTES + " minutes (whichever comes first),"
                        + " then the FID of 10000 samples."})
final class TrainCommand implements Callable<Integer> {
    /**
     * Steps of a run that names no length (--steps, --epochs, --time-limit); it also stops after
     * {@link #DEFAULT_MINUTES}, so that the README's first command, build included, ends within 10
     * minutes on 2 cores. A run naming only --time-limit trains until it.
     */
    static final long DEFAULT_STEPS = 2000;
    /** The time limit of a run that names no length. */
    static final long DEFAULT_MINUTES = 5;
    static final RunAssembly.DefaultLength DEFAULT_LENGTH = new RunAssembly.DefaultLength(DEFAULT_STEPS, DEFAULT_MINUTES * 60,
            1_000_000_000L);

    @ParentCommand
    Main main;

    @Mixin
    RunOptions run = new RunOptions();
    @Mixin
    DataOptions dataOptions = new DataOptions();
    @Option(names = "--threads", paramLabel = "N", description = "compute threads (default: all cores)")
    Integer threads;
    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default runs/MODEL-LOSS-DATASET-TIME)")
    Path out;
    @Option(names = "--resume", paramLabel = "RUN_DIR", arity = "0..1", fallbackValue = "",
            description = "continue a run (RUN_DIR or --out) to the new total")
    String resume;
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
    @Option(names = "--final-eval", paramLabel = "N", description = "score N samples when training ends into eval.jsonl and print the FID"
            + " (default: " + FinalEval.DEFAULT_SAMPLES + " for a run that names no length, on MNIST; else 0)")
    Integer finalEval;
    private ImageEvaluator finalEvaluator;
    private int finalSamples;

    // --- issue 23 (hardening): run-directory lock and checkpoint retention (the pixel cap is a data option) ---
    @Option(names = "--keep-checkpoints", paramLabel = "N", description = "periodic checkpoints to keep, the newest (default "
            + TrainLoop.DEFAULT_KEEP_CHECKPOINTS + "; 0: none; last.safetensors is always kept)")
    int keepCheckpoints = TrainLoop.DEFAULT_KEEP_CHECKPOINTS;
    /** The locked run directory, held until the command ends. */
    private RunDirectory runDirectory;

    private void checkHardeningOptions() {
        if (out != null && out.toString().isEmpty()) {
            throw new UserError("--out must name a directory, got an empty value");
        }
        if (keepCheckpoints < 0) {
            throw new UserError("--keep-checkpoints must be >= 0, got " + keepCheckpoints);
        }
    }
    // --- end issue 23 ---

    @Override
    public Integer call() throws IOException {
        try {
            checkHardeningOptions();
            return setUpAndTrain();
        } catch (IllegalArgumentException e) {
            // Before training starts every value checked comes from the user (options, --config, the
            // run being resumed); a failure during training arrives wrapped in InRunException instead.
            throw new UserError(e);
        } finally {
            if (runDirectory != null) {
                runDirectory.close();
            }
        }
    }

    private Integer setUpAndTrain() throws IOException {
        PrintStream stdout = main.out();
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
            Parallel.setThreads(threads);
        }
        Path checkpoint = null;
        Path runDir;
        RunAssembly.Assembled a;
        if (resume != null) {
            runDir = resumeDir();
            checkpoint = runDir.resolve("checkpoints").resolve("last.safetensors");
            if (Files.isDirectory(runDir) && !Files.isRegularFile(checkpoint)) {
                runDirectory = RunDirectory.lock(runDir); // finishes a checkpoint pair a crash interrupted
            }
            if (!Files.isRegularFile(checkpoint)) {
                throw new NoSuchFileException(checkpoint.toString(), null, "no checkpoint to resume from");
            }
            // The options are checked against the stored run before the directory is locked, so a refused
            // resume leaves every file of the run as it was.
            java.util.Map<String, String> md = TrainerState.metadata(checkpoint);
            a = RunAssembly.resume(run, dataOptions, config, RunSpec.fromJson(md.get("config")), runDir, TrainerState.diverged(md));
            if (runDirectory == null) {
                runDirectory = RunDirectory.lock(runDir); // also finishes a checkpoint pair a crash interrupted
            }
        } else {
            a = RunAssembly.newRun(run, dataOptions, config, DEFAULT_LENGTH);
            runDir = null;
        }
        RunSpec cfg = a.spec();
        TrainData data = a.data();
        ImageEvaluator evaluator = evaluator(cfg);
        finalSamples = finalEval != null ? finalEval : a.defaultLength() && FinalEval.possible(cfg, classifier) ? FinalEval.DEFAULT_SAMPLES : 0;
        if (finalSamples < 0 || (finalSamples > 0 && finalSamples < 10)) {
            throw new UserError("--final-eval must be 0 or at least 10 samples, got " + finalSamples);
        }
        if (finalSamples > 0) {
            finalEvaluator = FinalEval.evaluator(cfg, classifier);
        }
        if (runDir == null) {
            runDir = newRunDir(cfg);
        }
        Models.Pair nets = Models.create(cfg.model(), cfg.shape(), new Rng(cfg.seed()).split("init"));
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
    private ImageEvaluator evaluator(RunSpec cfg) throws IOException {
        if (evalEvery < 0) {
            throw new IllegalArgumentException("--eval-every must be >= 0, got " + evalEvery);
        }
        if (evalEvery == 0) {
            if (classifier != null && (finalEval == null || finalEval == 0)) {
                throw new IllegalArgumentException("--classifier is for --eval-every N and --final-eval N");
            }
            return null;
        }
        if (evalSamples < 10) {
            throw new IllegalArgumentException("--eval-samples must be at least 10, got " + evalSamples);
        }
        String dataset = cfg.data().name();
        Classifier c = EvalData.classifier(dataset, classifier);
        EvalData.Images test = EvalData.load(dataset, cfg.data().dir() == null ? null : Path.of(cfg.data().dir()), Split.TEST);
        ImageEvaluator.Options defaults = ImageEvaluator.Options.defaults();
        // A tenth of the KID subsets keeps an evaluation during training to seconds.
        ImageEvaluator.Options o = new ImageEvaluator.Options(10, Math.min(defaults.kidSubsetSize(), evalSamples), defaults.isSplits(),
                defaults.k(), defaults.batch(), defaults.seed());
        return new ImageEvaluator(c, test.images().images(0, test.images().size()), o);
    }

    private int train(RunSpec cfg, TrainData data, Models.Pair nets, BatchSource source, Path runDir, Path checkpoint,
                      PrintStream stdout, ImageEvaluator evaluator) throws IOException {
        GanTrainer trainer;
        try {
            trainer = new GanTrainer(cfg, nets.generator(), nets.critic(), source);
        } catch (IllegalArgumentException e) {
            throw new UserError(e); // the trainer checks the combination of options it was given
        }
        if (checkpoint != null) {
            TrainerState.load(trainer, checkpoint);
            runDirectory.repairLogs(trainer.stepCount(), main.err());
        }
        long total = totalSteps(trainer.spec(), data);
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
        if (runDirectory == null) {
            runDirectory = RunDirectory.lock(runDir);
        }
        io.jgan.cli.output.AtomicFiles.writeString(runDir.resolve("config.json"), trainer.spec().toJson() + "\n");
        int n = gridSamples(trainer);
        Tensor real = data.toy() == null ? null : data.toyPoints(cfg.seed()).slice(0, 1000);
        long t0 = System.nanoTime();
        String reason;
        TrainOutput output;
        try (Progress progress = Progress.create(stdout, main.err(), quiet, start, total, cfg.schedule().timeLimitSeconds());
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
            reason = TrainLoop.run(trainer, new TrainLoop.Options(total, cfg.schedule().timeLimitSeconds(), runDir, n, keepCheckpoints),
                    listener);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long done = trainer.stepCount() - start;
        String scored = finalSamples > 0 ? FinalEval.summary(FinalEval.run(trainer, finalEvaluator, finalSamples, runDir)) : null;
        if (!quiet) {
            stdout.printf(Locale.ROOT, "%s: %d steps in %s (%.3f s/step), at step %d of %d%n",
                    reason.equals("time-limit") ? "stopped at the time limit" : "done", done, Durations.format(secs),
                    secs / Math.max(1, done), trainer.stepCount(), total);
            if (output.lastGrid() != null) {
                stdout.println("samples: " + output.lastGrid());
            }
            if (scored != null) {
                stdout.println(scored);
            }
            stdout.println("checkpoint: " + runDir.resolve("checkpoints").resolve("last.safetensors"));
            stdout.println("report: " + runDir.resolve(io.jgan.cli.report.ReportPage.FILE_NAME) + " (or: tensorboard --logdir "
                    + (runDir.getParent() != null ? runDir.getParent() : Path.of(".")) + ")");
        }
        stdout.println("run directory: " + runDir);
        return Main.OK;
    }

    private void header(GanTrainer t, TrainData data, long total, Path runDir, PrintStream o) {
        RunSpec c = t.spec();
        String penalties = c.objective().penalties().stream().map(p -> p.kind() + ":" + p.weight()).reduce((x, y) -> x + " " + y)
                .map(p -> " + " + p).orElse("");
        o.printf(Locale.ROOT, "jgan train: %s / %s%s on %s%n", c.model().kind(), c.recipe(), penalties, data.description());
        long tl = c.schedule().timeLimitSeconds();
        o.printf(Locale.ROOT, "  %d steps%s, batch %d%s, %s lr_g %.3g lr_d %.3g, n_critic %d (%s), latent %d%s%n", total,
                tl > 0 ? " (time limit " + Durations.format(tl) + ")" : "", c.schedule().batchSize(),
                c.schedule().microBatches() > 1 ? " in " + c.schedule().microBatches() + " micro-batches" : "",
                c.optimizerG().kind(), c.optimizerG().lr(), c.optimizerD().lr(), c.schedule().nCritic(), c.schedule().updates(),
                t.generator().latentDim(), c.tricks().emaDecay() > 0 ? ", ema " + c.tricks().emaDecay() : "");
        o.printf(Locale.ROOT, "  seed %d, %d threads, SIMD %s (%s)%n", c.seed(), Parallel.threads(), Backend.simd() ? "on" : "off",
                Backend.species());
        if (t.stepCount() > 0) {
            o.println("  resuming from step " + t.stepCount());
        }
        o.println("  run directory " + runDir);
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

    private Path newRunDir(RunSpec cfg) throws IOException {
        Path dir = out;
        if (dir == null) {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            String name = (cfg.model().kind() + "-" + cfg.recipe() + "-" + cfg.data().name() + "-" + stamp).replaceAll("[^A-Za-z0-9._-]", "-");
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

    private static long totalSteps(RunSpec cfg, TrainData data) {
        ScheduleSpec s = cfg.schedule();
        if (s.steps() > 0) {
            return s.steps();
        }
        // An epoch is a pass over the data; each generator step reads n_critic batches (simultaneous updates: one).
        long batches = (long) s.epochs() * data.batchesPerEpoch(s.batchSize());
        int perStep = s.updates() == UpdateSchedule.SIMULTANEOUS ? 1 : s.nCritic();
        return Math.max(1, (batches + perStep - 1) / perStep);
    }

    private static int gridSamples(GanTrainer t) {
        if (t.generator().sampleShape().length == 1) {
            return 2500; // the mode-coverage protocol's sample count
        }
        if (t.generator().conditional()) {
            int k = t.spec().numClasses();
            return k <= 10 ? k * 10 : 100;
        }
        return 64;
    }

    private static int gridRow(GanTrainer t, int n) {
        if (t.generator().conditional() && t.spec().numClasses() <= 10) {
            return t.spec().numClasses(); // one column per class
        }
        return (int) Math.ceil(Math.sqrt(n));
    }
}
