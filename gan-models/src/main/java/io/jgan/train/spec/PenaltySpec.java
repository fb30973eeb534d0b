package io.jgan.train.spec;

/**
 * One weighted penalty of an objective.
 *
 * @param kind the penalty
 * @param weight its weight (lambda or gamma), &gt; 0
 */
public record PenaltySpec(PenaltyKind kind, double weight) {

    /** Validates the values. */
    public PenaltySpec {
        SpecException.require(kind != null, "kind", "must not be null");
        SpecException.require(weight > 0 && Double.isFinite(weight), "weight", "must be > 0, got " + weight + " for " + kind);
    }

    /**
     * Parses {@code NAME} or {@code NAME:WEIGHT}, e.g. {@code gp}, {@code r1:0.1}; a weight of 0
     * is allowed here and means "remove this penalty" to the builder.
     *
     * @param text the text
     * @return the kind and weight (NaN-free; 0 for removal)
     * @throws IllegalArgumentException naming the text
     */
    public static Edit parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.indexOf(':');
        PenaltyKind kind = PenaltyKind.parse(colon < 0 ? t : t.substring(0, colon));
        if (colon < 0) {
            return new Edit(kind, kind.defaultWeight());
        }
        double w;
        try {
            w = Double.parseDouble(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("penalty weight in '" + text + "' is not a number");
        }
        if (!(w >= 0) || !Double.isFinite(w)) {
            throw new IllegalArgumentException("penalty weight in '" + text + "' must be >= 0 (0 removes the penalty)");
        }
        return new Edit(kind, w);
    }

    /**
     * A change to an objective's penalty list: set the weight of a kind (adding it if absent), or
     * remove it (weight 0).
     *
     * @param kind the penalty
     * @param weight the new weight, 0 to remove
     */
    public record Edit(PenaltyKind kind, double weight) {}
}
