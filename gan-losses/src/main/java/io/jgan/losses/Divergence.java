package io.jgan.losses;

import io.jgan.autograd.Variable;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The eight f-divergences of Nowozin, Cseke and Tomioka 2016, "f-GAN", Table 2 (with Table 6's
 * output activations): D_f(P || Q) = integral q(x) f(p(x) / q(x)) dx for convex f with f(1) = 0
 * (except the GAN member, f(1) = -log 4, whose D_f = 2 JSD - log 4 as in the 2014 paper),
 * bounded below by D_f &gt;= sup_T E_P[T] - E_Q[f*(T)] with f* the Fenchel conjugate. The critic is
 * T(x) = g_f(V(x)) for an unbounded network output V and an activation g_f that keeps T inside the
 * domain of f*.
 *
 * <table>
 *   <caption>generator f, activation g_f, conjugate f*, and the composition f*(g_f(v)) used in code</caption>
 *   <tr><th>name</th><th>f(u)</th><th>g_f(v)</th><th>f*(t)</th><th>f*(g_f(v))</th></tr>
 *   <tr><td>kl</td><td>u log u</td><td>v</td><td>exp(t - 1)</td><td>exp(v - 1)</td></tr>
 *   <tr><td>reverse_kl</td><td>-log u</td><td>-exp(-v)</td><td>-1 - log(-t)</td><td>v - 1</td></tr>
 *   <tr><td>pearson</td><td>(u - 1)^2</td><td>v</td><td>t^2/4 + t</td><td>v^2/4 + v</td></tr>
 *   <tr><td>neyman</td><td>(1 - u)^2 / u</td><td>1 - exp(-v)</td><td>2 - 2 sqrt(1 - t)</td><td>2 - 2 exp(-v/2)</td></tr>
 *   <tr><td>squared_hellinger</td><td>(sqrt u - 1)^2</td><td>1 - exp(-v)</td><td>t / (1 - t)</td><td>exp(v) - 1</td></tr>
 *   <tr><td>jensen_shannon</td><td>-(u + 1) log((1 + u)/2) + u log u</td><td>log 2 - softplus(-v)</td><td>-log(2 - exp(t))</td><td>softplus(v) - log 2</td></tr>
 *   <tr><td>gan</td><td>u log u - (u + 1) log(u + 1)</td><td>-softplus(-v)</td><td>-log(1 - exp(t))</td><td>softplus(v)</td></tr>
 *   <tr><td>total_variation</td><td>|u - 1| / 2</td><td>tanh(v) / 2</td><td>t</td><td>tanh(v) / 2</td></tr>
 * </table>
 * The compositions are simplified by hand so that no intermediate leaves the domain of f* in
 * floating point (e.g. for gan, 1 - exp(-softplus(-v)) would round to 0 for large v).
 */
public enum Divergence {
    /** Kullback-Leibler KL(P || Q). */
    KL("kl") {
        @Override public Variable activation(Variable v) { return v; }
        @Override public Variable conjugate(Variable t) { return t.sub(1f).exp(); }
        @Override public Variable conjugateOfActivation(Variable v) { return v.sub(1f).exp(); }
        @Override public double f(double u) { return u == 0 ? 0 : u * Math.log(u); }
    },
    /** Reverse Kullback-Leibler KL(Q || P). */
    REVERSE_KL("reverse_kl") {
        @Override public Variable activation(Variable v) { return v.neg().exp().neg(); }
        @Override public Variable conjugate(Variable t) { return t.neg().log().neg().sub(1f); }
        @Override public Variable conjugateOfActivation(Variable v) { return v.sub(1f); }
        @Override public double f(double u) { return -Math.log(u); }
    },
    /** Pearson chi^2. */
    PEARSON("pearson") {
        @Override public Variable activation(Variable v) { return v; }
        @Override public Variable conjugate(Variable t) { return t.square().mul(0.25f).add(t); }
        @Override public Variable conjugateOfActivation(Variable v) { return v.square().mul(0.25f).add(v); }
        @Override public double f(double u) { return (u - 1) * (u - 1); }
    },
    /** Neyman chi^2. */
    NEYMAN("neyman") {
        @Override public Variable activation(Variable v) { return v.neg().exp().rsub(1f); }
        @Override public Variable conjugate(Variable t) { return t.rsub(1f).sqrt().mul(-2f).add(2f); }
        @Override public Variable conjugateOfActivation(Variable v) { return v.mul(-0.5f).exp().mul(-2f).add(2f); }
        @Override public double f(double u) { return (1 - u) * (1 - u) / u; }
    },
    /** Squared Hellinger. */
    SQUARED_HELLINGER("squared_hellinger") {
        @Override public Variable activation(Variable v) { return v.neg().exp().rsub(1f); }
        @Override public Variable conjugate(Variable t) { return t.div(t.rsub(1f)); }
        @Override public Variable conjugateOfActivation(Variable v) { return v.exp().sub(1f); }
        @Override public double f(double u) { double s = Math.sqrt(u) - 1; return s * s; }
    },
    /** Jensen-Shannon. */
    JENSEN_SHANNON("jensen_shannon") {
        @Override public Variable activation(Variable v) { return v.neg().softplus().rsub(LOG2); }
        @Override public Variable conjugate(Variable t) { return t.exp().rsub(2f).log().neg(); }
        @Override public Variable conjugateOfActivation(Variable v) { return v.softplus().sub(LOG2); }
        @Override public double f(double u) { return -(u + 1) * Math.log((1 + u) / 2) + (u == 0 ? 0 : u * Math.log(u)); }
    },
    /** The divergence the 2014 GAN minimises: 2 JSD - log 4. */
    GAN("gan") {
        @Override public Variable activation(Variable v) { return v.neg().softplus().neg(); }
        @Override public Variable conjugate(Variable t) { return t.exp().rsub(1f).log().neg(); }
        @Override public Variable conjugateOfActivation(Variable v) { return v.softplus(); }
        @Override public double f(double u) { return (u == 0 ? 0 : u * Math.log(u)) - (u + 1) * Math.log(u + 1); }
    },
    /** Total variation. */
    TOTAL_VARIATION("total_variation") {
        @Override public Variable activation(Variable v) { return v.tanh().mul(0.5f); }
        @Override public Variable conjugate(Variable t) { return t; }
        @Override public Variable conjugateOfActivation(Variable v) { return v.tanh().mul(0.5f); }
        @Override public double f(double u) { return 0.5 * Math.abs(u - 1); }
    };

    private static final float LOG2 = (float) Math.log(2);

    private final String cliName;

    Divergence(String cliName) {
        this.cliName = cliName;
    }

    /** @return the lowercase name used after {@code fgan:} on the command line */
    public String cliName() {
        return cliName;
    }

    /**
     * @param v the critic's unbounded output V(x)
     * @return T = g_f(v), inside the domain of f*
     */
    public abstract Variable activation(Variable v);

    /**
     * @param t a value in the domain of f* (outside it the result is NaN or infinite)
     * @return the Fenchel conjugate f*(t) = sup_u (u t - f(u))
     */
    public abstract Variable conjugate(Variable t);

    /**
     * @param v the critic's unbounded output
     * @return f*(g_f(v)) in a form that stays finite for every finite v
     */
    public abstract Variable conjugateOfActivation(Variable v);

    /**
     * @param u a density ratio p/q &gt;= 0 (&gt; 0 for reverse_kl and neyman)
     * @return the generator function f(u), convex, with f(1) = 0 (-log 4 for {@link #GAN})
     */
    public abstract double f(double u);

    /**
     * @param name a divergence name such as {@code "kl"} or {@code "jensen_shannon"}
     * @return the divergence
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Divergence byName(String name) {
        if (name != null) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            for (Divergence d : values()) {
                if (d.cliName.equals(key)) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException("unknown f-divergence '" + name + "'; valid: " + names());
    }

    /** @return the valid names, comma separated */
    public static String names() {
        return Arrays.stream(values()).map(Divergence::cliName).collect(Collectors.joining(", "));
    }
}
