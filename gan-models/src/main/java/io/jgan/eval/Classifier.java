package io.jgan.eval;

import io.jgan.autograd.GradMode;
import io.jgan.autograd.Variable;
import io.jgan.nn.Conv2d;
import io.jgan.nn.Flatten;
import io.jgan.nn.Linear;
import io.jgan.nn.Module;
import io.jgan.nn.ReLU;
import io.jgan.nn.Sequential;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.Json;
import io.jgan.tensor.io.Safetensors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small CNN whose penultimate features stand in for Inception's in jgan's FID, KID and
 * precision/recall, and whose softmax gives the Inception-style score:
 * <pre>
 *   conv 1-&gt;16 5x5 s2 p2, ReLU (28 -&gt; 14)   conv 16-&gt;32 5x5 s2 p2, ReLU (14 -&gt; 7)
 *   flatten 32*7*7, linear -&gt; 64, ReLU  (the features)     linear 64 -&gt; 10 (the logits)
 * </pre>
 * Inputs are images in [-1, 1], [N, 1, 28, 28] or flattened [N, 784]. The MNIST weights ship in
 * this module ({@link #mnist()}); {@link ClassifierTraining} reproduces them.
 */
public final class Classifier extends Module {
    /** The shipped MNIST weights, a resource of this package. */
    public static final String MNIST_RESOURCE = "mnist-classifier.safetensors";
    private static final String FORMAT = "jgan-classifier-1";

    /**
     * @param channels input channels
     * @param size input side (square images, a multiple of 4)
     * @param conv1 channels of the first convolution
     * @param conv2 channels of the second convolution
     * @param features width of the penultimate layer
     * @param classes number of classes
     */
    public record Config(int channels, int size, int conv1, int conv2, int features, int classes) {
        /** Validates the sizes. */
        public Config {
            if (channels <= 0 || size <= 0 || size % 4 != 0 || conv1 <= 0 || conv2 <= 0 || features <= 0 || classes < 2) {
                throw new IllegalArgumentException("invalid classifier config " + channels + "x" + size + "x" + size + ", "
                        + conv1 + "/" + conv2 + "/" + features + "/" + classes);
            }
        }

        /** @return the MNIST / Fashion-MNIST network: 1x28x28, 16, 32, 64 features, 10 classes */
        public static Config mnist() {
            return new Config(1, 28, 16, 32, 64, 10);
        }

        String toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("channels", channels);
            m.put("size", size);
            m.put("conv1", conv1);
            m.put("conv2", conv2);
            m.put("features", features);
            m.put("classes", classes);
            return Json.write(m);
        }

        static Config fromJson(String json) {
            if (!(Json.parse(json) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("classifier config must be a JSON object, got " + json);
            }
            return new Config(intOf(m, "channels"), intOf(m, "size"), intOf(m, "conv1"), intOf(m, "conv2"),
                    intOf(m, "features"), intOf(m, "classes"));
        }

        private static int intOf(Map<?, ?> m, String key) {
            if (!(m.get(key) instanceof Number n)) {
                throw new IllegalArgumentException("classifier config lacks the number \"" + key + "\"");
            }
            return n.intValue();
        }
    }

    /**
     * One pass over a set of images.
     *
     * @param features [N, features] penultimate activations
     * @param probabilities [N, classes] softmax outputs
     */
    public record Outputs(Tensor features, Tensor probabilities) {}

    private final Config config;
    private final Sequential body;
    private final Linear head;

    /**
     * @param config the sizes
     * @param rng the initialisation stream
     */
    public Classifier(Config config, Rng rng) {
        this.config = config;
        int flat = config.conv2() * (config.size() / 4) * (config.size() / 4);
        body = registerModule("features", new Sequential(
                new Conv2d(new Conv2d.Config(config.channels(), config.conv1(), 5, 2, 2, true), rng),
                new ReLU(),
                new Conv2d(new Conv2d.Config(config.conv1(), config.conv2(), 5, 2, 2, true), rng),
                new ReLU(),
                new Flatten(),
                new Linear(Linear.Config.of(flat, config.features()), rng),
                new ReLU()));
        head = registerModule("head", new Linear(Linear.Config.of(config.features(), config.classes()), rng));
    }

    /** @return the sizes */
    public Config config() {
        return config;
    }

    /** @return the penultimate-feature network (everything but the last linear layer) */
    public Module featureNetwork() {
        return body;
    }

    /** @param x images [N, C, H, W] or [N, C*H*W] in [-1, 1] @return the logits [N, classes] */
    @Override
    public Variable forward(Variable x) {
        return head.forward(body.forward(asImages(x)));
    }

    private Variable asImages(Variable x) {
        int c = config.channels();
        int s = config.size();
        if (x.rank() == 4 && x.dim(1) == c && x.dim(2) == s && x.dim(3) == s) {
            return x;
        }
        if (x.rank() >= 2 && x.size() == x.dim(0) * c * s * s) {
            return x.reshape(x.dim(0), c, s, s);
        }
        throw new IllegalArgumentException("the classifier expects images [N, " + c + ", " + s + ", " + s + "] (or flattened), got "
                + x.shape());
    }

    /**
     * Features and class probabilities of many images, in evaluation mode and without a graph,
     * {@code batch} images at a time.
     *
     * @param images [N, C, H, W] or [N, C*H*W] in [-1, 1]
     * @param batch images per forward pass
     * @return the features and probabilities
     */
    public Outputs evaluate(Tensor images, int batch) {
        int n = images.dim(0);
        int f = config.features();
        int k = config.classes();
        float[] feats = new float[n * f];
        float[] probs = new float[n * k];
        boolean wasTraining = isTraining();
        eval();
        try (var ng = GradMode.noGrad()) {
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                Variable h = body.forward(asImages(Variable.of(images.slice(from, to))));
                float[] logits = head.forward(h).value().toArray();
                System.arraycopy(h.value().toArray(), 0, feats, from * f, (to - from) * f);
                softmaxRows(logits, to - from, k, probs, from * k);
            }
        } finally {
            train(wasTraining);
        }
        return new Outputs(Tensor.wrap(feats, n, f), Tensor.wrap(probs, n, k));
    }

    /** Softmax with the row maximum subtracted, in double, so confident logits do not overflow. */
    private static void softmaxRows(float[] logits, int rows, int k, float[] out, int outOffset) {
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits[r * k + j]);
            }
            double sum = 0;
            double[] e = new double[k];
            for (int j = 0; j < k; j++) {
                e[j] = Math.exp(logits[r * k + j] - max);
                sum += e[j];
            }
            for (int j = 0; j < k; j++) {
                out[outOffset + r * k + j] = (float) (e[j] / sum);
            }
        }
    }

    /**
     * Writes the weights with the configuration (and any notes) in the metadata.
     *
     * @param file the target, replaced atomically
     * @param notes extra metadata, e.g. the dataset and the test accuracy
     * @throws IOException if writing fails
     */
    public void save(Path file, Map<String, String> notes) throws IOException {
        Map<String, String> md = new LinkedHashMap<>(notes);
        md.put("format", FORMAT);
        md.put("config", config.toJson());
        Safetensors.write(file, stateDict(), md);
    }

    /**
     * @param file a file written by {@link #save}
     * @return the classifier, in evaluation mode
     * @throws IOException if the file cannot be read or does not hold a classifier
     */
    public static Classifier load(Path file) throws IOException {
        return fromContents(Safetensors.read(file), file.toString());
    }

    /** @return the shipped MNIST classifier (a fresh copy on each call, in evaluation mode) */
    public static Classifier mnist() {
        try (InputStream in = Classifier.class.getResourceAsStream(MNIST_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the MNIST classifier resource " + MNIST_RESOURCE + " is missing from io.jgan.models");
            }
            return fromContents(Safetensors.read(in.readAllBytes(), MNIST_RESOURCE), MNIST_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the metadata stored with the shipped MNIST weights (dataset, accuracy, command) */
    public static Map<String, String> mnistMetadata() {
        try (InputStream in = Classifier.class.getResourceAsStream(MNIST_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the MNIST classifier resource " + MNIST_RESOURCE + " is missing from io.jgan.models");
            }
            return Safetensors.read(in.readAllBytes(), MNIST_RESOURCE).metadata();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Classifier fromContents(Safetensors.Contents c, String name) throws IOException {
        if (!FORMAT.equals(c.metadata().get("format")) || c.metadata().get("config") == null) {
            throw new io.jgan.tensor.io.SafetensorsFormatException(name, "not a jgan classifier (no format tag " + FORMAT + ")");
        }
        Config cfg;
        try {
            cfg = Config.fromJson(c.metadata().get("config"));
        } catch (IllegalArgumentException e) {
            throw new io.jgan.tensor.io.SafetensorsFormatException(name, e.getMessage());
        }
        Classifier m = new Classifier(cfg, new Rng(0));
        try {
            m.loadStateDict(c.tensors(), true);
        } catch (IllegalArgumentException e) {
            throw new io.jgan.tensor.io.SafetensorsFormatException(name, e.getMessage());
        }
        m.eval();
        return m;
    }
}
