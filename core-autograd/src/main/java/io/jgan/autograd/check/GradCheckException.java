package io.jgan.autograd.check;

/**
 * A gradient that disagrees with its finite difference, found by {@link GradCheck}.
 */
public final class GradCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int input;
    private final int element;
    private final double analytic;
    private final double numeric;

    GradCheckException(int input, String shape, int element, double analytic, double numeric, GradCheck.Tolerances tol) {
        super("gradcheck: input " + input + " (shape " + shape + ") element " + element + ": analytic " + analytic
                + " vs numeric " + numeric + " (eps " + tol.eps() + ", atol " + tol.atol() + ", rtol " + tol.rtol() + ")");
        this.input = input;
        this.element = element;
        this.analytic = analytic;
        this.numeric = numeric;
    }

    /** @return the index of the input whose gradient is wrong (in gradgradcheck, upstreams follow the inputs) */
    public int input() {
        return input;
    }

    /** @return the flat index of the element within that input */
    public int element() {
        return element;
    }

    /** @return the engine's gradient there */
    public double analytic() {
        return analytic;
    }

    /** @return the central difference there */
    public double numeric() {
        return numeric;
    }
}
