package io.jgan.models;

import io.jgan.autograd.Ops;
import io.jgan.autograd.Variable;
import io.jgan.nn.Embedding;
import io.jgan.nn.Linear;
import io.jgan.tensor.Rng;

import java.util.List;

/**
 * Conditional GANs p(x | c): a label embedding joined to z in G; in D joined to the input (MLP) or
 * by projection (DCGAN: score = head(phi(x)) + &lt;embed(c), phi(x)&gt;, Miyato and Koyama 2018).
 */
public final class Conditional {
    private Conditional() {}

    static void checkLabels(int[] labels, int batch, int classes) {
        if (labels == null || labels.length != batch) {
            throw new IllegalArgumentException("a conditional model needs one label per sample: batch " + batch
                    + ", labels " + (labels == null ? "none" : String.valueOf(labels.length)));
        }
        for (int y : labels) {
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " outside [0, " + classes + ")");
            }
        }
    }

    /** A generator whose input is concat(z, embed(label)). */
    public static final class G extends Generator {
        private final Embedding embed;
        private final Generator inner;
        private final int classes;

        /**
         * @param classes number of classes
         * @param embedDim embedding size
         * @param inner a generator whose input size is latent + embedDim (built by {@link Models})
         * @param rng initialisation stream
         */
        G(int classes, int embedDim, Generator inner, Rng rng) {
            this.classes = classes;
            embed = registerModule("embed", new Embedding(new Embedding.Config(classes, embedDim), rng));
            this.inner = registerModule("g", inner);
        }

        @Override public int latentDim() { return inner.latentDim(); }
        @Override public int[] sampleShape() { return inner.sampleShape(); }
        @Override public boolean conditional() { return true; }

        @Override
        public Variable generate(Variable z, int[] labels) {
            checkLabels(labels, z.dim(0), classes);
            return inner.forward(Ops.concat(List.of(z, embed.forward(labels)), 1));
        }

        @Override
        public Variable forward(Variable z) {
            throw new IllegalArgumentException("a conditional generator needs labels: call generate(z, labels)");
        }
    }

    /** The conditional MLP critic: input concat(flatten(x), embed(label)). */
    public static final class MlpD extends Critic {
        private final Embedding embed;
        private final Mlp.D inner;
        private final int classes;

        MlpD(int classes, int embedDim, int in, int hidden, Rng rng) {
            this.classes = classes;
            embed = registerModule("embed", new Embedding(new Embedding.Config(classes, embedDim), rng));
            inner = registerModule("d", new Mlp.D(in + embedDim, hidden, rng));
        }

        @Override public boolean conditional() { return true; }

        @Override
        public Variable score(Variable x, int[] labels) {
            checkLabels(labels, x.dim(0), classes);
            return inner.forward(Ops.concat(List.of(x.reshape(x.dim(0), -1), embed.forward(labels)), 1));
        }

        @Override
        public Variable forward(Variable x) {
            throw new IllegalArgumentException("a conditional critic needs labels: call score(x, labels)");
        }
    }

    /** The projection critic on the InfoGAN discriminator's 1024 features. */
    public static final class ProjectionD extends Critic {
        private final Dcgan28.InfoD inner;
        private final Embedding embed;
        private final int classes;

        ProjectionD(int classes, int channels, CriticNorm norm, Rng rng) {
            this.classes = classes;
            inner = registerModule("d", new Dcgan28.InfoD(channels, norm, rng));
            embed = registerModule("embed", new Embedding(new Embedding.Config(classes, 1024), rng));
        }

        @Override public boolean conditional() { return true; }

        @Override
        public Variable score(Variable x, int[] labels) {
            checkLabels(labels, x.dim(0), classes);
            Variable phi = inner.features(x);
            Linear head = inner.head();
            Variable proj = phi.mul(embed.forward(labels)).sum(true, 1);
            return head.forward(phi).add(proj);
        }

        @Override
        public Variable forward(Variable x) {
            throw new IllegalArgumentException("a conditional critic needs labels: call score(x, labels)");
        }
    }
}
