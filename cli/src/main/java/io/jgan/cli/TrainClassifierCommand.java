package io.jgan.cli;

import io.jgan.datasets.Split;
import io.jgan.eval.Classifier;
import io.jgan.eval.ClassifierTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code jgan train-classifier}: trains the evaluation classifier on a training split and reports
 * its test accuracy. With the defaults and MNIST this reproduces the weights that ship in
 * gan-models; with {@code --dataset fashion-mnist} it makes the Fashion-MNIST classifier that
 * {@code jgan eval --classifier FILE} then uses.
 */
@Command(name = "train-classifier", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train the evaluation classifier (the CNN whose features FID/KID/precision/recall use) on a"
                + " training split; prints the test accuracy and writes the weights.")
final class TrainClassifierCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--dataset", paramLabel = "NAME", description = EvalData.SUPPORTED + " (default mnist)")
    String dataset = "mnist";
    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "the dataset's directory (training and test files)")
    Path dataDir;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the weights (.safetensors)")
    Path out;
    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training images (default 3; the last at a tenth of the rate)")
    int epochs = ClassifierTraining.Options.defaults().epochs();
    @Option(names = "--batch-size", paramLabel = "N", description = "images per step (default 128)")
    int batchSize = ClassifierTraining.Options.defaults().batchSize();
    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate (default 0.002)")
    float lr = ClassifierTraining.Options.defaults().learningRate();
    @Option(names = "--seed", paramLabel = "S", description = "seed of the initialisation and data order (default 1)")
    long seed = ClassifierTraining.Options.defaults().seed();
    @Option(names = "--train-limit", paramLabel = "N", description = "train on the first N training images only (default: all)")
    Integer trainLimit;

    @Override
    public Integer call() throws IOException {
        EvalData.check(dataset);
        if (!out.getFileName().toString().endsWith(".safetensors")) {
            throw new UserError("--out must end in .safetensors, got " + out);
        }
        if (out.getParent() != null && !Files.isDirectory(out.getParent())) {
            throw new UserError("the directory of --out does not exist: " + out.getParent());
        }
        ClassifierTraining.Options opts = new ClassifierTraining.Options(epochs, batchSize, lr, seed);
        PrintStream o = main.out();
        if (trainLimit != null && trainLimit < 1) {
            throw new UserError("--train-limit must be positive, got " + trainLimit);
        }
        EvalData.Images train = EvalData.load(dataset, dataDir, Split.TRAIN);
        if (trainLimit != null && trainLimit < train.images().size()) {
            train = new EvalData.Images(train.images().subset(0, trainLimit), train.description() + ", the first " + trainLimit + " used");
        }
        EvalData.Images test = EvalData.load(dataset, dataDir, Split.TEST);
        o.println("training the " + dataset + " classifier on " + train.description() + ": " + epochs + " epochs, batch "
                + batchSize + ", lr " + lr + ", seed " + seed);
        long t0 = System.nanoTime();
        Classifier c = ClassifierTraining.train(train.images(), Classifier.Config.mnist(), opts,
                (epoch, loss, secs) -> o.printf(Locale.ROOT, "epoch %d/%d: loss %.4f (%s)%n", epoch, epochs, loss, Durations.format(secs)));
        double secs = (System.nanoTime() - t0) / 1e9;
        double acc = ClassifierTraining.accuracy(c, test.images());
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("dataset", dataset);
        notes.put("test_accuracy", Double.toString(acc));
        notes.put("epochs", Integer.toString(epochs));
        notes.put("batch_size", Integer.toString(batchSize));
        notes.put("lr", Float.toString(lr));
        notes.put("seed", Long.toString(seed));
        notes.put("train_images", Integer.toString(train.images().size()));
        notes.put("command", "jgan train-classifier --dataset " + dataset + " --data-dir DIR --out FILE --epochs " + epochs
                + " --batch-size " + batchSize + " --lr " + lr + " --seed " + seed
                + (trainLimit != null ? " --train-limit " + trainLimit : ""));
        c.save(out, notes);
        o.printf(Locale.ROOT, "test accuracy %.4f on %s; trained in %s; wrote %s%n", acc, test.description(), Durations.format(secs), out);
        return Main.OK;
    }
}
