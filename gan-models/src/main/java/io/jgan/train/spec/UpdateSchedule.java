package io.jgan.train.spec;

import java.util.Locale;

/**
 * How critic and generator updates alternate; the objective's recipe chooses it.
 */
public enum UpdateSchedule {
    /** k = nCritic critic updates, then one generator update (GAN, WGAN-GP). */
    ALTERNATING,
    /**
     * The WGAN paper's schedule (Algorithm 1 and its code): 100 critic updates for the first 25
     * generator steps and every 500th, nCritic otherwise, so the critic is near optimal when G moves.
     */
    WGAN,
    /** One critic and one generator update from the same parameters (the f-GAN paper's single-step algorithm). */
    SIMULTANEOUS;

    /**
     * @param generatorStep generator steps done so far
     * @param nCritic the run's critic steps per generator step
     * @return the critic updates before the next generator update
     */
    public int criticSteps(long generatorStep, int nCritic) {
        return switch (this) {
            case ALTERNATING -> nCritic;
            case WGAN -> generatorStep < 25 || generatorStep % 500 == 0 ? 100 : nCritic;
            case SIMULTANEOUS -> 1;
        };
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
     * @param name alternating | wgan | simultaneous
     * @return the schedule
     * @throws IllegalArgumentException naming the value
     */
    public static UpdateSchedule parse(String name) {
        for (UpdateSchedule u : values()) {
            if (u.cliName().equals(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown update schedule '" + name + "' (alternating, wgan, simultaneous)");
    }
}
