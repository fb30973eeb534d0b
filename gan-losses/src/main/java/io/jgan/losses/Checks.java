package io.jgan.losses;

import io.jgan.autograd.Variable;

import java.util.Arrays;

/** Argument checks shared by the losses and penalties; messages name the offending value. */
final class Checks {
    private Checks() {
    }

    /**
     * A critic output must hold one score per sample: shape [B] or [B, 1]. Anything else (for
     * example a [B, 10] class head, or a scalar someone already averaged) would be silently
     * averaged over the wrong axis.
     *
     * @param what the argument's name for the message
     * @param scores the critic output
     * @return the batch size B
     */
    static int scores(String what, Variable scores) {
        if (scores == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        int[] d = scores.dims();
        boolean ok = (d.length == 1 || (d.length == 2 && d[1] == 1)) && d[0] > 0;
        if (!ok) {
            throw new IllegalArgumentException(what + " must be critic scores of shape [B] or [B, 1] with B > 0, got "
                    + Arrays.toString(d));
        }
        return d[0];
    }

    /**
     * @param dReal critic scores on real data
     * @param dFake critic scores on generated data
     */
    static void pair(Variable dReal, Variable dFake) {
        int br = scores("dReal", dReal);
        int bf = scores("dFake", dFake);
        if (br != bf) {
            throw new IllegalArgumentException("dReal and dFake batch sizes differ: " + br + " vs " + bf
                    + " (shapes " + Arrays.toString(dReal.dims()) + " and " + Arrays.toString(dFake.dims()) + ")");
        }
    }

    /**
     * @param name the parameter's name
     * @param value a weight that must be finite and non-negative
     * @return the value
     */
    static double weight(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
        return value;
    }
}
