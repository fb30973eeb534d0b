package io.jgan.models;

import io.jgan.autograd.Variable;
import io.jgan.nn.LeakyReLU;
import io.jgan.nn.Linear;
import io.jgan.nn.ReLU;
import io.jgan.nn.Sequential;
import io.jgan.nn.Tanh;
import io.jgan.tensor.Rng;

/**
 * The MLP GAN of the source texts ({@code MlpG}/{@code MlpD} in the anchors) and the toy 2-D MLP of
 * the WGAN-GP experiments. PyTorch's default initialisation.
 */
public final class Mlp {
    private Mlp() {}

    /** G: z -> h -> h -> C*H*W, LeakyReLU(0.2), tanh; the output reshaped to [B, C, H, W]. */
    public static final class G extends Generator {
        private final Sequential net;
        private final int latent;
        private final int[] shape;

        /**
         * @param latent z size (the anchors use 64)
         * @param hidden hidden width (256)
         * @param shape sample shape [C, H, W]
         * @param rng initialisation stream
         */
        public G(int latent, int hidden, int[] shape, Rng rng) {
            this(latent, hidden, shape, 0.0, rng);
        }

        /**
         * @param latent z size
         * @param hidden hidden width
         * @param shape sample shape [C, H, W]
         * @param dropout dropout after each hidden activation (the source texts' "dropout in G"; 0: none)
         * @param rng initialisation stream (dropout masks use a split of it)
         */
        public G(int latent, int hidden, int[] shape, double dropout, Rng rng) {
            this.latent = latent;
            this.shape = shape.clone();
            int out = 1;
            for (int d : shape) {
                out *= d;
            }
            Rng dropRng = rng.split("dropout");
            java.util.List<io.jgan.nn.Module> l = new java.util.ArrayList<>();
            l.add(new Linear(Linear.Config.of(latent, hidden), rng));
            l.add(new LeakyReLU(0.2f));
            if (dropout > 0) {
                l.add(new io.jgan.nn.Dropout(new io.jgan.nn.Dropout.Config(dropout), dropRng.split("1")));
            }
            l.add(new Linear(Linear.Config.of(hidden, hidden), rng));
            l.add(new LeakyReLU(0.2f));
            if (dropout > 0) {
                l.add(new io.jgan.nn.Dropout(new io.jgan.nn.Dropout.Config(dropout), dropRng.split("2")));
            }
            l.add(new Linear(Linear.Config.of(hidden, out), rng));
            l.add(new Tanh());
            net = registerModule("net", Dcgan28.seq(l));
        }

        @Override public int latentDim() { return latent; }
        @Override public int[] sampleShape() { return shape.clone(); }

        @Override
        public Variable forward(Variable z) {
            int[] d = new int[shape.length + 1];
            d[0] = z.dim(0);
            System.arraycopy(shape, 0, d, 1, shape.length);
            return net.forward(z).reshape(d);
        }
    }

    /** D: flatten -> h -> h -> 1, LeakyReLU(0.2), no sigmoid (the losses take logits). */
    public static final class D extends Critic {
        private final Sequential net;

        /**
         * @param in flattened sample size
         * @param hidden hidden width (256)
         * @param rng initialisation stream
         */
        public D(int in, int hidden, Rng rng) {
            net = registerModule("net", new Sequential(new Linear(Linear.Config.of(in, hidden), rng), new LeakyReLU(0.2f),
                    new Linear(Linear.Config.of(hidden, hidden), rng), new LeakyReLU(0.2f),
                    new Linear(Linear.Config.of(hidden, 1), rng)));
        }

        @Override
        public Variable forward(Variable x) {
            return net.forward(x.reshape(x.dim(0), -1));
        }
    }

    /** The toy generator: z (2) -> 512 -> 512 -> 512 -> 2 with ReLU, linear output. */
    public static final class ToyG extends Generator {
        private final Sequential net;
        private final int latent;

        /**
         * @param latent z size (2 in the WGAN-GP toy experiments)
         * @param hidden width (512)
         * @param rng initialisation stream
         */
        public ToyG(int latent, int hidden, Rng rng) {
            this.latent = latent;
            net = registerModule("net", new Sequential(new Linear(Linear.Config.of(latent, hidden), rng), new ReLU(),
                    new Linear(Linear.Config.of(hidden, hidden), rng), new ReLU(),
                    new Linear(Linear.Config.of(hidden, hidden), rng), new ReLU(),
                    new Linear(Linear.Config.of(hidden, 2), rng)));
        }

        @Override public int latentDim() { return latent; }
        @Override public int[] sampleShape() { return new int[] {2}; }
        @Override public Variable forward(Variable z) { return net.forward(z); }
    }

    /** The toy critic: 2 -> 512 -> 512 -> 512 -> 1 with ReLU. */
    public static final class ToyD extends Critic {
        private final Sequential net;

        /**
         * @param hidden width (512)
         * @param rng initialisation stream
         */
        public ToyD(int hidden, Rng rng) {
            net = registerModule("net", new Sequential(new Linear(Linear.Config.of(2, hidden), rng), new ReLU(),
                    new Linear(Linear.Config.of(hidden, hidden), rng), new ReLU(),
                    new Linear(Linear.Config.of(hidden, hidden), rng), new ReLU(),
                    new Linear(Linear.Config.of(hidden, 1), rng)));
        }

        @Override public Variable forward(Variable x) { return net.forward(x); }
    }
}
