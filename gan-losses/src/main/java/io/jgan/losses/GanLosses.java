package io.jgan.losses;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The registry of adversarial losses by the name the command line and {@code config.json} use.
 * Adding a loss is one class implementing {@link GanLoss} and one line in {@link #REGISTRY}.
 */
public final class GanLosses {
    /** Name to loss, with each loss's defaults; f-GAN's eight divergences are added below. */
    private static final Map<String, Supplier<GanLoss>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("ns", NonSaturating::new);
        REGISTRY.put("minimax", Minimax::new);
        REGISTRY.put("wgan", Wasserstein::new);
        REGISTRY.put("hinge", Hinge::new);
        REGISTRY.put("lsgan", LeastSquares::new);
        REGISTRY.put("ragan", RelativisticAverage::new);
        REGISTRY.put("ralsgan", RelativisticAverageLs::new);
        for (Divergence d : Divergence.values()) {
            REGISTRY.put("fgan:" + d.cliName(), () -> new FDivergence(d));
        }
    }

    private GanLosses() {
    }

    /**
     * @param name a name of {@link #names()} (case and surrounding blanks ignored)
     * @return the loss with its defaults (hard labels, LSGAN codes 0/1/1, f-GAN saturating
     *         generator form)
     * @throws IllegalArgumentException for an unknown name, naming it and listing the valid ones
     */
    public static GanLoss byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        Supplier<GanLoss> s = REGISTRY.get(key);
        if (s != null) {
            return s.get();
        }
        if (key.startsWith("fgan:")) {
            throw new IllegalArgumentException("unknown GAN loss '" + name + "': unknown f-divergence '" + key.substring(5)
                    + "'; valid losses: " + String.join(", ", names()));
        }
        throw new IllegalArgumentException("unknown GAN loss '" + name + "'; valid: " + String.join(", ", names()));
    }

    /** @return every name {@link #byName(String)} accepts, in registry order */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(REGISTRY.keySet()));
    }
}
