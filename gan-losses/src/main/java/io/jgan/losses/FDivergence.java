package io.jgan.losses;

import io.jgan.autograd.GradMode;
import io.jgan.autograd.Variable;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * f-GAN (Nowozin, Cseke and Tomioka 2016): the variational divergence minimisation objective
 * F(theta, omega) = E_{x~P}[g_f(V(x))] - E_{x~Q_theta}[f*(g_f(V(x)))], a lower bound on
 * D_f(P || Q_theta) with P the data and Q_theta the generator; see {@link Divergence} for the
 * eight choices of f.
 *
 * <ul>
 *   <li>The critic V maximises F, i.e. minimises E_Q[f*(g_f(v(fake)))] - E_P[g_f(v(real))].</li>
 *   <li>The generator minimises F. Only the second term depends on it, so in the
 *       {@link GeneratorForm#SATURATING saturating} form (the default, the paper's eq. 6 and the
 *       PyTorch fixture's) G minimises -E[f*(g_f(v(fake)))]. In the
 *       {@link GeneratorForm#PRACTICAL practical} form (the paper's section 3.2, like NSGAN) G
 *       minimises -E[g_f(v(fake))], which keeps gradients alive when the critic wins.</li>
 * </ul>
 * For {@link Divergence#GAN} the critic's loss equals {@link Minimax}'s and the practical generator
 * loss equals {@link NonSaturating}'s. {@link #estimate} is F itself, the variational lower bound
 * on D_f(p_data || p_g); when p_g = p_data and the critic is optimal it is f(1), which is 0 for
 * every divergence except {@link Divergence#GAN}, whose f(1) = -log 4.
 *
 * @param divergence the f-divergence
 * @param generatorForm which generator objective to use
 */
public record FDivergence(Divergence divergence, GeneratorForm generatorForm) implements GanLoss {

    /** The generator's objective. */
    public enum GeneratorForm {
        /** G minimises -E[f*(g_f(V(G(z))))], the bound itself (the paper's eq. 6). */
        SATURATING,
        /** G minimises -E[g_f(V(G(z)))] (the paper's section 3.2 heuristic). */
        PRACTICAL;

        /** @return the lowercase name used in {@code config.json} and on the command line */
        public String cliName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * @param name {@code saturating} or {@code practical} (case and blanks ignored)
         * @return the form
         * @throws IllegalArgumentException for another name, listing the valid ones
         */
        public static GeneratorForm parse(String name) {
            String key = name == null ? "" : name.trim().toUpperCase(java.util.Locale.ROOT);
            for (GeneratorForm f : values()) {
                if (f.name().equals(key)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown f-GAN generator form '" + name + "' (valid: saturating, practical)");
        }
    }

    /**
     * @param form the generator objective to use
     * @return this divergence with that generator form
     */
    public FDivergence withGeneratorForm(GeneratorForm form) {
        return new FDivergence(divergence, form);
    }

    /** @param divergence not null @param generatorForm not null */
    public FDivergence {
        Objects.requireNonNull(divergence, "divergence");
        Objects.requireNonNull(generatorForm, "generatorForm");
    }

    /** @param divergence the f-divergence, with the saturating generator form */
    public FDivergence(Divergence divergence) {
        this(divergence, GeneratorForm.SATURATING);
    }

    @Override
    public Variable discriminatorLoss(Variable dReal, Variable dFake) {
        Checks.pair(dReal, dFake);
        return divergence.conjugateOfActivation(dFake).mean().sub(divergence.activation(dReal).mean());
    }

    @Override
    public Variable generatorLoss(Variable dFake) {
        Checks.scores("dFake", dFake);
        return switch (generatorForm) {
            case SATURATING -> divergence.conjugateOfActivation(dFake).mean().neg();
            case PRACTICAL -> divergence.activation(dFake).mean().neg();
        };
    }

    @Override
    public boolean simultaneousUpdates() {
        return true;
    }

    @Override
    public String estimateName() {
        return "f_bound";
    }

    @Override
    public String name() {
        return "fgan:" + divergence.cliName();
    }

    @Override
    public OptionalDouble estimate(Variable dReal, Variable dFake) {
        Checks.pair(dReal, dFake);
        try (var scope = GradMode.noGrad()) {
            return OptionalDouble.of(discriminatorLoss(dReal, dFake).neg().item());
        }
    }
}
