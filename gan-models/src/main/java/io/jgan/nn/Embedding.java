package io.jgan.nn;

import io.jgan.autograd.Ops;
import io.jgan.autograd.Variable;
import io.jgan.nn.init.Init;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

/**
 * A lookup table of learned vectors ({@code torch.nn.Embedding}), e.g. class embeddings of a
 * conditional GAN. Parameter {@code weight} [numEmbeddings, dim], initialised N(0, 1) as PyTorch does.
 *
 * <p>Shapes: {@link #forward(int[])} maps B indices to [B, dim]; {@link #forward(Variable)} takes
 * a [B] tensor of integral values (class labels as floats) and gives [B, dim].
 */
public final class Embedding extends Module {
    /**
     * @param numEmbeddings the table's rows
     * @param embeddingDim each vector's size
     */
    public record Config(int numEmbeddings, int embeddingDim) {
        /** Validates the sizes. */
        public Config {
            if (numEmbeddings <= 0 || embeddingDim <= 0) {
                throw new IllegalArgumentException("Embedding sizes must be positive, got " + numEmbeddings + " x " + embeddingDim);
            }
        }
    }

    private final Config config;
    private final Variable weight;

    /**
     * @param config the sizes
     * @param rng the initialisation stream
     */
    public Embedding(Config config, Rng rng) {
        this.config = config;
        weight = registerParameter("weight", Init.normal(Tensor.zeros(config.numEmbeddings(), config.embeddingDim()), 0, 1, rng));
    }

    /** @return the table [numEmbeddings, dim] */
    public Variable weight() {
        return weight;
    }

    /**
     * @param indices row indices in [0, numEmbeddings)
     * @return the rows [indices.length, dim]
     */
    public Variable forward(int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= config.numEmbeddings()) {
                throw new IllegalArgumentException("Embedding index " + i + " outside [0, " + config.numEmbeddings() + ")");
            }
        }
        return Ops.embedding(weight, indices);
    }

    @Override
    public Variable forward(Variable x) {
        if (x.rank() != 1) {
            throw new IllegalArgumentException("Embedding expects a [B] tensor of indices, got " + x.shape());
        }
        float[] v = x.value().toArray();
        int[] idx = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i])) {
                throw new IllegalArgumentException("Embedding index " + v[i] + " is not an integer");
            }
            idx[i] = (int) v[i];
        }
        return forward(idx);
    }

    @Override
    protected String extraRepr() {
        return "(" + config.numEmbeddings() + ", " + config.embeddingDim() + ")";
    }
}
