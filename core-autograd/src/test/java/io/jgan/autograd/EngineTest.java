package io.jgan.autograd;

import io.jgan.autograd.check.GradCheck;
import io.jgan.autograd.check.GradCheckException;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviour of backward/grad: accumulation, pruning, freeing, no-grad, errors. */
class EngineTest {

    private static Variable param(float... v) {
        return Variable.parameter(Tensor.fromArray(v, v.length));
    }

    @Test
    void backwardAccumulatesIntoLeavesAndZeroGradResets() {
        Variable x = param(1f, 2f, 3f);
        // d/dx sum(x^2 + 3x) = 2x + 3
        x.square().add(x.mul(3f)).sum().backward();
        assertArrayEquals(new float[] {5f, 7f, 9f}, x.grad().toArray(), 1e-6f);
        x.square().sum().backward();
        assertArrayEquals(new float[] {7f, 11f, 15f}, x.grad().toArray(), 1e-6f);
        x.zeroGrad();
        assertNull(x.grad());
        x.sum().backward();
        assertArrayEquals(new float[] {1f, 1f, 1f}, x.grad().toArray(), 0f);
    }

    @Test
    void leavesNeverShareAGradientTensor() {
        Variable a = param(1f, 2f);
        Variable b = param(3f, 4f);
        Tensor up = Tensor.fromArray(new float[] {1f, 1f}, 2);
        // add hands the same upstream tensor to both operands; each leaf must own its gradient.
        a.add(b).backward(up);
        assertNotSame(a.grad(), b.grad());
        assertNotSame(up.data(), a.grad().data());
        assertNotSame(a.grad().data(), b.grad().data());
        a.grad().scaleInPlace(10f);
        assertArrayEquals(new float[] {1f, 1f}, b.grad().toArray(), 0f);
        assertArrayEquals(new float[] {1f, 1f}, up.toArray(), 0f);
    }

    @Test
    void gradDoesNotTouchDotGradAndPrunesUnrelatedInputs() {
        Variable x = param(2f);
        Variable w = param(3f);
        Variable y = x.mul(w).exp();
        List<Variable> g = Autograd.grad(y, x);
        assertEquals(3f * (float) Math.exp(6), g.get(0).item(), 1e-1f);
        assertFalse(g.get(0).requiresGrad());
        assertNull(x.grad());
        assertNull(w.grad());
    }

    @Test
    void gradOfAnUnusedInputFailsUnlessAllowed() {
        Variable x = param(1f);
        Variable unused = param(2f);
        Variable y = x.square();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.grad(List.of(y), List.of(x, unused), null, GradOptions.firstOrder().retainGraph()));
        assertTrue(e.getMessage().contains("input 1") && e.getMessage().contains("[1]"), e.getMessage());
        List<Variable> g = Autograd.grad(List.of(y), List.of(x, unused), null, GradOptions.firstOrder().allowUnused());
        assertEquals(2f, g.get(0).item(), 0f);
        assertNull(g.get(1));
    }

    @Test
    @SuppressWarnings("deprecation")
    void gradOptionsByName() {
        assertEquals(new GradOptions(false, false, false), GradOptions.firstOrder());
        assertEquals(new GradOptions(true, true, false), GradOptions.createGraph()); // retain defaults to create, as in PyTorch
        assertEquals(new GradOptions(false, true, true), GradOptions.firstOrder().retainGraph().allowUnused());
        // createGraph: differentiable, and the graph survives for a second pass
        Variable x = param(3f);
        Variable y = x.pow(3f);
        Variable g = Autograd.grad(List.of(y), List.of(x), null, GradOptions.createGraph()).get(0);
        assertTrue(g.requiresGrad());
        assertEquals(27f, g.item(), 0f);
        assertEquals(27f, Autograd.grad(List.of(y), List.of(x), null, GradOptions.firstOrder()).get(0).item(), 0f);
        // the deprecated positional form means the same
        Variable w = param(2f);
        assertEquals(4f, Autograd.grad(List.of(w.square()), List.of(w), null, false, false, false).get(0).item(), 0f);
    }

    @Test
    void badInputsNameTheirShapes() {
        Variable a = Variable.parameter(Tensor.zeros(2, 3));
        Variable b = Variable.parameter(Tensor.zeros(4));
        IllegalArgumentException add = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertTrue(add.getMessage().contains("[2, 3]") && add.getMessage().contains("[4]"), add.getMessage());
        IllegalArgumentException mm = assertThrows(IllegalArgumentException.class, () -> a.matmul(a));
        assertTrue(mm.getMessage().contains("[2, 3]"), mm.getMessage());
        IllegalArgumentException nonScalar = assertThrows(IllegalArgumentException.class, () -> a.mul(2f).backward());
        assertTrue(nonScalar.getMessage().contains("[2, 3]"), nonScalar.getMessage());
        IllegalArgumentException upstream = assertThrows(IllegalArgumentException.class,
                () -> a.mul(2f).backward(Tensor.zeros(3, 2)));
        assertTrue(upstream.getMessage().contains("[3, 2]") && upstream.getMessage().contains("[2, 3]"), upstream.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Variable.of(Tensor.scalar(1f)).backward());
        assertThrows(IllegalArgumentException.class, () -> Autograd.grad(a.sum(), Variable.of(Tensor.zeros(1))));
        assertThrows(IllegalArgumentException.class, () -> Ops.mse(a, Variable.of(Tensor.zeros(3, 2))));
        assertThrows(IllegalArgumentException.class, () -> Ops.linear(a, Variable.of(Tensor.zeros(5, 2)), null));
    }

    @Test
    void aFreedGraphIsAClearErrorNamingTheOp() {
        Variable x = param(1f, 2f);
        Variable y = x.tanh().sum();
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("'sum'") && e.getMessage().contains("retainGraph"), e.getMessage());
    }

    @Test
    void aRetainedGraphCanBeBackpropagatedTwice() {
        Variable x = param(1f, 2f);
        Variable y = x.square().sum();
        y.backward(null, true);
        y.backward();
        assertArrayEquals(new float[] {4f, 8f}, x.grad().toArray(), 0f);
    }

    @Test
    void noGradRecordsNothingAndIsThreadLocalAndNested() throws Exception {
        Variable x = param(1f);
        try (GradMode.Scope outer = GradMode.noGrad()) {
            Variable y = x.mul(2f);
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
            Thread other = new Thread(() -> assertTrue(GradMode.isEnabled()));
            other.start();
            other.join();
            try (GradMode.Scope inner = GradMode.enableGrad()) {
                assertTrue(x.mul(2f).requiresGrad());
            }
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertTrue(x.mul(2f).requiresGrad());
    }

    @Test
    void detachStopsGradients() {
        Variable x = param(3f);
        Variable y = x.mul(x.detach());
        y.backward();
        assertEquals(3f, x.grad().item(), 0f);
    }

    @Test
    void firstOrderGradientsAreConstants() {
        Variable x = param(1f, 2f);
        Variable g = Autograd.grad(x.pow(3f).sum(), x).get(0);
        assertFalse(g.requiresGrad());
        assertTrue(g.isLeaf());
    }

    @Test
    void aChainOf100kOpsNeedsNoRecursion() {
        Variable x = param(1f);
        Variable y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.add(1e-3f).mul(1f);
        }
        y.sum().backward();
        assertEquals(1f, x.grad().item(), 0f);
    }

    @Test
    void gradientWithRespectToAnIntermediate() {
        Variable x = param(1f, 2f);
        Variable h = x.mul(3f);
        Variable y = h.square().sum();
        Variable gh = Autograd.grad(y, h).get(0);
        assertArrayEquals(new float[] {6f, 12f}, gh.value().toArray(), 1e-6f);
    }

    @Test
    void aRuleWithoutDifferentiableBackwardFailsWhenDifferentiatedTwice() {
        Variable x = param(1f, 2f);
        // A once-differentiable op: its rule multiplies raw tensors, invisible to the graph.
        Variable y = Variable.recordOnce("raw_square", x.value().square(),
                (g, out, n) -> new Variable[] {Variable.of(g.value().mul(x.value().mul(2f)))}, x);
        Variable g1 = Autograd.grad(y.sum(), true, x).get(0);
        assertArrayEquals(new float[] {2f, 4f}, g1.value().toArray(), 0f);
        assertTrue(g1.requiresGrad());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Autograd.grad(g1.sum(), x));
        assertTrue(e.getMessage().contains("raw_square"), e.getMessage());
        // First order through the same kind of op is fine.
        Variable z = Variable.recordOnce("raw_square", x.value().square(),
                (g, out, n) -> new Variable[] {Variable.of(g.value().mul(x.value().mul(2f)))}, x);
        assertArrayEquals(new float[] {2f, 4f}, Autograd.grad(z.sum(), x).get(0).value().toArray(), 0f);
    }

    @Test
    void gradcheckCatchesAWrongRule() {
        GradCheckException e = assertThrows(GradCheckException.class, () -> GradCheck.gradcheck(v -> Variable.record("wrong_square",
                v.get(0).value().square(), (g, out, n) -> new Variable[] {g.mul(v.get(0))}, v.get(0)),
                Tensor.fromArray(new float[] {1f, 2f}, 2)));
        assertTrue(e.getMessage().contains("analytic"), e.getMessage());
    }

    @Test
    void recordingDoesNotCopyValues() {
        Tensor t = Tensor.fromArray(new float[] {1f, 2f}, 2);
        Variable x = Variable.parameter(t);
        assertSame(t, x.value());
        assertSame(t.data(), x.reshape(2, 1).value().data());
    }

    @Test
    void requiresGradOnlyChangesOnLeaves() {
        Variable x = param(1f);
        assertThrows(IllegalStateException.class, () -> x.mul(2f).requiresGrad(false));
        x.requiresGrad(false);
        assertFalse(x.mul(2f).requiresGrad());
    }
}
