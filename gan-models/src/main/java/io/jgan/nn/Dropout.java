package io.jgan.nn;

import io.jgan.autograd.Ops;
import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;

/**
 * Inverted dropout ({@code torch.nn.Dropout}): in training mode each element is zeroed with
 * probability p and the rest scaled by 1/(1-p); in evaluation mode the identity. The mask comes
 * from the module's own seeded stream, so a run with the same seed drops the same elements.
 * Shapes: output like input. No parameters.
 */
public final class Dropout extends Module {
    /** @param p drop probability in [0, 1] */
    public record Config(double p) {
        /** Validates p. */
        public Config {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("dropout probability " + p + " outside [0, 1]");
            }
        }
    }

    private final Config config;
    private final Rng rng;

    /**
     * @param config the probability
     * @param rng the dropout stream (e.g. {@code seed.split("dropout")}); its state advances per call
     */
    public Dropout(Config config, Rng rng) {
        this.config = config;
        this.rng = rng;
    }

    /** @return the generator, whose state belongs in a checkpoint for exact resumption */
    public Rng rng() {
        return rng;
    }

    @Override
    public Variable forward(Variable x) {
        return Ops.dropout(x, (float) config.p(), rng, isTraining());
    }

    @Override
    protected String extraRepr() {
        return "(p=" + config.p() + ")";
    }
}
