package io.jgan.models;

import io.jgan.nn.init.DcganInit;
import io.jgan.tensor.Rng;
import io.jgan.train.TrainConfig;

/**
 * Builds the generator and critic a {@link TrainConfig} names, with the initialisation its recipe
 * prescribes (N(0, 0.02) for the DCGAN family, PyTorch's defaults for the MLPs and the Keras model).
 */
public final class Models {
    /** The model names {@code --model} accepts. */
    public static final String NAMES = "mlp, dcgan, dcgan-keras, cdcgan, cmlp, toy";

    /**
     * A generator and its critic.
     *
     * @param generator G
     * @param critic D
     */
    public record Pair(Generator generator, Critic critic) {}

    private Models() {}

    /**
     * @param model the model name
     * @return its default latent size
     */
    public static int defaultLatent(String model) {
        return switch (model) {
            case "mlp", "cmlp" -> 64;
            case "dcgan", "cdcgan" -> 62;
            case "dcgan-keras" -> 100;
            case "toy" -> 2;
            default -> throw new IllegalArgumentException("unknown model '" + model + "' (" + NAMES + ")");
        };
    }

    /**
     * The critic normalisation for a config, with the recipe defaults and the one refusal: batch
     * norm with a gradient penalty.
     *
     * @param cfg the run configuration
     * @return the norm, or null for the Keras original (dropout, no norm)
     */
    public static CriticNorm criticNorm(TrainConfig cfg) {
        boolean penalty = cfg.loss().equals("wgan-gp") || cfg.r1Gamma() > 0;
        if (cfg.criticNorm() != null) {
            CriticNorm n = CriticNorm.parse(cfg.criticNorm());
            if (n == CriticNorm.BATCH && penalty) {
                throw new IllegalArgumentException("--critic-norm batch cannot be used with a gradient penalty: batch norm couples"
                        + " the samples of a batch, so the per-sample input gradients the penalty needs are wrong; use layer or none");
            }
            if (n != CriticNorm.NONE && (cfg.model().equals("mlp") || cfg.model().equals("cmlp") || cfg.model().equals("toy"))) {
                throw new IllegalArgumentException("--critic-norm " + cfg.criticNorm() + " is not available for the MLP critic of --model "
                        + cfg.model() + " (it has no normalisation layers)");
            }
            return n;
        }
        if (penalty) {
            return CriticNorm.NONE;
        }
        return cfg.model().equals("dcgan-keras") ? null : CriticNorm.BATCH;
    }

    /**
     * Builds G and D.
     *
     * @param cfg the run configuration (image size and channels already set from the data)
     * @param rng the initialisation stream
     * @return the pair
     * @throws IllegalArgumentException for an unknown model or one that does not fit the data
     */
    public static Pair create(TrainConfig cfg, Rng rng) {
        int latent = cfg.latent() != null ? cfg.latent() : defaultLatent(cfg.model());
        int c = cfg.channels();
        int s = cfg.imageSize();
        CriticNorm norm = criticNorm(cfg);
        boolean toyData = cfg.dataset().equals("ring8") || cfg.dataset().equals("grid25") || cfg.dataset().equals("swissroll");
        if (toyData != cfg.model().equals("toy")) {
            throw new IllegalArgumentException(toyData
                    ? "dataset " + cfg.dataset() + " is 2-D: use --model toy"
                    : "--model toy needs 2-D data (ring8, grid25, swissroll), not " + cfg.dataset());
        }
        Rng g = rng.split("G");
        Rng d = rng.split("D");
        double drop = cfg.dropoutG();
        if (drop > 0 && !(cfg.model().equals("mlp") || cfg.model().equals("cmlp") || (cfg.model().equals("dcgan") && s == 28)
                || cfg.model().equals("cdcgan"))) {
            throw new IllegalArgumentException("--dropout-g is available for the mlp, cmlp, dcgan (28x28) and cdcgan generators, not "
                    + cfg.model() + (cfg.model().equals("dcgan") ? " at " + s + "x" + s : ""));
        }
        Pair p = switch (cfg.model()) {
            case "mlp" -> new Pair(new Mlp.G(latent, 256, new int[] {c, s, s}, drop, g), new Mlp.D(c * s * s, 256, d));
            case "toy" -> new Pair(new Mlp.ToyG(latent, 512, g), new Mlp.ToyD(512, d));
            case "dcgan-keras" -> {
                need28(cfg);
                yield new Pair(new Dcgan28.KerasG(latent, c, g), new Dcgan28.KerasD(c, norm, d));
            }
            case "dcgan" -> {
                if (s == 28) {
                    yield dcganInit(new Pair(new Dcgan28.InfoG(latent, 0, c, drop, g), new Dcgan28.InfoD(c, norm, d)), rng);
                }
                yield dcganInit(new Pair(new Dcgan.G(latent, c, s, 64, g), new Dcgan.D(c, s, 64, norm, d)), rng);
            }
            case "cdcgan" -> {
                need28(cfg);
                int emb = 10;
                Generator inner = new Dcgan28.InfoG(latent, emb, c, drop, g);
                yield dcganInit(new Pair(new Conditional.G(cfg.numClasses(), emb, inner, g),
                        new Conditional.ProjectionD(cfg.numClasses(), c, norm, d)), rng);
            }
            case "cmlp" -> {
                int emb = 10;
                Generator inner = new Mlp.G(latent + emb, 256, new int[] {c, s, s}, drop, g);
                yield new Pair(new Conditional.G(cfg.numClasses(), emb, new LatentView(inner, latent), g),
                        new Conditional.MlpD(cfg.numClasses(), emb, c * s * s, 256, d));
            }
            default -> throw new IllegalArgumentException("unknown model '" + cfg.model() + "' (" + NAMES + ")");
        };
        return p;
    }

    private static void need28(TrainConfig cfg) {
        if (cfg.imageSize() != 28) {
            throw new IllegalArgumentException("--model " + cfg.model() + " is built for 28x28 images, the data is "
                    + cfg.imageSize() + "x" + cfg.imageSize() + " (use --model dcgan, which adapts to 32 and 64)");
        }
    }

    private static Pair dcganInit(Pair p, Rng rng) {
        DcganInit.apply(p.generator(), rng.split("G-dcgan-init"));
        DcganInit.apply(p.critic(), rng.split("D-dcgan-init"));
        return p;
    }
}
