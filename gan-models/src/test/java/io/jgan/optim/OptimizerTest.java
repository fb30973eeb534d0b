package io.jgan.optim;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerTest {
    private static List<Variable> params(long seed) {
        Rng rng = new Rng(seed);
        return List.of(Variable.parameter(Tensor.randn(rng, 3, 4)), Variable.parameter(Tensor.randn(rng, 5)));
    }

    private static void setGrads(List<Variable> ps, int step) {
        Rng rng = new Rng(1000 + step);
        for (Variable p : ps) {
            p.setGrad(Tensor.randn(rng, p.dims()));
        }
    }

    /** Every optimiser variant: 3 steps, save, 3 more; a fresh optimiser loaded with the state must land on the same bits. */
    @Test
    void stateRoundTripResumesBitForBit() {
        List<Function<List<Variable>, Optimizer>> makers = List.of(
                ps -> new Adam(ps, new Adam.Config(2e-4f, 0.5, 0.999, 1e-8, 0.01)),
                ps -> new RmsProp(ps, new RmsProp.Config(5e-5f, 0.99, 1e-8, 0.9, true, 0.001)),
                ps -> new Sgd(ps, new Sgd.Config(0.1f, 0.9, 0, true, 0.001)),
                ps -> new Sgd(ps, new Sgd.Config(0.1f, 0.9, 0.3, false, 0)));
        for (Function<List<Variable>, Optimizer> make : makers) {
            List<Variable> a = params(1);
            Optimizer oa = make.apply(a);
            for (int s = 0; s < 3; s++) {
                setGrads(a, s);
                oa.step();
            }
            oa.setLearningRate(oa.learningRate() / 2);
            Map<String, Tensor> saved = oa.stateDict();
            List<Variable> b = List.of(Variable.parameter(a.get(0).value().copy()), Variable.parameter(a.get(1).value().copy()));
            Optimizer ob = make.apply(b);
            ob.loadStateDict(saved);
            assertEquals(oa.learningRate(), ob.learningRate());
            for (int s = 3; s < 6; s++) {
                setGrads(a, s);
                setGrads(b, s);
                oa.step();
                ob.step();
            }
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(a.get(i).value().toArray(), b.get(i).value().toArray(), oa.getClass().getSimpleName());
            }
        }
    }

    @Test
    void stateNamesAndValidation() {
        List<Variable> ps = params(2);
        Adam adam = new Adam(ps, Adam.Config.of(1e-3f));
        setGrads(ps, 0);
        adam.step();
        Map<String, Tensor> sd = adam.stateDict();
        assertEquals(List.of("lr", "step.0", "exp_avg.0", "exp_avg_sq.0", "step.1", "exp_avg.1", "exp_avg_sq.1"),
                List.copyOf(sd.keySet()));
        assertEquals(1f, sd.get("step.0").item());
        Map<String, Tensor> bad = new LinkedHashMap<>(sd);
        bad.remove("exp_avg.1");
        bad.put("exp_avg_sq.0", Tensor.full(-1f, 3, 4));
        bad.put("bogus", Tensor.zeros(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(params(3), Adam.Config.of(1e-3f))
                .loadStateDict(bad));
        assertTrue(e.getMessage().contains("missing \"exp_avg.1\"") && e.getMessage().contains("unexpected \"bogus\""),
                e.getMessage());
        Map<String, Tensor> negative = new LinkedHashMap<>(sd);
        negative.put("exp_avg_sq.0", Tensor.full(-1f, 3, 4));
        negative.put("step.1", Tensor.scalar(1.5f));
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(params(3), Adam.Config.of(1e-3f)).loadStateDict(negative));
        assertTrue(e.getMessage().contains("exp_avg_sq.0") && e.getMessage().contains("step.1"), e.getMessage());
        Sgd sgd = new Sgd(ps, Sgd.Config.of(0.1f).withMomentum(0.9));
        assertEquals(List.of("lr"), List.copyOf(sgd.stateDict().keySet()), "no momentum buffer before the first step");
        sgd.step();
        assertEquals(List.of("lr", "momentum_buffer.0", "momentum_buffer.1"), List.copyOf(sgd.stateDict().keySet()));
    }

    /** Hand-computed single-element updates of the variants the fixtures do not cover. */
    @Test
    void variantsByHand() {
        // SGD, weight decay 0.5, momentum 0.9, dampening 0.5, two steps of grad 1 from p = 2
        Variable p = Variable.parameter(Tensor.fromArray(new float[] {2f}, 1));
        Sgd sgd = new Sgd(List.of(p), new Sgd.Config(0.1f, 0.9, 0.5, false, 0.5));
        p.setGrad(Tensor.ones(1));
        sgd.step(); // d = 1 + 0.5 * 2 = 2; buf = 2 (first step copies); p = 2 - 0.2 = 1.8
        assertEquals(1.8f, p.value().item(), 1e-6f);
        sgd.step(); // d = 1 + 0.9 = 1.9; buf = 0.9 * 2 + 0.5 * 1.9 = 2.75; p = 1.8 - 0.275 = 1.525
        assertEquals(1.525f, p.value().item(), 1e-6f);
        // Nesterov: d = g + m * buf
        Variable q = Variable.parameter(Tensor.zeros(1));
        Sgd nest = new Sgd(List.of(q), new Sgd.Config(1f, 0.5, 0, true, 0));
        q.setGrad(Tensor.ones(1));
        nest.step(); // buf = 1; d = 1 + 0.5 = 1.5
        assertEquals(-1.5f, q.value().item(), 1e-7f);
        // centered RMSprop: v = 0.01 * 4, gbar = 0.1 * 2, avg = sqrt(0.04 - 0.04) + eps
        Variable r = Variable.parameter(Tensor.zeros(1));
        RmsProp rms = new RmsProp(List.of(r), new RmsProp.Config(1e-3f, 0.9, 1e-2, 0, true, 0));
        r.setGrad(Tensor.full(2f, 1));
        rms.step(); // v = 0.1 * 4 = 0.4, gbar = 0.2, avg = sqrt(0.4 - 0.04) + 0.01 = 0.61; p = -1e-3 * 2 / 0.61
        assertEquals(-1e-3 * 2 / (Math.sqrt(0.36) + 0.01), r.value().item(), 1e-8);
        // Adam's first step moves each element by lr (bias correction makes m/sqrt(v) = sign(g))
        Variable s = Variable.parameter(Tensor.fromArray(new float[] {0f, 0f}, 2));
        Adam adam = new Adam(List.of(s), new Adam.Config(0.01f, 0.5, 0.999, 1e-8, 0));
        s.setGrad(Tensor.fromArray(new float[] {3f, -0.5f}, 2));
        adam.step();
        assertArrayEquals(new float[] {-0.01f, 0.01f}, s.value().toArray(), 1e-8f);
    }

    @Test
    void parametersWithoutGradientsAreSkippedAndFrozenStepsAreNotCounted() {
        List<Variable> ps = params(4);
        Adam adam = new Adam(ps, Adam.Config.of(1e-2f));
        float[] before = ps.get(1).value().toArray();
        ps.get(0).setGrad(Tensor.ones(3, 4));
        adam.step();
        assertArrayEquals(before, ps.get(1).value().toArray());
        assertEquals(1, adam.stepCount(0));
        assertEquals(0, adam.stepCount(1));
        adam.zeroGrad();
        assertEquals(null, ps.get(0).grad());
    }

    @Test
    void weightClippingAfterEachStep() {
        List<Variable> ps = params(5);
        RmsProp rms = new RmsProp(ps, RmsProp.Config.of(5e-5f));
        rms.addConstraint(new WeightClipping(ps, WeightClipping.WGAN_C));
        setGrads(ps, 0);
        rms.step();
        for (Variable p : ps) {
            for (float v : p.value().toArray()) {
                assertTrue(Math.abs(v) <= 0.01f, "clipped to [-c, c], got " + v);
            }
        }
        int onBound = 0;
        for (float v : ps.get(0).value().toArray()) {
            onBound += Math.abs(v) == 0.01f ? 1 : 0;
        }
        assertTrue(onBound > 6, "most N(0, 1) values end up on the bounds, got " + onBound + " of 12");
    }

    @Test
    void learningRateGetSet() {
        Adam adam = new Adam(params(6), Adam.Config.of(2e-4f));
        assertEquals(2e-4f, adam.learningRate());
        adam.setLearningRate(adam.learningRate() / 2);
        assertEquals(1e-4f, adam.learningRate());
        assertThrows(IllegalArgumentException.class, () -> adam.setLearningRate(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> adam.setLearningRate(0f));
    }

    /** The training-step issue measures allocation later; here the optimiser alone must not allocate once warm. */
    @Test
    void stepsAllocateNothingInSteadyState() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Variable> ps = List.of(Variable.parameter(Tensor.randn(new Rng(7), 256, 256)));
        ps.get(0).setGrad(Tensor.randn(new Rng(8), 256, 256));
        List<Optimizer> opts = List.of(new Adam(ps, new Adam.Config(1e-4f, 0.5, 0.999, 1e-8, 0.01)),
                new RmsProp(ps, new RmsProp.Config(1e-4f, 0.99, 1e-8, 0.9, true, 0.01)),
                new Sgd(ps, new Sgd.Config(1e-4f, 0.9, 0, true, 0.01)));
        WeightClipping clip = new WeightClipping(ps, 1f);
        for (Optimizer o : opts) {
            for (int i = 0; i < 200; i++) {
                o.step(); // warm up: JIT compilation, lazily created state
            }
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 50; i++) {
                o.step();
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            // a single 256x256 temporary would be 262 KB per step; allow a few bytes of JIT noise
            assertTrue(allocated < 4096, o.getClass().getSimpleName() + " allocated " + allocated + " bytes in 50 steps");
        }
        clip.apply();
    }
}
