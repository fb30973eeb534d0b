package io.jgan.eval;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All image metrics of generated samples against a fixed reference set (the test images), on the
 * features and predictions of one {@link Classifier}. The reference features and statistics are
 * computed once, so evaluating during training costs only the samples' forward passes.
 */
public final class ImageEvaluator {
    /**
     * @param kidSubsets KID subsets
     * @param kidSubsetSize samples per KID subset
     * @param isSplits Inception-score splits
     * @param k the precision/recall neighbourhood
     * @param batch images per classifier forward pass
     * @param seed the KID subset draws
     */
    public record Options(int kidSubsets, int kidSubsetSize, int isSplits, int k, int batch, long seed) {
        /** Validates the values. */
        public Options {
            if (kidSubsets < 1 || kidSubsetSize < 2 || isSplits < 1 || k < 1 || batch < 1) {
                throw new IllegalArgumentException("invalid evaluation options: " + kidSubsets + " KID subsets of " + kidSubsetSize
                        + ", " + isSplits + " IS splits, k " + k + ", batch " + batch);
            }
        }

        /** @return 100 KID subsets of 1000, 10 IS splits, k = 3, batches of 500, seed 0 */
        public static Options defaults() {
            return new Options(Kid.DEFAULT_SUBSETS, Kid.DEFAULT_SUBSET_SIZE, InceptionScore.DEFAULT_SPLITS,
                    PrecisionRecall.DEFAULT_K, 500, 0);
        }
    }

    /**
     * The metrics of one sample set.
     *
     * @param samples how many samples were evaluated
     * @param fid Fréchet distance of the features to the reference set
     * @param kid KID against the reference set
     * @param inceptionScore the Inception-style score of the predictions
     * @param precisionRecall improved precision and recall against the reference set
     * @param classCounts the argmax class histogram
     * @param classEntropy its entropy in nats (ln C when balanced)
     */
    public record Report(int samples, double fid, Kid.Result kid, InceptionScore.Result inceptionScore,
                         PrecisionRecall.Result precisionRecall, int[] classCounts, double classEntropy) {

        /** @return the report as an ordered map of JSON-friendly values (snake_case keys) */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("samples", samples);
            m.put("fid", fid);
            m.put("kid_mean", kid.mean());
            m.put("kid_std", kid.std());
            m.put("is_mean", inceptionScore.mean());
            m.put("is_std", inceptionScore.std());
            m.put("precision", precisionRecall.precision());
            m.put("recall", precisionRecall.recall());
            m.put("class_entropy", classEntropy);
            List<Object> counts = new ArrayList<>();
            for (int c : classCounts) {
                counts.add(c);
            }
            m.put("class_counts", counts);
            return m;
        }
    }

    private final Classifier classifier;
    private final Options options;
    private final Tensor referenceFeatures;
    private final FeatureStats referenceStats;

    /**
     * @param classifier the feature extractor
     * @param reference reference images [N, C, H, W] (or flattened) in [-1, 1]
     * @param options sizes and seed
     */
    public ImageEvaluator(Classifier classifier, Tensor reference, Options options) {
        this.classifier = classifier;
        this.options = options;
        this.referenceFeatures = classifier.evaluate(reference, options.batch()).features();
        this.referenceStats = FeatureStats.of(referenceFeatures);
    }

    /** @return the fewest samples {@link #evaluate} accepts: one per IS split, and more than k for the k-NN radii */
    public int minimumSamples() {
        return Math.max(options.isSplits(), options.k() + 1);
    }

    /** @return the reference set's features [N, d] */
    public Tensor referenceFeatures() {
        return referenceFeatures;
    }

    /** @return the classifier */
    public Classifier classifier() {
        return classifier;
    }

    /**
     * @param samples generated images [M, C, H, W] (or flattened) in [-1, 1], M &gt;= {@link #minimumSamples()}
     * @return every metric against the reference set
     */
    public Report evaluate(Tensor samples) {
        if (samples.rank() < 2 || samples.dim(0) < minimumSamples()) {
            throw new IllegalArgumentException("evaluation needs at least " + minimumSamples() + " samples, got " + samples.shape());
        }
        return evaluate(classifier.evaluate(samples, options.batch()));
    }

    /**
     * Scores samples from their classifier outputs, for callers that generate and classify in
     * batches so that only the features, not the images, of all samples are resident.
     *
     * @param out the classifier's features and probabilities of M &gt;= {@link #minimumSamples()} samples
     * @return every metric against the reference set
     */
    public Report evaluate(Classifier.Outputs out) {
        if (out.features().dim(0) < minimumSamples()) {
            throw new IllegalArgumentException("evaluation needs at least " + minimumSamples() + " samples, got " + out.features().shape());
        }
        if (!out.features().allFinite()) {
            throw new IllegalArgumentException("the samples give non-finite classifier features (NaN or infinite pixels?)");
        }
        int[] counts = ClassHistogram.counts(out.probabilities());
        return new Report(out.features().dim(0),
                Fid.distance(referenceStats, FeatureStats.of(out.features())),
                Kid.compute(referenceFeatures, out.features(), options.kidSubsets(), options.kidSubsetSize(), new Rng(options.seed())),
                InceptionScore.compute(out.probabilities(), options.isSplits()),
                PrecisionRecall.compute(referenceFeatures, out.features(), options.k()),
                counts, ClassHistogram.entropy(counts));
    }
}
