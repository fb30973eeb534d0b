package io.jgan.models;

/**
 * Which generator and critic to build: the architecture, the latent size, the critic's
 * normalisation and the generator's dropout (a trick of the source texts).
 *
 * @param kind the architecture
 * @param latent the latent size, &gt; 0
 * @param criticNorm the critic's normalisation; null only for the Keras DCGAN's original critic
 *                   (dropout, no normalisation layers)
 * @param dropoutG dropout probability in the generator's hidden layers, in [0, 1) (0: off)
 * @param init how the DCGAN-family models initialise their weights (ignored by the others)
 */
public record ModelSpec(ModelKind kind, int latent, CriticNorm criticNorm, double dropoutG, WeightInit init) {

    /**
     * A spec with the default initialisation of new runs ({@link WeightInit#WEIGHTS}).
     *
     * @param kind the architecture
     * @param latent the latent size
     * @param criticNorm the critic's normalisation
     * @param dropoutG the generator's dropout
     */
    public ModelSpec(ModelKind kind, int latent, CriticNorm criticNorm, double dropoutG) {
        this(kind, latent, criticNorm, dropoutG, WeightInit.WEIGHTS);
    }

    /** Validates the values. */
    public ModelSpec {
        if (kind == null || init == null) {
            throw new IllegalArgumentException("model kind and init must not be null");
        }
        if (latent <= 0) {
            throw new IllegalArgumentException("latent must be positive, got " + latent);
        }
        if (!(dropoutG >= 0 && dropoutG < 1)) {
            throw new IllegalArgumentException("dropoutG must be in [0, 1), got " + dropoutG);
        }
        if (criticNorm != null && criticNorm != CriticNorm.NONE && kind.mlp()) {
            throw new IllegalArgumentException("criticNorm " + criticNorm.cliName() + " is not available for the MLP critic of model "
                    + kind.cliName() + " (it has no normalisation layers)");
        }
        if (criticNorm == null && kind != ModelKind.DCGAN_KERAS) {
            throw new IllegalArgumentException("criticNorm may be null (the original critic) only for dcgan-keras, not " + kind.cliName());
        }
        if (dropoutG > 0 && !(kind == ModelKind.MLP || kind == ModelKind.CMLP || kind == ModelKind.DCGAN || kind == ModelKind.CDCGAN)) {
            throw new IllegalArgumentException("dropoutG is available for the mlp, cmlp, dcgan (28x28) and cdcgan generators, not "
                    + kind.cliName());
        }
    }

    /**
     * The model's own defaults: its recipe's latent size, and batch norm in the critic (the Keras
     * DCGAN: its original critic) unless a gradient penalty needs per-sample gradients (none).
     *
     * @param kind the architecture
     * @param penalty whether the objective penalises the critic's input gradients
     * @return the spec
     */
    public static ModelSpec defaults(ModelKind kind, boolean penalty) {
        return new ModelSpec(kind, kind.defaultLatent(), defaultNorm(kind, penalty), 0);
    }

    /**
     * @param kind the architecture
     * @param penalty whether a gradient penalty is used
     * @return the critic norm the recipe prescribes
     */
    public static CriticNorm defaultNorm(ModelKind kind, boolean penalty) {
        if (penalty || kind.mlp()) {
            return CriticNorm.NONE;
        }
        return kind == ModelKind.DCGAN_KERAS ? null : CriticNorm.BATCH;
    }
}
