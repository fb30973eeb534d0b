package io.jgan.cli;

import io.jgan.datasets.Mnist;
import io.jgan.datasets.Split;
import io.jgan.eval.Classifier;
import io.jgan.eval.ClassifierTraining;
import io.jgan.eval.Fid;
import io.jgan.eval.InceptionScore;
import io.jgan.eval.LabelledImages;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped MNIST classifier and the metrics on real data (this module sees the datasets, which
 * gan-models must not): test accuracy, FID between the test split and 10k training images, FID of
 * uniform noise, and the Inception-style score of the test images.
 */
class RealDataMetricsTest {
    private static Classifier classifier;
    private static LabelledImages test;
    private static Classifier.Outputs testOut;

    @BeforeAll
    static void extract() throws IOException {
        classifier = Classifier.mnist();
        test = EvalData.copy(Mnist.load(mnistDir(), Split.TEST));
        testOut = classifier.evaluate(test.images(0, test.size()), 500);
    }

    static Path mnistDir() {
        return ErrorsTest.shared().resolve("data/mnist");
    }

    @Test
    void theShippedClassifierIsAccurate() {
        int[] predicted = testOut.probabilities().argmax(1);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == test.labels()[i]) {
                correct++;
            }
        }
        double acc = (double) correct / predicted.length;
        System.out.printf("MNIST test accuracy of the shipped classifier: %.4f%n", acc);
        assertTrue(acc >= 0.985, "accuracy " + acc);
        // the helper the training command reports with agrees
        assertTrue(Math.abs(ClassifierTraining.accuracy(classifier, test.subset(0, 1000)) - fraction(predicted, 1000)) < 1e-12);
    }

    private static double fraction(int[] predicted, int n) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (predicted[i] == test.labels()[i]) {
                c++;
            }
        }
        return (double) c / n;
    }

    @Test
    void fidOfTrainingImagesIsSmallAndOfNoiseLarge() throws IOException {
        LabelledImages train = EvalData.copy(Mnist.load(mnistDir(), Split.TRAIN)).subset(0, 10_000);
        double real = Fid.compute(testOut.features(), classifier.evaluate(train.images(0, train.size()), 500).features());
        Tensor noise = Tensor.uniform(new Rng(7), -1f, 1f, 10_000, 1, 28, 28);
        double fake = Fid.compute(testOut.features(), classifier.evaluate(noise, 500).features());
        System.out.printf("FID(MNIST test, 10k train) = %.4f, FID(MNIST test, uniform noise) = %.2f%n", real, fake);
        assertTrue(real < 5, "FID of real images " + real);
        assertTrue(fake > 200, "FID of noise " + fake);
    }

    @Test
    void inceptionScoreOfTestImagesIsNearTen() {
        InceptionScore.Result is = InceptionScore.compute(testOut.probabilities(), 10);
        System.out.printf("Inception-style score of the MNIST test images: %.4f +- %.4f%n", is.mean(), is.std());
        assertTrue(is.mean() > 9, "IS " + is);
        assertTrue(is.mean() <= 10 + 1e-9, "IS cannot exceed the number of classes: " + is);
    }
}
