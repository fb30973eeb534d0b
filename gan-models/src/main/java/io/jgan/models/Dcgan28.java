package io.jgan.models;

import io.jgan.autograd.Variable;
import io.jgan.nn.BatchNorm;
import io.jgan.nn.BatchNorm1d;
import io.jgan.nn.BatchNorm2d;
import io.jgan.nn.Conv2d;
import io.jgan.nn.ConvTranspose2d;
import io.jgan.nn.Dropout;
import io.jgan.nn.LeakyReLU;
import io.jgan.nn.Linear;
import io.jgan.nn.Module;
import io.jgan.nn.ReLU;
import io.jgan.nn.Sequential;
import io.jgan.nn.Tanh;
import io.jgan.tensor.Rng;

import java.util.ArrayList;
import java.util.List;

/**
 * The two DCGANs for 28x28 images: the Keras model of the source texts ({@code DcG}/{@code DcD} in
 * the anchors, {@code --model dcgan-keras}) and the InfoGAN paper's MNIST networks
 * ({@code MnistG}/{@code MnistD}, jgan's default {@code --model dcgan}).
 */
public final class Dcgan28 {
    private Dcgan28() {}

    static Sequential seq(List<Module> layers) {
        return new Sequential(layers.toArray(new Module[0]));
    }

    /** Keras G: Dense(7*7*256, no bias), BN, ReLU, ConvT 5x5 s1 -> 128, BN, ReLU, ConvT 5x5 s2 -> 64, BN, ReLU, ConvT 5x5 s2 -> C, tanh. */
    public static final class KerasG extends Generator {
        private final Linear fc;
        private final Sequential net;
        private final int latent;
        private final int channels;

        /**
         * @param latent z size (100)
         * @param channels output channels
         * @param rng initialisation stream
         */
        public KerasG(int latent, int channels, Rng rng) {
            this.latent = latent;
            this.channels = channels;
            fc = registerModule("fc", new Linear(new Linear.Config(latent, 7 * 7 * 256, false), rng));
            net = registerModule("net", new Sequential(
                    new BatchNorm2d(BatchNorm.Config.of(256)), new ReLU(),
                    new ConvTranspose2d(new ConvTranspose2d.Config(256, 128, 5, 1, 2, 0, false), rng),
                    new BatchNorm2d(BatchNorm.Config.of(128)), new ReLU(),
                    new ConvTranspose2d(new ConvTranspose2d.Config(128, 64, 5, 2, 2, 1, false), rng),
                    new BatchNorm2d(BatchNorm.Config.of(64)), new ReLU(),
                    new ConvTranspose2d(new ConvTranspose2d.Config(64, channels, 5, 2, 2, 1, false), rng), new Tanh()));
        }

        @Override public int latentDim() { return latent; }
        @Override public int[] sampleShape() { return new int[] {channels, 28, 28}; }

        @Override
        public Variable forward(Variable z) {
            return net.forward(fc.forward(z).reshape(z.dim(0), 256, 7, 7));
        }
    }

    /**
     * Keras D: Conv 5x5 s2 -> 64, LeakyReLU(0.2), Dropout(0.3), Conv 5x5 s2 -> 128, LeakyReLU(0.2),
     * Dropout(0.3), Flatten, Dense(1). With norm NONE the dropouts go too (the anchors' WGAN-GP critic);
     * BATCH or LAYER adds that normalisation after the second convolution instead of dropout.
     */
    public static final class KerasD extends Critic {
        private final Sequential net;
        private final Linear fc;

        /**
         * @param channels input channels
         * @param norm null for the Keras original (dropout), else the critic normalisation
         * @param rng initialisation stream (weights and dropout masks use separate splits)
         */
        public KerasD(int channels, CriticNorm norm, Rng rng) {
            Rng dropRng = rng.split("dropout");
            List<Module> l = new ArrayList<>();
            l.add(new Conv2d(new Conv2d.Config(channels, 64, 5, 2, 2, true), rng));
            l.add(new LeakyReLU(0.2f));
            if (norm == null) {
                l.add(new Dropout(new Dropout.Config(0.3), dropRng.split("d1")));
            }
            l.add(new Conv2d(new Conv2d.Config(64, 128, 5, 2, 2, true), rng));
            if (norm != null && norm != CriticNorm.NONE) {
                l.add(norm.forMap(128, 7, 7));
            }
            l.add(new LeakyReLU(0.2f));
            if (norm == null) {
                l.add(new Dropout(new Dropout.Config(0.3), dropRng.split("d2")));
            }
            net = registerModule("net", seq(l));
            fc = registerModule("fc", new Linear(Linear.Config.of(128 * 7 * 7, 1), rng));
        }

        @Override
        public Variable forward(Variable x) {
            return fc.forward(net.forward(x).flatten());
        }
    }

    /** InfoGAN MNIST G: FC 1024, BN, ReLU, FC 7*7*128, BN, ReLU, ConvT 4x4 s2 -> 64, BN, ReLU, ConvT 4x4 s2 -> C, tanh. */
    public static final class InfoG extends Generator {
        private final Sequential fc;
        private final Sequential net;
        private final int latent;
        private final int inputDim;
        private final int channels;

        /**
         * @param latent z size (62)
         * @param extraInput size of a code joined to z (conditional models), else 0
         * @param channels output channels
         * @param rng initialisation stream
         */
        public InfoG(int latent, int extraInput, int channels, Rng rng) {
            this(latent, extraInput, channels, 0.0, rng);
        }

        /**
         * @param latent z size (62)
         * @param extraInput size of a code joined to z (conditional models), else 0
         * @param channels output channels
         * @param dropout dropout after each fully connected block (the source texts' "dropout in G"; 0: none)
         * @param rng initialisation stream (dropout masks use a split of it)
         */
        public InfoG(int latent, int extraInput, int channels, double dropout, Rng rng) {
            this.latent = latent;
            this.inputDim = latent + extraInput;
            this.channels = channels;
            Rng dropRng = rng.split("dropout");
            List<Module> l = new ArrayList<>();
            l.add(new Linear(Linear.Config.of(inputDim, 1024), rng));
            l.add(new BatchNorm1d(BatchNorm.Config.of(1024)));
            l.add(new ReLU());
            if (dropout > 0) {
                l.add(new Dropout(new Dropout.Config(dropout), dropRng.split("1")));
            }
            l.add(new Linear(Linear.Config.of(1024, 128 * 7 * 7), rng));
            l.add(new BatchNorm1d(BatchNorm.Config.of(128 * 7 * 7)));
            l.add(new ReLU());
            if (dropout > 0) {
                l.add(new Dropout(new Dropout.Config(dropout), dropRng.split("2")));
            }
            fc = registerModule("fc", seq(l));
            net = registerModule("net", new Sequential(new ConvTranspose2d(new ConvTranspose2d.Config(128, 64, 4, 2, 1, 0, true), rng),
                    new BatchNorm2d(BatchNorm.Config.of(64)), new ReLU(),
                    new ConvTranspose2d(new ConvTranspose2d.Config(64, channels, 4, 2, 1, 0, true), rng), new Tanh()));
        }

        @Override public int latentDim() { return latent; }
        @Override public int[] sampleShape() { return new int[] {channels, 28, 28}; }

        @Override
        public Variable forward(Variable z) {
            if (z.rank() != 2 || z.dim(1) != inputDim) {
                throw new IllegalArgumentException("InfoGAN generator expects [B, " + inputDim + "], got " + z.shape());
            }
            return net.forward(fc.forward(z).reshape(z.dim(0), 128, 7, 7));
        }
    }

    /** InfoGAN MNIST D: Conv 4x4 s2 -> 64, LReLU, Conv 4x4 s2 -> 128, [norm], LReLU, FC 1024, [norm], LReLU, FC 1. */
    public static final class InfoD extends Critic {
        private final Sequential net;
        private final Sequential fc;

        /**
         * @param channels input channels
         * @param norm the critic normalisation (BATCH in the paper)
         * @param rng initialisation stream
         */
        public InfoD(int channels, CriticNorm norm, Rng rng) {
            List<Module> conv = new ArrayList<>();
            conv.add(new Conv2d(new Conv2d.Config(channels, 64, 4, 2, 1, true), rng));
            conv.add(new LeakyReLU(0.2f));
            conv.add(new Conv2d(new Conv2d.Config(64, 128, 4, 2, 1, true), rng));
            if (norm != CriticNorm.NONE) {
                conv.add(norm.forMap(128, 7, 7));
            }
            conv.add(new LeakyReLU(0.2f));
            net = registerModule("net", seq(conv));
            List<Module> head = new ArrayList<>();
            head.add(new Linear(Linear.Config.of(128 * 7 * 7, 1024), rng));
            if (norm != CriticNorm.NONE) {
                head.add(norm.forFeatures(1024));
            }
            head.add(new LeakyReLU(0.2f));
            head.add(new Linear(Linear.Config.of(1024, 1), rng));
            fc = registerModule("fc", seq(head));
        }

        /**
         * @param x images [B, C, 28, 28]
         * @return the 1024 features before the last layer
         */
        Variable features(Variable x) {
            Variable h = net.forward(x).flatten();
            Sequential s = fc;
            for (int i = 0; i < s.size() - 1; i++) {
                h = s.get(i).forward(h);
            }
            return h;
        }

        /** @return the last linear layer */
        Linear head() {
            return (Linear) fc.get(fc.size() - 1);
        }

        @Override
        public Variable forward(Variable x) {
            return fc.forward(net.forward(x).flatten());
        }
    }
}
