package io.jgan.train.spec;

import io.jgan.losses.FDivergence;
import io.jgan.losses.GanLoss;
import io.jgan.losses.GanLosses;
import io.jgan.losses.Labels;
import io.jgan.losses.Penalty;
import io.jgan.tensor.Rng;

import java.util.ArrayList;
import java.util.List;

/**
 * What the two networks optimise: an adversarial loss from the {@link GanLosses} registry plus any
 * list of weighted critic penalties (added to the critic's loss in list order), and the
 * discriminator's label tricks for the cross-entropy losses.
 *
 * @param loss a name of {@link GanLosses#names()}
 * @param penalties the penalties, at most one of each kind
 * @param labelSmoothing the real-label target for the cross-entropy losses, in (0, 1] (1: none; 0.9: one-sided smoothing)
 * @param labelFlip the probability of flipping a discriminator label, in [0, 0.5)
 * @param generatorForm f-GAN's generator objective ({@link FDivergence.GeneratorForm}); null for the
 *        other losses, and null given for an f-GAN loss means the paper's saturating form
 */
public record ObjectiveSpec(String loss, List<PenaltySpec> penalties, double labelSmoothing, double labelFlip,
                            FDivergence.GeneratorForm generatorForm) {

    /** Validates the values and copies the list. */
    public ObjectiveSpec {
        SpecException.require(loss != null, "loss", "must not be null");
        try {
            GanLosses.byName(loss);
        } catch (IllegalArgumentException e) {
            throw new SpecException("loss", "is unknown: '" + loss + "' (valid: " + String.join(", ", GanLosses.names()) + ")");
        }
        penalties = List.copyOf(penalties == null ? List.of() : penalties);
        for (int i = 0; i < penalties.size(); i++) {
            for (int j = 0; j < i; j++) {
                SpecException.require(penalties.get(i).kind() != penalties.get(j).kind(), "penalties",
                        "name " + penalties.get(i).kind() + " twice");
            }
        }
        SpecException.require(labelSmoothing > 0 && labelSmoothing <= 1, "labelSmoothing", "(the real target) must be in (0, 1], got "
                + labelSmoothing);
        SpecException.require(labelFlip >= 0 && labelFlip < 0.5, "labelFlip", "must be in [0, 0.5), got " + labelFlip);
        boolean fgan = GanLosses.byName(loss) instanceof FDivergence;
        SpecException.require(fgan || generatorForm == null, "generatorForm", "applies to the f-GAN losses (fgan:NAME), not " + loss);
        if (fgan && generatorForm == null) {
            generatorForm = FDivergence.GeneratorForm.SATURATING;
        }
        boolean soft = labelSmoothing < 1 || labelFlip > 0;
        if (soft) {
            try {
                GanLosses.byName(loss).withLabels(Labels.hard());
            } catch (IllegalArgumentException e) {
                throw new SpecException("labelSmoothing", "and labelFlip apply to the cross-entropy losses (ns, minimax), not " + loss);
            }
        }
    }

    /**
     * An objective with the loss's own generator form (f-GAN: saturating).
     *
     * @param loss a registry name
     * @param penalties the penalties
     * @param labelSmoothing the real-label target
     * @param labelFlip the label-flip probability
     */
    public ObjectiveSpec(String loss, List<PenaltySpec> penalties, double labelSmoothing, double labelFlip) {
        this(loss, penalties, labelSmoothing, labelFlip, null);
    }

    /** @param loss a registry name @return the loss alone, hard labels, no penalty */
    public static ObjectiveSpec of(String loss) {
        return new ObjectiveSpec(loss, List.of(), 1, 0);
    }

    /** @return true if any penalty differentiates the critic with respect to its input */
    public boolean hasPenalty() {
        return !penalties.isEmpty();
    }

    /**
     * @param labelRng the stream of label flips
     * @return the loss, with soft or noisy labels when asked
     */
    public GanLoss buildLoss(Rng labelRng) {
        GanLoss base = GanLosses.byName(loss);
        if (base instanceof FDivergence f) {
            return f.withGeneratorForm(generatorForm);
        }
        if (labelSmoothing >= 1 && labelFlip <= 0) {
            return base;
        }
        Labels labels = Labels.oneSidedSmoothing((float) labelSmoothing);
        if (labelFlip > 0) {
            labels = labels.withFlips(labelFlip, labelRng);
        }
        return base.withLabels(labels);
    }

    /** @return the penalties, built in list order */
    public List<Penalty> buildPenalties() {
        List<Penalty> out = new ArrayList<>();
        for (PenaltySpec p : penalties) {
            out.add(p.kind().build(p.weight()));
        }
        return out;
    }
}
