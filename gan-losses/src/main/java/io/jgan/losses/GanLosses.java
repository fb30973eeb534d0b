package io.jgan.losses;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Builds a {@link GanLoss} from the name the command line uses. */
public final class GanLosses {
    private GanLosses() {
    }

    /**
     * @param name one of {@code ns}, {@code minimax}, {@code wgan}, {@code hinge}, {@code lsgan},
     *             {@code fgan:<divergence>} with a divergence from {@link Divergence#names()}
     *             (case and surrounding blanks ignored)
     * @return the loss with its defaults (hard labels, LSGAN codes 0/1/1, f-GAN saturating
     *         generator form)
     * @throws IllegalArgumentException for an unknown name, naming it and listing the valid ones
     */
    public static GanLoss byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "ns": return new NonSaturating();
            case "minimax": return new Minimax();
            case "wgan": return new Wasserstein();
            case "hinge": return new Hinge();
            case "lsgan": return new LeastSquares();
            default: break;
        }
        if (key.startsWith("fgan:")) {
            String div = key.substring("fgan:".length());
            try {
                return new FDivergence(Divergence.byName(div));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown GAN loss '" + name + "': unknown f-divergence '" + div
                        + "'; valid losses: " + String.join(", ", names()), e);
            }
        }
        throw new IllegalArgumentException("unknown GAN loss '" + name + "'; valid: " + String.join(", ", names()));
    }

    /** @return every name {@link #byName(String)} accepts */
    public static List<String> names() {
        List<String> names = new ArrayList<>(List.of("ns", "minimax", "wgan", "hinge", "lsgan"));
        for (Divergence d : Divergence.values()) {
            names.add("fgan:" + d.cliName());
        }
        return Collections.unmodifiableList(names);
    }
}
