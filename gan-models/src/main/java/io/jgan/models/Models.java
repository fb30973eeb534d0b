package io.jgan.models;

import io.jgan.nn.init.DcganInit;
import io.jgan.tensor.Rng;

/**
 * Builds the generator and critic a {@link ModelSpec} names for data of a {@link DataShape}, with
 * the initialisation its recipe prescribes (N(0, 0.02) for the DCGAN family, PyTorch's defaults for
 * the MLPs and the Keras model).
 */
public final class Models {

    /**
     * A generator and its critic.
     *
     * @param generator G
     * @param critic D
     */
    public record Pair(Generator generator, Critic critic) {}

    private Models() {}

    /**
     * Builds G and D.
     *
     * @param spec the architecture and its options
     * @param data the shape of the data (and its classes, for the conditional models)
     * @param rng the initialisation stream
     * @return the pair
     * @throws IllegalArgumentException if the model does not fit the data, naming both
     */
    public static Pair create(ModelSpec spec, DataShape data, Rng rng) {
        check(spec, data);
        int latent = spec.latent();
        int[] shape = data.sample();
        CriticNorm norm = spec.criticNorm();
        double drop = spec.dropoutG();
        Rng g = rng.split("G");
        Rng d = rng.split("D");
        int c = data.channels();
        return switch (spec.kind()) {
            case MLP -> new Pair(new Mlp.G(latent, 256, shape, drop, g), new Mlp.D(data.features(), 256, d));
            case TOY -> new Pair(new Mlp.ToyG(latent, 512, g), new Mlp.ToyD(512, d));
            case DCGAN_KERAS -> new Pair(new Dcgan28.KerasG(latent, c, g), new Dcgan28.KerasD(c, norm, d));
            case DCGAN -> data.size() == 28
                    ? dcganInit(new Pair(new Dcgan28.InfoG(latent, 0, c, drop, g), new Dcgan28.InfoD(c, norm, d)), spec.init(), rng)
                    : dcganInit(new Pair(new Dcgan.G(latent, c, data.size(), 64, g), new Dcgan.D(c, data.size(), 64, norm, d)), spec.init(),
                            rng);
            case CDCGAN -> {
                int emb = 10;
                Generator inner = new Dcgan28.InfoG(latent, emb, c, drop, g);
                yield dcganInit(new Pair(new Conditional.G(data.classes(), emb, inner, g),
                        new Conditional.ProjectionD(data.classes(), c, norm, d)), spec.init(), rng);
            }
            case CMLP -> {
                int emb = 10;
                Generator inner = new Mlp.G(latent + emb, 256, shape, drop, g);
                yield new Pair(new Conditional.G(data.classes(), emb, new LatentView(inner, latent), g),
                        new Conditional.MlpD(data.classes(), emb, data.features(), 256, d));
            }
        };
    }

    /**
     * Checks that a model fits the data, without building anything.
     *
     * @param spec the model
     * @param data the data's shape
     * @throws IllegalArgumentException naming the model and the shape
     */
    public static void check(ModelSpec spec, DataShape data) {
        ModelKind k = spec.kind();
        if (k == ModelKind.TOY && !(data.points() && data.features() == 2)) {
            throw new IllegalArgumentException("model toy is built for 2-D points, the data's samples are " + data);
        }
        if (k != ModelKind.TOY && k != ModelKind.MLP && k != ModelKind.CMLP && data.points()) {
            throw new IllegalArgumentException("model " + k.cliName() + " is built for images, the data's samples are points "
                    + data + " (use toy or mlp)");
        }
        boolean only28 = k == ModelKind.DCGAN_KERAS || k == ModelKind.CDCGAN;
        if (only28 && data.size() != 28) {
            throw new IllegalArgumentException("model " + k.cliName() + " is built for 28x28 images, the data is "
                    + data.size() + "x" + data.size() + " (dcgan adapts to 32 and 64)");
        }
        if (k == ModelKind.DCGAN && data.size() != 28 && data.size() != 32 && data.size() != 64) {
            throw new IllegalArgumentException("model dcgan is built for 28x28, 32x32 and 64x64 images, the data is "
                    + data.size() + "x" + data.size());
        }
        if (k == ModelKind.DCGAN && data.size() != 28 && spec.dropoutG() > 0) {
            throw new IllegalArgumentException("dropoutG is available for dcgan at 28x28 only, the data is " + data.size() + "x"
                    + data.size());
        }
        if (k.conditional() && data.classes() < 2) {
            throw new IllegalArgumentException("model " + k.cliName() + " is conditional and needs labelled data with at least 2 classes, got "
                    + data);
        }
    }

    private static Pair dcganInit(Pair p, WeightInit init, Rng rng) {
        boolean all = init == WeightInit.DCGAN;
        DcganInit.apply(p.generator(), rng.split("G-dcgan-init"), all);
        DcganInit.apply(p.critic(), rng.split("D-dcgan-init"), all);
        return p;
    }
}
