package io.jgan.optim;

/** The validation shared by the optimiser configs: messages name the optimiser, the field and the value. */
final class ConfigChecks {
    private ConfigChecks() {}

    /** A learning rate must be positive and finite, and stay positive once rounded to float32. */
    static void learningRate(String optimiser, double lr) {
        if (!(lr > 0) || !Double.isFinite(lr) || !((float) lr > 0) || Float.isInfinite((float) lr)) {
            throw new IllegalArgumentException(optimiser + " lr must be positive and finite in float32, got " + lr);
        }
    }

    /** A decay rate such as a beta or RMSprop's alpha lies in [0, 1). */
    static void unitInterval(String optimiser, String field, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(optimiser + " " + field + " must be in [0, 1), got " + v);
        }
    }

    /** Epsilons, momenta and weight decays are finite and non-negative. */
    static void nonNegative(String optimiser, String field, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(optimiser + " " + field + " must be finite and non-negative, got " + v);
        }
    }
}
