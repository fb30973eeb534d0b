package io.jgan.cli;

import io.jgan.datasets.FashionMnist;
import io.jgan.datasets.ImageDataset;
import io.jgan.datasets.Mnist;
import io.jgan.datasets.Split;
import io.jgan.eval.Classifier;
import io.jgan.eval.LabelledImages;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The datasets and classifiers behind jgan's image metrics: the reference set is the test split of
 * the dataset (so a generator is never scored against the images it trained on, except for the
 * default run, which trains on the bundled test images because no training split ships), and the
 * classifier is the shipped MNIST one or a file trained with {@code jgan train-classifier}.
 */
final class EvalData {
    /** The datasets the metrics support: the 28x28 grey-scale ones the classifier fits. */
    static final String SUPPORTED = "mnist, fashion-mnist";

    private EvalData() {}

    /**
     * @param images the test or training images
     * @param description what they are, for the output
     */
    record Images(LabelledImages images, String description) {}

    /**
     * @param dataset mnist or fashion-mnist
     * @param dataDir its directory, or null (mnist: the bundled test images)
     * @param split which split
     * @return the images
     * @throws IOException if files are missing or malformed
     */
    static Images load(String dataset, Path dataDir, Split split) throws IOException {
        check(dataset);
        ImageDataset d;
        String what;
        if (dataset.equals("mnist") && dataDir == null) {
            if (split != Split.TEST) {
                throw new UserError("the MNIST training split needs --data-dir DIR (only the test images are bundled;"
                        + " download with: jgan data fetch mnist --dir DIR)");
            }
            d = Mnist.bundledTest();
            what = "MNIST test (bundled)";
        } else {
            if (dataDir == null) {
                throw new UserError("--dataset " + dataset + " needs --data-dir DIR (download it with: jgan data fetch "
                        + dataset + " --dir DIR)");
            }
            d = dataset.equals("mnist") ? Mnist.load(dataDir, split) : FashionMnist.load(dataDir, split);
            what = dataset + " " + split.name().toLowerCase(java.util.Locale.ROOT) + " from " + dataDir;
        }
        return new Images(copy(d), what + ", " + d.size() + " images");
    }

    /**
     * @param d a dataset
     * @return its pixels and labels in the evaluation module's form
     */
    static LabelledImages copy(ImageDataset d) {
        int per = d.channels() * d.height() * d.width();
        byte[] pixels = new byte[d.size() * per];
        int[] labels = new int[d.size()];
        for (int i = 0; i < d.size(); i++) {
            d.copyImage(i, pixels, i * per);
            labels[i] = d.label(i);
        }
        return new LabelledImages(pixels, labels, d.channels(), d.height(), d.width());
    }

    /**
     * @param dataset mnist or fashion-mnist
     * @param file a classifier written by {@code jgan train-classifier}, or null for the shipped one
     * @return the classifier
     * @throws IOException if the file cannot be read or is not a classifier
     */
    static Classifier classifier(String dataset, Path file) throws IOException {
        check(dataset);
        if (file != null) {
            return Classifier.load(file);
        }
        if (!dataset.equals("mnist")) {
            throw new UserError("no classifier ships for " + dataset + ": train one with 'jgan train-classifier --dataset "
                    + dataset + " --data-dir DIR --out FILE' and pass --classifier FILE");
        }
        return Classifier.mnist();
    }

    /**
     * @param dataset mnist or fashion-mnist
     * @param file the classifier file, or null
     * @return how to name the classifier in the output
     */
    static String classifierName(String dataset, Path file) {
        return file != null ? file.toString() : "shipped " + dataset;
    }

    static void check(String dataset) {
        if (!dataset.equals("mnist") && !dataset.equals("fashion-mnist")) {
            throw new UserError("image metrics support --dataset " + SUPPORTED + " (28x28 grey-scale), got " + dataset);
        }
    }
}
