package io.jgan.train.spec;

import io.jgan.losses.Dragan;
import io.jgan.losses.GradientPenalty;
import io.jgan.losses.Penalty;
import io.jgan.losses.R1;
import io.jgan.losses.R2;

import java.util.Locale;

/** The critic regularisers a run can add to its objective, with the weight each uses by default. */
public enum PenaltyKind {
    /** The WGAN-GP gradient penalty on interpolates (Gulrajani et al. 2017), lambda 10. */
    GP(10),
    /** R1: zero-centred gradient penalty on real data (Mescheder et al. 2018), gamma 10. */
    R1(10),
    /** R2: the same on generated data, gamma 10. */
    R2(10),
    /** DRAGAN: the gradient penalty around perturbed real data (Kodali et al. 2017), lambda 10. */
    DRAGAN(10);

    private final double defaultWeight;

    PenaltyKind(double defaultWeight) {
        this.defaultWeight = defaultWeight;
    }

    /** @return the weight used when none is given */
    public double defaultWeight() {
        return defaultWeight;
    }

    /** @return the name used on the command line and in {@code config.json} */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return cliName();
    }

    /**
     * @param weight the weight
     * @return the penalty
     */
    public Penalty build(double weight) {
        return switch (this) {
            case GP -> new GradientPenalty(weight);
            case R1 -> new R1(weight);
            case R2 -> new R2(weight);
            case DRAGAN -> new Dragan(weight, 0.5);
        };
    }

    /**
     * @param name gp | r1 | r2 | dragan (case ignored)
     * @return the kind
     * @throws IllegalArgumentException naming the value
     */
    public static PenaltyKind parse(String name) {
        for (PenaltyKind k : values()) {
            if (k.cliName().equals(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown penalty '" + name + "' (gp, r1, r2, dragan)");
    }
}
