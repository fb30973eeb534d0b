package io.jgan.losses;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table 2 of f-GAN checked from first principles: f(1) = 0, f* is f's Fenchel conjugate, and the compositions. */
class DivergenceTest {

    private static double eval(java.util.function.UnaryOperator<Variable> op, double x) {
        return op.apply(Variable.of(Tensor.scalar((float) x))).item();
    }

    /** f(1) = 0 makes D_f(p || p) = 0; the GAN member is the exception, f(1) = -log 4 (2 JSD - log 4). */
    @Test
    void generatorFunctionsVanishAtOneExceptGan() {
        for (Divergence d : Divergence.values()) {
            assertEquals(d == Divergence.GAN ? -Math.log(4) : 0.0, d.f(1.0), 1e-12, d.name());
        }
    }

    /** f*(t) = sup_u (u t - f(u)), maximised over a fine grid of density ratios u. */
    @Test
    void conjugatesAreFenchelConjugatesOfF() {
        for (Divergence d : Divergence.values()) {
            // t values inside every conjugate's domain: activations of v in [-1.5, 1.5]
            for (double v = -1.5; v <= 1.5; v += 0.5) {
                double t = eval(d::activation, v);
                double sup = Double.NEGATIVE_INFINITY;
                for (double u = 1e-4; u < 60; u += 1e-4) {
                    sup = Math.max(sup, u * t - d.f(u));
                }
                double conj = eval(d::conjugate, t);
                assertEquals(sup, conj, 2e-3 * Math.max(1, Math.abs(conj)), d + " at t=" + t);
            }
        }
    }

    @Test
    void compositionsEqualConjugateOfActivation() {
        for (Divergence d : Divergence.values()) {
            for (double v = -3; v <= 3; v += 0.25) {
                double composed = eval(d::conjugateOfActivation, v);
                double direct = eval(x -> d.conjugate(d.activation(x)), v);
                assertEquals(direct, composed, 1e-4 * Math.max(1, Math.abs(direct)), d + " at v=" + v);
            }
        }
    }

    /** With p = q the best constant critic T = f'(1) attains the bound D_f(p || p) = f(1). */
    @Test
    void boundAtTheOptimalConstantCriticIsZero() {
        double[] fPrimeAtOne = {1, -1, 0, 0, 0, 0, -Math.log(2), 0};
        Divergence[] all = Divergence.values();
        for (int i = 0; i < all.length; i++) {
            double t = fPrimeAtOne[i];
            double bound = t - eval(all[i]::conjugate, t);
            assertEquals(all[i].f(1), bound, 1e-6, all[i].name());
            if (all[i] != Divergence.TOTAL_VARIATION) { // |u - 1| / 2 has no derivative at 1; any t in [-1/2, 1/2] is optimal
                assertEquals(t, (all[i].f(1 + 1e-5) - all[i].f(1 - 1e-5)) / 2e-5, 1e-6, all[i] + ": f'(1)");
            }
        }
    }
}
