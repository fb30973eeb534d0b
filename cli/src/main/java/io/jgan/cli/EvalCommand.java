package io.jgan.cli;

import io.jgan.cli.output.NpyReader;
import io.jgan.datasets.Split;
import io.jgan.eval.Classifier;
import io.jgan.eval.ImageEvaluator;
import io.jgan.eval.Kid;
import io.jgan.eval.Sampling;
import io.jgan.tensor.Rng;
import io.jgan.train.SamplingNorm;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code jgan eval}: scores a trained image generator against the test split with the evaluation
 * classifier's features (FID, KID, precision/recall) and predictions (Inception-style score,
 * class-histogram entropy), printed as one JSON line.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Score a generator: FID, KID, Inception-style score, precision/recall (k=3) and class entropy on the"
                + " evaluation classifier's features, against the test split; prints one JSON line.")
final class EvalCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--checkpoint", paramLabel = "FILE|RUN_DIR", description = "a checkpoint or a run directory")
    Path checkpoint;
    @Option(names = "--samples", paramLabel = "FILE.npy", description = "score samples from any source instead: a float32/float64 .npy"
            + " array N x 1 x 28 x 28, N x 28 x 28 or N x 784 in [-1, 1] (e.g. PyTorch's, saved with numpy.save)")
    Path samples;
    @Option(names = "--n", paramLabel = "N", description = "samples to generate (default 10000); with --samples, the first N of the file (default all)")
    Integer n;
    @Option(names = "--dataset", paramLabel = "NAME", description = EvalData.SUPPORTED + " (default: the run's)")
    String dataset;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "the dataset's directory (default: the run's; mnist without one: the bundled test images)")
    Path dataDir;
    @Option(names = "--classifier", paramLabel = "FILE", description = "a classifier from 'jgan train-classifier' (default: the shipped MNIST one)")
    Path classifier;
    @Option(names = "--kid-subsets", paramLabel = "N", description = "KID subsets (default " + Kid.DEFAULT_SUBSETS + ")")
    int kidSubsets = Kid.DEFAULT_SUBSETS;
    @Option(names = "--kid-subset-size", paramLabel = "N", description = "samples per KID subset (default " + Kid.DEFAULT_SUBSET_SIZE + ")")
    int kidSubsetSize = Kid.DEFAULT_SUBSET_SIZE;
    @Option(names = "--batch-norm", paramLabel = "STATS", converter = io.jgan.cli.train.Choices.ToSamplingNorm.class,
            completionCandidates = io.jgan.cli.train.Choices.SamplingNorms.class,
            description = "batch-norm statistics the generator samples with: running (eval mode), standing (re-estimated for the"
                    + " current weights first) or batch (each batch of 64's own, as PyTorch's DCGAN example samples); default standing")
    SamplingNorm batchNorm = SamplingNorm.STANDING;
    @Option(names = "--weights", paramLabel = "WHICH", description = "ema (the average, when the run kept one; the default) or"
            + " trained (the weights the optimiser updated)")
    String weights = "ema";
    @Option(names = "--seed", paramLabel = "S", description = "noise seed (default 42)")
    long seed = 42;

    @Override
    public Integer call() throws IOException {
        if ((checkpoint == null) == (samples == null)) {
            throw new UserError("jgan eval needs exactly one of --checkpoint FILE|RUN_DIR and --samples FILE.npy");
        }
        int n = this.n != null ? this.n : samples != null ? Integer.MAX_VALUE : 10_000;
        if (n < 10) {
            throw new UserError("--n must be at least 10 (the Inception-style score uses 10 splits), got " + n);
        }
        if (kidSubsets < 1 || kidSubsetSize < 2) {
            throw new UserError("--kid-subsets must be positive and --kid-subset-size at least 2");
        }
        if (samples != null) {
            return scoreFile(n);
        }
        if (!weights.equals("ema") && !weights.equals("trained")) {
            throw new UserError("--weights must be ema or trained, got " + weights);
        }
        LoadedGenerator lg = LoadedGenerator.load(checkpoint, weights.equals("ema"));
        if (lg.pointsOnly()) {
            throw new UserError("jgan eval scores image generators; this checkpoint makes 2-D points"
                    + " (its mode coverage is logged in metrics.jsonl during training)");
        }
        String ds = dataset != null ? dataset : lg.config().data().name();
        Path dir = dataDir != null ? dataDir : lg.config().data().dir() != null ? Path.of(lg.config().data().dir()) : null;
        Classifier c = EvalData.classifier(ds, classifier);
        checkShape(lg.generator().sampleShape(), c.config());
        EvalData.Images reference = EvalData.load(ds, dir, Split.TEST);
        Classifier.Outputs outputs = classify(lg, c, n, new Rng(seed).split("eval"), batchNorm);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("checkpoint", lg.file().toString());
        line.put("step", lg.step());
        line.put("ema", lg.ema());
        line.put("batch_norm", batchNorm.cliName());
        return print(line, ds, reference, c, outputs);
    }

    /** Scores the samples of a .npy file (the same metric as for a checkpoint, so any peer's samples compare). */
    private Integer scoreFile(int n) throws IOException {
        String ds = dataset != null ? dataset : "mnist";
        Classifier c = EvalData.classifier(ds, classifier);
        Classifier.Outputs outputs;
        int count;
        try (NpyReader r = new NpyReader(samples)) {
            count = Math.min(n, r.dims()[0]);
            if (n != Integer.MAX_VALUE && n > r.dims()[0]) {
                throw new UserError("--n " + n + " but " + samples + " holds " + r.dims()[0] + " samples");
            }
            if (count < 10) {
                throw new UserError(samples + " holds " + count + " samples; jgan eval needs at least 10");
            }
            checkShape(Arrays.copyOfRange(r.dims(), 1, r.dims().length), c.config());
            outputs = SampleFileCheck.classify(r, c, count, samples);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        EvalData.Images reference = EvalData.load(ds, dataDir, Split.TEST);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("file", samples.toString());
        line.put("n", count);
        return print(line, ds, reference, c, outputs);
    }

    private Integer print(Map<String, Object> line, String ds, EvalData.Images reference, Classifier c, Classifier.Outputs outputs) {
        ImageEvaluator.Options opts = new ImageEvaluator.Options(kidSubsets, kidSubsetSize,
                io.jgan.eval.InceptionScore.DEFAULT_SPLITS, io.jgan.eval.PrecisionRecall.DEFAULT_K, 500, 0);
        ImageEvaluator evaluator = new ImageEvaluator(c, reference.images().images(0, reference.images().size()), opts);
        line.put("dataset", ds);
        line.put("reference", reference.description());
        line.put("classifier", EvalData.classifierName(ds, classifier));
        line.putAll(evaluator.evaluate(outputs).toMap());
        main.out().println(Json.write(line));
        return Main.OK;
    }

    /**
     * Generates and classifies {@code n} samples a chunk at a time, keeping only the classifier's
     * outputs (features and class probabilities, a few dozen floats a sample) rather than the images.
     * The noise and labels are those of {@link Sampling#draw}, so the scores do not change.
     */
    static Classifier.Outputs classify(LoadedGenerator lg, Classifier c, int n, Rng rng, SamplingNorm norm) {
        int f = c.config().features();
        int k = c.config().classes();
        if ((long) n * (f + k) > Integer.MAX_VALUE - 8) {
            throw new UserError("--n " + n + " samples of " + (f + k) + " classifier outputs each exceed one array; use fewer samples");
        }
        Tensor features = Tensor.zeros(n, f);
        Tensor probs = Tensor.zeros(n, k);
        for (int from = 0; from < n; from += Sampling.CHUNK) {
            int m = Math.min(Sampling.CHUNK, n - from);
            Tensor z = Tensor.randn(rng, m, lg.generator().latentDim());
            int[] labels = lg.generator().conditional() ? lg.labels(from, m, null) : null;
            Classifier.Outputs o = c.evaluate(lg.sample(z, labels, norm), Sampling.CHUNK);
            System.arraycopy(o.features().data(), o.features().offset(), features.data(), features.offset() + from * f, m * f);
            System.arraycopy(o.probabilities().data(), o.probabilities().offset(), probs.data(), probs.offset() + from * k, m * k);
        }
        return new Classifier.Outputs(features, probs);
    }

    static void checkShape(int[] sample, Classifier.Config c) {
        int want = c.channels() * c.size() * c.size();
        int got = 1;
        for (int d : sample) {
            got *= d;
        }
        if (got != want) {
            throw new UserError("the generator makes " + java.util.Arrays.toString(sample) + " samples but the classifier reads "
                    + c.channels() + "x" + c.size() + "x" + c.size() + " images");
        }
    }
}
