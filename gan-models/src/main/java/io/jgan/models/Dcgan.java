package io.jgan.models;

import io.jgan.autograd.Variable;
import io.jgan.nn.BatchNorm;
import io.jgan.nn.BatchNorm2d;
import io.jgan.nn.Conv2d;
import io.jgan.nn.ConvTranspose2d;
import io.jgan.nn.LeakyReLU;
import io.jgan.nn.Module;
import io.jgan.nn.ReLU;
import io.jgan.nn.Tanh;
import io.jgan.tensor.Rng;

import java.util.ArrayList;
import java.util.List;

/**
 * DCGAN (Radford et al. 2016) for 32x32 and 64x64 images, as in the PyTorch DCGAN example: 4x4
 * stride-2 (transposed) convolutions, batch norm except on D's first and G's last layer, ReLU in G,
 * LeakyReLU(0.2) in D, tanh output, no bias before batch norm.
 */
public final class Dcgan {
    private Dcgan() {}

    private static int layersFor(int size) {
        if (size != 32 && size != 64) {
            throw new IllegalArgumentException("DCGAN supports image sizes 32 and 64, got " + size + " (use dcgan for 28x28)");
        }
        return size == 32 ? 3 : 4;
    }

    /** G: z as [B, z, 1, 1], ConvT 4x4 s1 to 4x4, then 4x4 s2 doublings to the image size. */
    public static final class G extends Generator {
        private final Module net;
        private final int latent;
        private final int channels;
        private final int size;

        /**
         * @param latent z size (100)
         * @param channels output channels (1 or 3)
         * @param size 32 or 64
         * @param width the base width ngf (64)
         * @param rng initialisation stream
         */
        public G(int latent, int channels, int size, int width, Rng rng) {
            this.latent = latent;
            this.channels = channels;
            this.size = size;
            int ups = layersFor(size);
            List<Module> l = new ArrayList<>();
            int c = width << (ups - 1);
            l.add(new ConvTranspose2d(new ConvTranspose2d.Config(latent, c, 4, 1, 0, 0, false), rng));
            l.add(new BatchNorm2d(BatchNorm.Config.of(c)));
            l.add(new ReLU());
            for (int i = 1; i < ups; i++) {
                l.add(new ConvTranspose2d(new ConvTranspose2d.Config(c, c / 2, 4, 2, 1, 0, false), rng));
                l.add(new BatchNorm2d(BatchNorm.Config.of(c / 2)));
                l.add(new ReLU());
                c /= 2;
            }
            l.add(new ConvTranspose2d(new ConvTranspose2d.Config(c, channels, 4, 2, 1, 0, false), rng));
            l.add(new Tanh());
            net = registerModule("net", Dcgan28.seq(l));
        }

        @Override public int latentDim() { return latent; }
        @Override public int[] sampleShape() { return new int[] {channels, size, size}; }

        @Override
        public Variable forward(Variable z) {
            return net.forward(z.reshape(z.dim(0), latent, 1, 1));
        }
    }

    /** D: 4x4 s2 convolutions halving to 4x4, then a 4x4 convolution to one score. */
    public static final class D extends Critic {
        private final Module net;

        /**
         * @param channels input channels
         * @param size 32 or 64
         * @param width the base width ndf (64)
         * @param norm the normalisation after every convolution but the first and last
         * @param rng initialisation stream
         */
        public D(int channels, int size, int width, CriticNorm norm, Rng rng) {
            int downs = layersFor(size);
            List<Module> l = new ArrayList<>();
            l.add(new Conv2d(new Conv2d.Config(channels, width, 4, 2, 1, false), rng));
            l.add(new LeakyReLU(0.2f));
            int c = width;
            int s = size / 2;
            for (int i = 1; i < downs; i++) {
                l.add(new Conv2d(new Conv2d.Config(c, c * 2, 4, 2, 1, false), rng));
                c *= 2;
                s /= 2;
                if (norm != CriticNorm.NONE) {
                    l.add(norm.forMap(c, s, s));
                }
                l.add(new LeakyReLU(0.2f));
            }
            l.add(new Conv2d(new Conv2d.Config(c, 1, 4, 1, 0, false), rng));
            net = registerModule("net", Dcgan28.seq(l));
        }

        @Override
        public Variable forward(Variable x) {
            return net.forward(x).reshape(x.dim(0), 1);
        }
    }
}
