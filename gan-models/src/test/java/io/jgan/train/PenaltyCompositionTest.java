package io.jgan.train;

import io.jgan.train.spec.PenaltyKind;
import io.jgan.train.spec.PenaltySpec;
import io.jgan.train.spec.Recipe;
import io.jgan.train.spec.RunSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jgan.train.TrainerTestSupport.images;
import static io.jgan.train.TrainerTestSupport.tiny;
import static io.jgan.train.TrainerTestSupport.trainer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Objectives compose: every penalty with every loss trains, and the penalty is part of the critic's loss. */
class PenaltyCompositionTest {

    @Test
    void everyPenaltyTrainsWithEveryLoss() {
        for (String loss : Recipe.names()) {
            for (PenaltyKind kind : PenaltyKind.values()) {
                RunSpec spec = tiny("mlp", loss).penalty(kind, 1.0).build();
                assertTrue(spec.objective().penalties().stream().anyMatch(p -> p.kind() == kind), loss + " + " + kind);
                GanTrainer t = trainer(spec, images(24, 1, 28, 8, 6));
                for (int i = 0; i < 2; i++) {
                    GanTrainer.StepStats s = t.step();
                    assertFalse(s.skipped(), loss + " + " + kind);
                    assertTrue(Double.isFinite(s.dLoss()) && Double.isFinite(s.gLoss()), loss + " + " + kind);
                    assertTrue(s.penalty() > 0, loss + " + " + kind + ": penalty " + s.penalty());
                }
            }
        }
    }

    @Test
    void penaltiesComposeInOrderAndEditTheRecipes() {
        RunSpec gp = tiny("mlp", "wgan-gp").build();
        assertEquals(List.of(new PenaltySpec(PenaltyKind.GP, 10)), gp.objective().penalties());
        RunSpec both = tiny("mlp", "wgan-gp").penalty(PenaltyKind.GP, 5).penalty(PenaltyKind.DRAGAN, 2).build();
        assertEquals(List.of(new PenaltySpec(PenaltyKind.GP, 5), new PenaltySpec(PenaltyKind.DRAGAN, 2)), both.objective().penalties());
        RunSpec none = tiny("mlp", "wgan-gp").penalty(PenaltyKind.GP, 0).build();
        assertEquals(List.of(), none.objective().penalties());
        assertEquals("wgan", none.objective().loss());
    }
}
