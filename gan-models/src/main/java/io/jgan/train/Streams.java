package io.jgan.train;

import io.jgan.nn.Dropout;
import io.jgan.tensor.Rng;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The random streams of a run, split from its seed by purpose (noise, labels, penalty, instance
 * noise, fake labels) plus the dropout modules' own streams, all saved in checkpoints.
 *
 * <p>When a batch is split into parts (micro-batches, or the shards of data-parallel workers),
 * part q of P draws from the sub-range of every stream that starts q x {@value #PART_STRIDE} draws
 * after the position at the start of the phase, and afterwards every stream continues P x
 * {@value #PART_STRIDE} draws after it. A part's randomness therefore depends only on (position, q),
 * never on which process or in which order the parts are computed, which is what makes W workers
 * bit-identical to W micro-batches. With one part the streams are used directly, as before parts
 * existed.
 */
final class Streams {
    /** Draws reserved for one part of one phase: far more than any batch consumes. */
    static final long PART_STRIDE = 1L << 40;
    static final List<String> PURPOSES = List.of("noise", "labels", "penalty", "instance-noise", "fake-labels");
    private final Map<String, Rng> byPurpose = new LinkedHashMap<>();
    private final List<Dropout> dropouts;
    private long[][] phaseStart;

    Streams(long seed, List<Dropout> dropouts) {
        Rng root = new Rng(seed);
        for (String p : PURPOSES) {
            byPurpose.put(p, root.split(p));
        }
        this.dropouts = List.copyOf(dropouts);
    }

    Rng get(String purpose) {
        return byPurpose.get(purpose);
    }

    private List<Rng> all() {
        List<Rng> out = new ArrayList<>(byPurpose.values());
        for (Dropout d : dropouts) {
            out.add(d.rng());
        }
        return out;
    }

    /** Remembers every stream's position at the start of a phase split into parts. */
    void beginParts() {
        List<Rng> all = all();
        phaseStart = new long[all.size()][];
        for (int i = 0; i < all.size(); i++) {
            phaseStart[i] = all.get(i).state();
        }
    }

    /** @param part the global part index q: every stream moves to its sub-range */
    void enterPart(int part) {
        moveTo((long) part * PART_STRIDE);
    }

    /** @param parts P: every stream moves past the phase's P sub-ranges */
    void endParts(int parts) {
        moveTo((long) parts * PART_STRIDE);
        phaseStart = null;
    }

    private void moveTo(long offset) {
        List<Rng> all = all();
        for (int i = 0; i < all.size(); i++) {
            all.get(i).restore(new long[] {phaseStart[i][0], phaseStart[i][1] + offset});
        }
    }

    /** @return every stream's state by name, for checkpoints */
    Map<String, long[]> states() {
        Map<String, long[]> m = new LinkedHashMap<>();
        byPurpose.forEach((k, v) -> m.put(k, v.state()));
        for (int i = 0; i < dropouts.size(); i++) {
            m.put("dropout." + i, dropouts.get(i).rng().state());
        }
        return m;
    }

    void restore(Map<String, long[]> states) {
        for (Map.Entry<String, Rng> e : byPurpose.entrySet()) {
            long[] s = states.get(e.getKey());
            if (s == null) {
                throw new IllegalArgumentException("checkpoint lacks the state of the '" + e.getKey() + "' random stream");
            }
            e.getValue().restore(s);
        }
        for (int i = 0; i < dropouts.size(); i++) {
            long[] s = states.get("dropout." + i);
            if (s == null) {
                throw new IllegalArgumentException("checkpoint lacks the state of dropout stream " + i);
            }
            dropouts.get(i).rng().restore(s);
        }
    }
}
