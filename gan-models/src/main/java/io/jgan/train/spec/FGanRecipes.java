package io.jgan.train.spec;

import io.jgan.losses.Divergence;
import io.jgan.losses.FDivergence.GeneratorForm;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The recipe of each f-GAN divergence: what {@code --loss fgan:NAME} trains with unless options say
 * otherwise (each value is overridable: {@code --updates}, {@code --fgan-generator},
 * {@code --penalty r1:G} / {@code r1:0}, {@code --lr}, {@code --betas-g} ...).
 *
 * <p>The paper's plain setup — simultaneous updates, the saturating generator form, no
 * regulariser, the DCGAN Adam — diverges or collapses on ring8 for six of the eight divergences
 * (issue 26). Measured on {@code --model toy --dataset ring8}, 1000 steps of batch 128, seed 1 (modes
 * covered of 8, high-quality fraction; the same command with {@code --loss ns}: 4, 0.26):
 * <ul>
 *   <li><b>Alternating updates for all.</b> With everything else equal, Jensen-Shannon in the
 *       practical form (the non-saturating GAN's losses up to constants) covered 0 modes with
 *       simultaneous updates and 4 (0.26, exactly {@code ns}) alternating. With R1 the simultaneous
 *       runs reached 0-6 modes and the alternating ones 6-8.</li>
 *   <li><b>The generator's form, by where its gradient is bounded.</b> The saturating form weighs
 *       the fakes' gradient dV by the estimated density ratio p/q = (f*)'(T) times g_f'(V); the practical
 *       form by g_f'(V) alone. For kl and pearson g_f'(V) = 1, so the practical form is bounded and
 *       the saturating one grows with V (kl: exp(V - 1) overflowed at step 175 of batch 128); for
 *       reverse_kl the saturating weight is exactly 1 and the practical one exp(-V), which explodes
 *       on fakes the critic rejects; neyman and squared_hellinger behave like reverse_kl (saturating
 *       exp(-V/2) and exp(V) against practical exp(-V)); for jensen_shannon and gan the practical
 *       weight is sigmoid(-V) &lt;= 1, the non-saturating GAN's. total_variation's two forms coincide
 *       (f*(t) = t).</li>
 *   <li><b>R1 (Mescheder et al. 2018) on the critic</b>, gamma 1: where the supports are disjoint
 *       the optimal critic of kl, reverse_kl, pearson and neyman is unbounded (T = f'(p/q) with p or q
 *       zero) and the raw critic's outputs grew to 1e2 before f* overflowed; penalising ||dV/dx||^2 on
 *       real data keeps V flat there. Alternating without R1 covered 0 (kl) and 1 (pearson) modes;
 *       with R1 6 and 7. Alternating with R1: reverse_kl 7, neyman 8, squared_hellinger 8 modes
 *       (high-quality 0.38, 0.42, 0.47). jensen_shannon is better without it (4 modes against 2),
 *       as the sigmoid already bounds its critic's effect. total_variation needs a light one: its
 *       0.5 tanh(V) critic saturates and then passes G no gradient; gamma 0.1 covered 6 modes
 *       (0.42), gamma 1 one and gamma 10 four.</li>
 *   <li><b>Adam 2e-4, betas 0.5/0.999 (DCGAN)</b> for both networks: with R1 and alternating
 *       updates no divergence needed another rate (total_variation at 1e-3 covered 1 mode).</li>
 * </ul>
 * The long runs (3000 steps of 256 on ring8, 1000 of 64 on MNIST) are in the README.
 */
public final class FGanRecipes {
    private static final Map<Divergence, Recipe> RECIPES = new EnumMap<>(Divergence.class);

    static {
        put(Divergence.KL, GeneratorForm.PRACTICAL, 1);
        put(Divergence.REVERSE_KL, GeneratorForm.SATURATING, 1);
        put(Divergence.PEARSON, GeneratorForm.PRACTICAL, 1);
        put(Divergence.NEYMAN, GeneratorForm.SATURATING, 1);
        put(Divergence.SQUARED_HELLINGER, GeneratorForm.SATURATING, 1);
        put(Divergence.JENSEN_SHANNON, GeneratorForm.PRACTICAL, 0);
        put(Divergence.GAN, GeneratorForm.PRACTICAL, 0);
        put(Divergence.TOTAL_VARIATION, GeneratorForm.SATURATING, 0.1);
    }

    private FGanRecipes() {
    }

    /**
     * @param d the divergence
     * @return its recipe, named {@code fgan:NAME}
     */
    public static Recipe of(Divergence d) {
        return RECIPES.get(Objects.requireNonNull(d, "divergence"));
    }

    private static void put(Divergence d, GeneratorForm form, double r1) {
        String name = "fgan:" + d.cliName();
        List<PenaltySpec> penalties = r1 > 0 ? List.of(new PenaltySpec(PenaltyKind.R1, r1)) : List.of();
        RECIPES.put(d, new Recipe(name, name, penalties, Recipe.DCGAN_ADAM, Recipe.DCGAN_ADAM, 1, UpdateSchedule.ALTERNATING, 0, form));
    }
}
