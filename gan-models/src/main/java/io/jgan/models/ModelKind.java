package io.jgan.models;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The GAN architectures {@link Models#create} builds, by the name the command line and {@code config.json} use. */
public enum ModelKind {
    /** The MLP GAN of the source texts (any sample shape). */
    MLP("mlp", 64, false),
    /** The InfoGAN MNIST networks at 28x28, the classic DCGAN at 32x32 and 64x64. */
    DCGAN("dcgan", 62, false),
    /** The Keras DCGAN of the source texts (28x28). */
    DCGAN_KERAS("dcgan-keras", 100, false),
    /** The InfoGAN networks with a label embedding and a projection critic (28x28). */
    CDCGAN("cdcgan", 62, true),
    /** The MLP GAN with a label embedding. */
    CMLP("cmlp", 64, true),
    /** The small MLPs of the 2-D mixture experiments. */
    TOY("toy", 2, false);

    private final String cliName;
    private final int defaultLatent;
    private final boolean conditional;

    ModelKind(String cliName, int defaultLatent, boolean conditional) {
        this.cliName = cliName;
        this.defaultLatent = defaultLatent;
        this.conditional = conditional;
    }

    /** @return the name used on the command line and in {@code config.json} */
    public String cliName() {
        return cliName;
    }

    /** @return the latent size the model's recipe uses */
    public int defaultLatent() {
        return defaultLatent;
    }

    /** @return true when G and D take class labels */
    public boolean conditional() {
        return conditional;
    }

    /** @return true for the MLP architectures, whose critic has no normalisation layers */
    public boolean mlp() {
        return this == MLP || this == CMLP || this == TOY;
    }

    @Override
    public String toString() {
        return cliName;
    }

    /**
     * @param name a model name (case and surrounding blanks ignored)
     * @return the model
     * @throws IllegalArgumentException naming the value and the valid names
     */
    public static ModelKind parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (ModelKind k : values()) {
            if (k.cliName.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "' (" + names() + ")");
    }

    /** @return the valid names, comma-separated */
    public static String names() {
        return Arrays.stream(values()).map(ModelKind::cliName).collect(Collectors.joining(", "));
    }
}
