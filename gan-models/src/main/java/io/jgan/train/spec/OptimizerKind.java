package io.jgan.train.spec;

import java.util.Locale;

/** The optimisers a run can use. */
public enum OptimizerKind {
    /** Adam (Kingma and Ba), the DCGAN and WGAN-GP recipes' choice. */
    ADAM,
    /** RMSprop, the WGAN recipe's choice (momentum-free, as the WGAN paper asks). */
    RMSPROP,
    /** Plain SGD. */
    SGD;

    /** @return the name used on the command line and in {@code config.json} */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return cliName();
    }

    /**
     * @param name adam | rmsprop | sgd (case ignored)
     * @return the kind
     * @throws IllegalArgumentException naming the value
     */
    public static OptimizerKind parse(String name) {
        for (OptimizerKind k : values()) {
            if (k.cliName().equals(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + name + "' (adam, rmsprop, sgd)");
    }
}
