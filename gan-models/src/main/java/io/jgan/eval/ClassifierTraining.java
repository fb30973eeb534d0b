package io.jgan.eval;

import io.jgan.autograd.Variable;
import io.jgan.optim.Adam;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

/**
 * Trains the evaluation {@link Classifier} with cross-entropy and Adam, reproducibly: the seed
 * fixes the initialisation ({@code "init"} stream) and the data order ({@code "data"} stream), and
 * jgan's kernels are deterministic for any thread count, so one command gives one set of weights.
 * The learning rate drops tenfold for the last epoch, which buys the last few tenths of a percent
 * of accuracy without a schedule to tune.
 */
public final class ClassifierTraining {
    /**
     * @param epochs passes over the training images
     * @param batchSize images per step
     * @param learningRate Adam's learning rate before the last epoch
     * @param seed the seed of the initialisation and the data order
     */
    public record Options(int epochs, int batchSize, float learningRate, long seed) {
        /** Validates the values. */
        public Options {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("invalid classifier training options: " + epochs + " epochs, batch "
                        + batchSize + ", lr " + learningRate);
            }
        }

        /** @return the options the shipped MNIST weights were trained with: 3 epochs, batch 128, lr 2e-3, seed 1 */
        public static Options defaults() {
            return new Options(3, 128, 2e-3f, 1);
        }
    }

    /** Reports progress. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param epoch the epoch just finished, from 1
         * @param meanLoss its mean training cross-entropy
         * @param seconds its wall-clock time
         */
        void epochDone(int epoch, double meanLoss, double seconds);
    }

    private ClassifierTraining() {}

    /**
     * @param data the training images and labels (labels in [0, classes))
     * @param config the network's sizes (must match the images)
     * @param options the schedule and seed
     * @param progress called after each epoch
     * @return the trained classifier, in evaluation mode
     */
    public static Classifier train(LabelledImages data, Classifier.Config config, Options options, Progress progress) {
        if (data.channels() != config.channels() || data.height() != config.size() || data.width() != config.size()) {
            throw new IllegalArgumentException("images are " + data.channels() + "x" + data.height() + "x" + data.width()
                    + " but the classifier expects " + config.channels() + "x" + config.size() + "x" + config.size());
        }
        for (int y : data.labels()) {
            if (y < 0 || y >= config.classes()) {
                throw new IllegalArgumentException("label " + y + " outside [0, " + config.classes() + ")");
            }
        }
        Rng root = new Rng(options.seed());
        Classifier model = new Classifier(config, root.split("init"));
        Rng order = root.split("data");
        Adam adam = new Adam(model.parameters(), Adam.Config.of(options.learningRate()));
        model.train();
        int n = data.size();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            if (epoch == options.epochs() && options.epochs() > 1) {
                adam.setLearningRate(options.learningRate() / 10);
            }
            long start = System.nanoTime();
            int[] perm = order.permutation(n);
            double lossSum = 0;
            int batches = 0;
            for (int from = 0; from < n; from += options.batchSize()) {
                int to = Math.min(n, from + options.batchSize());
                int[] idx = java.util.Arrays.copyOfRange(perm, from, to);
                int[] y = new int[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    y[i] = data.labels()[idx[i]];
                }
                adam.zeroGrad();
                Variable loss = crossEntropy(model.forward(Variable.of(data.images(idx))), y);
                loss.backward();
                adam.step();
                lossSum += loss.item();
                batches++;
            }
            progress.epochDone(epoch, lossSum / batches, (System.nanoTime() - start) / 1e9);
        }
        model.eval();
        return model;
    }

    /**
     * The mean cross-entropy of logits against labels, through a log-softmax whose row maximum is
     * subtracted as a constant (it cancels in the gradient, and keeps exp from overflowing).
     *
     * @param logits [B, C]
     * @param labels B class indices
     * @return the scalar loss
     */
    public static Variable crossEntropy(Variable logits, int[] labels) {
        int b = logits.dim(0);
        int c = logits.dim(1);
        if (labels.length != b) {
            throw new IllegalArgumentException(labels.length + " labels for " + b + " rows of logits");
        }
        Tensor max = logits.value().max(true, 1);
        Variable shifted = logits.sub(Variable.of(max));
        Variable logProbs = shifted.sub(shifted.exp().sum(true, 1).log());
        float[] onehot = new float[b * c];
        for (int i = 0; i < b; i++) {
            onehot[i * c + labels[i]] = 1f;
        }
        return logProbs.mul(Variable.of(Tensor.wrap(onehot, b, c))).sum().mul(-1f / b);
    }

    /**
     * @param model the classifier
     * @param data labelled images
     * @return the share classified correctly (argmax of the logits)
     */
    public static double accuracy(Classifier model, LabelledImages data) {
        int correct = 0;
        int n = data.size();
        int chunk = 2000;
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            int[] predicted = model.evaluate(data.images(from, to), 500).probabilities().argmax(1);
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == data.labels()[from + i]) {
                    correct++;
                }
            }
        }
        return (double) correct / n;
    }
}
