package io.jgan.train.spec;

import io.jgan.losses.FDivergence;
import io.jgan.losses.GanLoss;
import io.jgan.losses.GanLosses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A named bundle of objective, optimisers, schedule and clipping: what {@code --loss NAME} selects.
 * Every registry loss is a recipe with the DCGAN defaults (Adam 2e-4, betas 0.5/0.999, one critic
 * step; simultaneous updates when the loss asks for them) except:
 * <ul>
 *   <li>{@code wgan}: the WGAN paper's Algorithm 1 — RMSprop 5e-5, weight clipping 0.01, 5 critic
 *       steps and the 100/25/500 schedule.</li>
 *   <li>{@code wgan-gp}: Gulrajani et al.'s Algorithm 1 — the Wasserstein loss plus the gradient
 *       penalty (lambda 10), Adam 1e-4 with betas 0.5/0.9, 5 critic steps.</li>
 *   <li>{@code fgan:NAME}: one recipe per divergence, measured, in {@link FGanRecipes}.</li>
 * </ul>
 *
 * @param name the recipe's name
 * @param loss the registry loss it uses
 * @param penalties its penalties
 * @param optimizerG the generator's optimiser
 * @param optimizerD the critic's optimiser
 * @param nCritic critic steps per generator step
 * @param updates the update schedule
 * @param clip weight clipping (0: off)
 * @param generatorForm f-GAN's generator objective (null for the other losses)
 */
public record Recipe(String name, String loss, List<PenaltySpec> penalties, OptimizerSpec optimizerG, OptimizerSpec optimizerD,
                     int nCritic, UpdateSchedule updates, double clip, FDivergence.GeneratorForm generatorForm) {

    /** The DCGAN paper's Adam: 2e-4, betas 0.5/0.999. */
    static final OptimizerSpec DCGAN_ADAM = new OptimizerSpec(OptimizerKind.ADAM, 2e-4, 0.5, 0.999);
    private static final Map<String, Recipe> SPECIAL = new LinkedHashMap<>();

    static {
        OptimizerSpec rms = new OptimizerSpec(OptimizerKind.RMSPROP, 5e-5, 0.5, 0.999);
        SPECIAL.put("wgan", new Recipe("wgan", "wgan", List.of(), rms, rms, 5, UpdateSchedule.WGAN, 0.01, null));
        OptimizerSpec gpAdam = new OptimizerSpec(OptimizerKind.ADAM, 1e-4, 0.5, 0.9);
        SPECIAL.put("wgan-gp", new Recipe("wgan-gp", "wgan", List.of(new PenaltySpec(PenaltyKind.GP, 10)), gpAdam, gpAdam, 5,
                UpdateSchedule.ALTERNATING, 0, null));
    }

    /** Copies the list. */
    public Recipe {
        penalties = List.copyOf(penalties);
    }

    /**
     * @param name a recipe or registry loss name (case and blanks ignored)
     * @return the recipe
     * @throws IllegalArgumentException naming the value and every valid name
     */
    public static Recipe byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        Recipe r = SPECIAL.get(key);
        if (r != null) {
            return r;
        }
        if (!GanLosses.names().contains(key)) {
            throw new IllegalArgumentException("unknown loss '" + name + "' (valid: " + String.join(", ", names()) + ")");
        }
        GanLoss loss = GanLosses.byName(key);
        if (loss instanceof FDivergence f) {
            return FGanRecipes.of(f.divergence());
        }
        UpdateSchedule updates = loss.simultaneousUpdates() ? UpdateSchedule.SIMULTANEOUS : UpdateSchedule.ALTERNATING;
        return new Recipe(key, key, List.of(), DCGAN_ADAM, DCGAN_ADAM, 1, updates, 0, null);
    }

    /** @return every name {@link #byName} accepts: the registry's losses, with wgan-gp after wgan */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (String l : GanLosses.names()) {
            out.add(l);
            if (l.equals("wgan")) {
                out.add("wgan-gp");
            }
        }
        return out;
    }
}
