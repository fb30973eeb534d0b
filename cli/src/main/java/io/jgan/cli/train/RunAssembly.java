package io.jgan.cli.train;

import io.jgan.cli.data.TrainData;
import io.jgan.train.spec.DataSpec;
import io.jgan.train.spec.RunSpec;
import io.jgan.train.spec.RunSpecBuilder;
import io.jgan.train.spec.SpecException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Assembles the run specification of {@code jgan train} from the options typed, over the recipe
 * defaults, a {@code --config} file, or the run being resumed, and opens its data.
 *
 * <p>Resuming accepts the command line the run was started with: an option equal to the stored
 * run's is accepted; a changed one is refused in one line naming each changed option with the
 * run's value and the given one, before anything is written. Only the length and the output
 * cadence may change.
 */
public final class RunAssembly {
    /** The options a run that stopped by diverging may change when resumed. */
    private static final java.util.Set<String> LEARNING_RATES = java.util.Set.of("--lr", "--lr-g", "--lr-d");
    /** Image side of {@code --dataset folder} when none is given. */
    static final int FOLDER_SIZE = 64;

    /**
     * A specification and its opened data.
     *
     * @param spec the run specification
     * @param data the data
     */
    public record Assembled(RunSpec spec, TrainData data, boolean defaultLength) {
        /** @param spec the specification @param data the data (a run of a given length) */
        public Assembled(RunSpec spec, TrainData data) {
            this(spec, data, false);
        }
    }

    private RunAssembly() {}

    /**
     * @param o the run options typed
     * @param d the data options typed
     * @param config a {@code config.json} to start from, or null
     * @param defaults the length of a run that names neither steps nor epochs
     * @return the specification and data of a new run
     * @throws IOException if the data or the config file cannot be read
     * @throws IllegalArgumentException naming the option for bad values
     */
    public static Assembled newRun(RunOptions o, DataOptions d, Path config, DefaultLength defaults) throws IOException {
        List<RunOptions.Given> given = o.given();
        RunSpec base = config == null ? null : readConfig(config);
        RunSpecBuilder b = base == null ? RunSpec.builder() : base.toBuilder();
        given.forEach(g -> g.apply().accept(b));
        TrainData data = openData(d, base);
        String dir = d.dataDir != null ? d.dataDir : base != null && base.data().name().equals(data.name()) ? base.data().dir() : null;
        b.data(new DataSpec(data.name(), dir, data.shape()));
        RunSpec spec = build(b);
        boolean noLength = spec.schedule().steps() == 0 && spec.schedule().epochs() == 0 && spec.schedule().timeLimitSeconds() == 0;
        if (spec.schedule().steps() == 0 && spec.schedule().epochs() == 0) {
            spec = build(spec.schedule().timeLimitSeconds() > 0
                    ? spec.toBuilder().steps(defaults.untilTimeLimit())
                    : spec.toBuilder().steps(defaults.steps()).timeLimitSeconds(defaults.timeLimitSeconds()));
        }
        return new Assembled(spec, data, noLength);
    }

    /**
     * The length of a run that names none.
     *
     * @param steps the steps of a run that names neither steps, epochs nor a time limit
     * @param timeLimitSeconds ... and its time limit: whichever comes first ends it
     * @param untilTimeLimit the steps of a run that names only a time limit (in practice: unbounded)
     */
    public record DefaultLength(long steps, long timeLimitSeconds, long untilTimeLimit) {}

    /**
     * @param o the run options typed
     * @param d the data options typed
     * @param config a {@code --config} given with {@code --resume}, or null
     * @param stored the specification of the run being resumed
     * @param runDir the run directory (for messages)
     * @return the specification (the stored one, with the new length and cadence) and data
     * @throws IOException if the data cannot be read
     * @throws IllegalArgumentException naming every changed option
     */
    public static Assembled resume(RunOptions o, DataOptions d, Path config, RunSpec stored, Path runDir) throws IOException {
        return resume(o, d, config, stored, runDir, false);
    }

    /**
     * @param o the run options typed
     * @param d the data options typed
     * @param config a {@code --config} given with {@code --resume}, or null
     * @param stored the specification of the run being resumed
     * @param runDir the run directory (for messages)
     * @param diverged true when the run stopped because it diverged: the learning rates may then change too
     * @return the specification (the stored one, with the new length, cadence and learning rates) and data
     * @throws IOException if the data cannot be read
     * @throws IllegalArgumentException naming every changed option
     */
    public static Assembled resume(RunOptions o, DataOptions d, Path config, RunSpec stored, Path runDir, boolean diverged)
            throws IOException {
        List<String> changed = new ArrayList<>();
        if (config != null) {
            RunSpec file = readConfig(config);
            List<String> diff = SpecDiff.between(file, stored);
            if (!diff.isEmpty()) {
                changed.add("--config " + config + " (differs in " + String.join(", ", diff) + ")");
            }
        }
        dataChanges(d, stored, changed);
        RunSpecBuilder b = stored.toBuilder();
        for (RunOptions.Given g : o.given()) {
            if (g.resumable() || diverged && LEARNING_RATES.contains(g.name())) {
                g.apply().accept(b);
            } else if (!unchanged(g, stored)) {
                changed.add(g.name() + " " + RunOptions.show(g.value()) + " (the run has " + RunOptions.show(g.stored().apply(stored)) + ")");
            }
        }
        if (!changed.isEmpty()) {
            throw new IllegalArgumentException("cannot resume " + runDir + " with changed options: " + String.join(", ", changed)
                    + "; only --steps, --epochs, --time-limit, --sample-every, --checkpoint-every and --log-every may change (and the"
                    + " learning rates after a run diverged; start a new"
                    + " run with --config " + runDir.resolve("config.json") + " to change others)");
        }
        RunSpec spec = build(b);
        TrainData data = TrainData.open(stored.data().name(), stored.data().dir(), stored.shape().size(), stored.shape().channels() == 1,
                d.maxPixels);
        if (!data.shape().equals(stored.shape())) {
            throw new IllegalArgumentException("the data of " + runDir + " has changed: its samples are " + data.shape() + ", the run was "
                    + stored.shape());
        }
        return new Assembled(spec, data);
    }

    private static boolean unchanged(RunOptions.Given g, RunSpec stored) {
        RunSpecBuilder one = stored.toBuilder();
        g.apply().accept(one);
        try {
            return one.build().equals(stored);
        } catch (SpecException e) {
            return false;
        }
    }

    private static void dataChanges(DataOptions d, RunSpec stored, List<String> changed) {
        DataSpec s = stored.data();
        if (d.dataset != null && !d.dataset.equals(s.name())) {
            changed.add("--dataset " + d.dataset + " (the run has " + s.name() + ")");
        }
        if (d.dataDir != null && (s.dir() == null || !Path.of(d.dataDir).toAbsolutePath().normalize()
                .equals(Path.of(s.dir()).toAbsolutePath().normalize()))) {
            changed.add("--data-dir " + d.dataDir + " (the run has " + (s.dir() == null ? "none" : s.dir()) + ")");
        }
        if (d.imageSize != null && d.imageSize != stored.shape().size()) {
            changed.add("--image-size " + d.imageSize + " (the run has " + stored.shape().size() + ")");
        }
        if (d.grayscale && stored.shape().channels() != 1) {
            changed.add("--grayscale (the run has " + stored.shape().channels() + " channels)");
        }
    }

    private static TrainData openData(DataOptions d, RunSpec base) throws IOException {
        String name = Objects.requireNonNullElse(d.dataset, base != null ? base.data().name() : "mnist");
        boolean baseFolder = base != null && base.data().name().equals("folder") && name.equals("folder");
        int size = d.imageSize != null ? d.imageSize : baseFolder ? base.shape().size() : FOLDER_SIZE;
        if (d.imageSize != null && d.imageSize <= 0) {
            throw new IllegalArgumentException("--image-size must be positive, got " + d.imageSize);
        }
        boolean gray = d.grayscale || baseFolder && base.shape().channels() == 1;
        String dir = d.dataDir != null ? d.dataDir : base != null && base.data().name().equals(name) ? base.data().dir() : null;
        if (d.maxPixels < 1) {
            throw new IllegalArgumentException("--max-pixels must be positive, got " + d.maxPixels);
        }
        TrainData data = TrainData.open(name, dir, size, gray, d.maxPixels);
        if (d.imageSize != null && !name.equals("folder") && data.toy() == null && d.imageSize != data.imageSize()) {
            throw new IllegalArgumentException("--image-size " + d.imageSize + " does not fit " + name + ", whose images are "
                    + data.imageSize() + "x" + data.imageSize() + " (only --dataset folder resizes)");
        }
        return data;
    }

    private static RunSpec readConfig(Path config) throws IOException {
        if (!Files.isRegularFile(config)) {
            throw new java.nio.file.NoSuchFileException(config.toString(), null, "no such config file");
        }
        try {
            return RunSpec.fromJson(Files.readString(config));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config + ": " + e.getMessage(), e);
        }
    }

    private static RunSpec build(RunSpecBuilder b) {
        try {
            return b.build();
        } catch (SpecException e) {
            throw SpecErrors.translate(e);
        }
    }
}
