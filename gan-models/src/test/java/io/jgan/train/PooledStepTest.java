package io.jgan.train;

import io.jgan.train.spec.PenaltyKind;
import io.jgan.train.spec.RunSpecBuilder;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.TensorScope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.jgan.train.TrainerTestSupport.assertSameState;
import static io.jgan.train.TrainerTestSupport.images;
import static io.jgan.train.TrainerTestSupport.tiny;
import static io.jgan.train.TrainerTestSupport.trainer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training step runs in a {@link TensorScope}: it must change no result and, warmed up, allocate no array. */
class PooledStepTest {
    private static final List<RunSpecBuilder> CONFIGS = List.of(
            tiny("dcgan-keras", "ns").emaDecay(0.9),
            tiny("dcgan", "wgan-gp"),
            tiny("mlp", "wgan").nCritic(3),
            tiny("cdcgan", "hinge").penalty(PenaltyKind.R1, 1.0),
            tiny("mlp", "fgan:kl"));

    private static Map<String, Tensor> train(RunSpecBuilder cfg, boolean pooled, int steps) {
        boolean was = TensorScope.isEnabled();
        TensorScope.setEnabled(pooled);
        try {
            GanTrainer t = trainer(cfg, images(32, 1, 28, 8, 11));
            for (int i = 0; i < steps; i++) {
                assertFalse(t.step().skipped(), cfg.build().model().kind() + "/" + cfg.build().recipe() + " step " + i);
            }
            return TrainerState.copy(TrainerState.modelTensors(t));
        } finally {
            TensorScope.setEnabled(was);
        }
    }

    @Test
    void pooledAndUnpooledStepsGiveBitIdenticalState() {
        for (RunSpecBuilder cfg : CONFIGS) {
            assertSameState(train(cfg, false, 3), train(cfg, true, 3));
        }
    }

    @Test
    void gradientsStayReadableAfterTheStep() {
        GanTrainer t = trainer(tiny("dcgan-keras", "ns"), images(32, 1, 28, 8, 12));
        t.step();
        Tensor first = null;
        for (Variable p : t.generator().parameters()) {
            assertNotNull(p.grad());
            assertTrue(p.grad().allFinite(), "a parameter's gradient lives outside the step's scope");
            first = first == null ? p.grad() : first;
        }
        t.step();
        assertTrue(first == t.generator().parameters().get(0).grad(), "the gradient storage is reused, not reallocated");
    }

    @Test
    void aWarmedUpStepTakesEveryArrayFromThePool() {
        GanTrainer t = trainer(tiny("dcgan-keras", "wgan-gp").emaDecay(0.9), images(32, 1, 28, 8, 13));
        for (int i = 0; i < 3; i++) {
            t.step();
        }
        long misses = TensorScope.poolStats().misses();
        long hits = TensorScope.poolStats().hits();
        t.step();
        t.step();
        assertEquals(misses, TensorScope.poolStats().misses(), "no fresh array in steady state");
        assertTrue(TensorScope.poolStats().hits() > hits);
    }
}
