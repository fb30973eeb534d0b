package io.jgan.nn;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleTest {
    /** A small DCGAN-like generator: z [N, 4] to [N, 1, 4, 4]. */
    static Sequential generator(Rng rng) {
        return new Sequential(
                new Linear(Linear.Config.of(4, 8 * 2 * 2), rng),
                new Reshape(8, 2, 2),
                new BatchNorm2d(BatchNorm.Config.of(8)),
                new ReLU(),
                new ConvTranspose2d(new ConvTranspose2d.Config(8, 1, 4, 2, 1, 0, false), rng),
                new Tanh());
    }

    @Test
    void namesFollowPyTorchStateDictOrder() {
        Sequential g = generator(new Rng(1));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "2.running_mean", "2.running_var",
                "2.num_batches_tracked", "4.weight"), List.copyOf(g.stateDict().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight"), List.copyOf(g.namedParameters().keySet()));
        assertEquals(5, g.parameters().size());
        assertEquals(List.of("2.running_mean", "2.running_var", "2.num_batches_tracked"), List.copyOf(g.namedBuffers().keySet()));
        assertArrayEquals(new int[] {8, 1, 4, 4}, g.stateDict().get("4.weight").dims());
        assertEquals(7, g.modules().size());
        assertTrue(g.toString().contains("(4): ConvTranspose2d(8, 1, kernel=4"));
    }

    @Test
    void nestedModulesGetDottedNames() {
        Rng rng = new Rng(2);
        Sequential inner = new Sequential(new Linear(Linear.Config.of(3, 3), rng));
        Sequential outer = new Sequential(inner, new Linear(new Linear.Config(3, 2, false), rng));
        assertEquals(List.of("0.0.weight", "0.0.bias", "1.weight"), List.copyOf(outer.stateDict().keySet()));
    }

    @Test
    void registrationRejectsDotsEmptyAndDuplicates() {
        Module m = new Module() {
            {
                registerParameter("w", Tensor.zeros(1));
                assertThrows(IllegalArgumentException.class, () -> registerParameter("w", Tensor.zeros(1)));
                assertThrows(IllegalArgumentException.class, () -> registerBuffer("w", Tensor.zeros(1)));
                assertThrows(IllegalArgumentException.class, () -> registerParameter("a.b", Tensor.zeros(1)));
                assertThrows(IllegalArgumentException.class, () -> registerModule("", new ReLU()));
                assertThrows(IllegalArgumentException.class, () -> registerModule("self", this));
            }

            @Override
            public Variable forward(Variable x) {
                return x;
            }
        };
        assertEquals(List.of("w"), List.copyOf(m.stateDict().keySet()));
    }

    @Test
    void trainEvalRecursesAndChangesBatchNormAndDropout() {
        Rng rng = new Rng(3);
        Dropout drop = new Dropout(new Dropout.Config(0.5), rng.split("dropout"));
        Sequential s = new Sequential(new BatchNorm1d(BatchNorm.Config.of(4)), drop);
        Tensor x = Tensor.randn(rng, 6, 4);
        s.eval();
        assertFalse(drop.isTraining());
        // eval: fresh running stats (0, 1) and no dropout, so the output is x / sqrt(1 + eps)
        float[] y = s.forward(x).value().toArray();
        float[] xs = x.toArray();
        for (int i = 0; i < y.length; i++) {
            assertEquals(xs[i] / Math.sqrt(1 + 1e-5), y[i], 1e-6);
        }
        s.train();
        assertTrue(drop.isTraining());
        float[] yt = s.forward(x).value().toArray();
        int zeros = 0;
        for (float v : yt) {
            zeros += v == 0f ? 1 : 0;
        }
        assertTrue(zeros > 0 && zeros < yt.length, "dropout in training mode zeroes some elements, got " + zeros);
    }

    @Test
    void zeroGradAndRequiresGrad() {
        Linear l = new Linear(Linear.Config.of(3, 2), new Rng(4));
        l.forward(Tensor.ones(2, 3)).sum().backward();
        assertNotNull(l.weight().grad());
        l.zeroGrad();
        assertNull(l.weight().grad());
        l.requiresGrad(false);
        Variable x = Variable.parameter(Tensor.ones(2, 3));
        l.forward(x).sum().backward();
        assertNull(l.weight().grad(), "a frozen module accumulates no gradient");
        assertNotNull(x.grad(), "the input still gets its gradient through a frozen module");
        l.requiresGrad(true);
        assertTrue(l.weight().requiresGrad());
    }

    @Test
    void strictLoadReportsMissingUnexpectedAndMismatchedNamesAndChangesNothing() {
        Sequential g = generator(new Rng(5));
        Tensor before = g.stateDict().get("0.weight").copy();
        Map<String, Tensor> sd = new LinkedHashMap<>(generator(new Rng(6)).stateDict());
        sd.remove("2.running_var");
        sd.put("9.weight", Tensor.zeros(1));
        sd.put("0.bias", Tensor.zeros(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.loadStateDict(sd, true));
        assertTrue(e.getMessage().contains("missing keys [2.running_var]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected keys [9.weight]"), e.getMessage());
        assertTrue(e.getMessage().contains("0.bias (checkpoint [5], module [32])"), e.getMessage());
        assertArrayEquals(before.toArray(), g.stateDict().get("0.weight").toArray(), "a failed load changes nothing");
    }

    @Test
    void nonStrictLoadReportsButLoadsTheRest() {
        Sequential g = generator(new Rng(7));
        Sequential src = generator(new Rng(8));
        Map<String, Tensor> sd = new LinkedHashMap<>(src.stateDict());
        sd.remove("4.weight");
        sd.put("extra", Tensor.zeros(2));
        Module.LoadResult r = g.loadStateDict(sd, false);
        assertEquals(List.of("4.weight"), r.missingKeys());
        assertEquals(List.of("extra"), r.unexpectedKeys());
        assertArrayEquals(src.stateDict().get("0.weight").toArray(), g.stateDict().get("0.weight").toArray());
        assertThrows(IllegalArgumentException.class, () -> g.loadStateDict(Map.of("0.weight", Tensor.zeros(2, 2)), false),
                "shape mismatches are errors even when not strict");
    }

    @Test
    void loadCopiesInPlaceSoParameterVariablesStay() {
        Linear a = new Linear(Linear.Config.of(3, 2), new Rng(9));
        Linear b = new Linear(Linear.Config.of(3, 2), new Rng(10));
        Variable w = a.weight();
        Tensor storage = w.value();
        a.loadStateDict(b.stateDict(), true);
        assertSame(w, a.weight());
        assertSame(storage, a.weight().value());
        assertArrayEquals(b.weight().value().toArray(), a.weight().value().toArray());
    }

    @Test
    void layersCheckTheirInputShapes() {
        Rng rng = new Rng(11);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(new Conv2d.Config(3, 4, 3, 1, 1, true), rng).forward(Tensor.zeros(1, 2, 5, 5)));
        assertTrue(e.getMessage().contains("[N, 3, H, W]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Linear(Linear.Config.of(3, 2), rng).forward(Tensor.zeros(2, 4)));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(BatchNorm.Config.of(3)).forward(Tensor.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> new ConvTranspose2d.Config(2, 2, 3, 2, 0, 2, true));
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(LayerNorm.Config.of(4)).forward(Tensor.zeros(2, 5)));
        assertThrows(IllegalArgumentException.class,
                () -> new Embedding(new Embedding.Config(3, 2), rng).forward(new int[] {3}));
    }

    @Test
    void shapesOfTheLayers() {
        Rng rng = new Rng(12);
        Tensor x = Tensor.randn(rng, 2, 3, 8, 8);
        assertArrayEquals(new int[] {2, 5, 4, 4}, new Conv2d(new Conv2d.Config(3, 5, 4, 2, 1, true), rng).forward(x).dims());
        assertArrayEquals(new int[] {2, 5, 16, 16},
                new ConvTranspose2d(new ConvTranspose2d.Config(3, 5, 4, 2, 1, 0, true), rng).forward(x).dims());
        assertArrayEquals(new int[] {2, 5, 17, 17},
                new ConvTranspose2d(new ConvTranspose2d.Config(3, 5, 4, 2, 1, 1, true), rng).forward(x).dims());
        assertArrayEquals(new int[] {2, 192}, new Flatten().forward(x).dims());
        assertArrayEquals(new int[] {2, 3, 64}, new Reshape(3, 64).forward(x).dims());
        Variable e = new Embedding(new Embedding.Config(10, 4), rng).forward(Tensor.fromArray(new float[] {1, 9, 1}, 3));
        assertArrayEquals(new int[] {3, 4}, e.dims());
        assertArrayEquals(e.value().slice(0, 1).toArray(), e.value().slice(2, 3).toArray());
    }

    @Test
    void batchNormUpdatesRunningStatsLikePyTorchAndCountsBatches() {
        BatchNorm1d bn = new BatchNorm1d(new BatchNorm.Config(2, 1e-5, 0.5, true, true));
        // channel 0 holds {1, 3}: mean 2, unbiased variance 2; channel 1 holds {0, 0}
        bn.forward(Tensor.fromArray(new float[] {1, 0, 3, 0}, 2, 2));
        assertArrayEquals(new float[] {1f, 0f}, bn.runningMean().toArray(), 1e-7f);
        assertArrayEquals(new float[] {1.5f, 0.5f}, bn.runningVar().toArray(), 1e-7f);
        assertEquals(1f, bn.numBatchesTracked().item());
        bn.eval().forward(Tensor.ones(2, 2));
        assertEquals(1f, bn.numBatchesTracked().item(), "evaluation leaves the statistics alone");
        BatchNorm2d noTrack = new BatchNorm2d(new BatchNorm.Config(2, 1e-5, 0.1, false, false));
        assertEquals(List.of(), List.copyOf(noTrack.stateDict().keySet()));
        noTrack.eval();
        Variable y = noTrack.forward(Tensor.randn(new Rng(13), 3, 2, 2, 2));
        assertEquals(0.0, y.value().mean().item(), 1e-5, "without running stats eval uses the batch statistics");
    }
}
