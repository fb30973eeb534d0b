package io.jgan.train;

import io.jgan.nn.Linear;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator EMA and its decay warm-up. */
class EmaTest {
    @Test
    void warmupDecayFollowsTheTensorFlowSchedule() {
        Ema e = new Ema(new Linear(Linear.Config.of(2, 2), new Rng(1)), 0.999, true);
        assertEquals(0.1f, e.decayAfter(0));
        assertEquals((float) (11.0 / 20.0), e.decayAfter(10));
        assertEquals((float) (991.0 / 1000.0), e.decayAfter(990));
        assertEquals(0.999f, e.decayAfter(100_000), "the configured decay once (1 + t) / (10 + t) exceeds it");
    }

    @Test
    void withoutWarmupTheInitialWeightsLinger() {
        for (boolean warmup : new boolean[] {false, true}) {
            Linear m = new Linear(Linear.Config.of(3, 3), new Rng(2));
            m.weight().value().fill(1f); // "initial" weights
            Ema e = new Ema(m, 0.999, warmup);
            m.weight().value().fill(0f); // training moved them to 0 and they stay there
            for (int t = 0; t < 1000; t++) {
                e.update(t);
            }
            float left = e.shadow().get("weight").data()[0];
            if (warmup) {
                // prod over t of (1 + t) / (10 + t) = 9! * 1000! / 1009!: about 3.6e-22 of the start is left
                assertTrue(left < 1e-6f, "warm-up forgets the initial weights: " + left);
            } else {
                assertEquals(Math.pow(0.999, 1000), left, 1e-4, "a fixed 0.999 keeps 37% of them after 1000 steps");
            }
        }
    }

    @Test
    void updateWithoutCountKeepsTheFixedDecay() {
        Linear m = new Linear(Linear.Config.of(1, 1), new Rng(3));
        m.weight().value().fill(2f);
        Ema e = new Ema(m, 0.5, true);
        m.weight().value().fill(0f);
        e.update();
        assertEquals(1f, e.shadow().get("weight").data()[0]);
        assertFalse(new Ema(m, 0.5).warmup());
        Tensor w = e.shadow().get("weight");
        assertEquals(1, w.size());
    }
}
