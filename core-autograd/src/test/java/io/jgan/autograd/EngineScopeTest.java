package io.jgan.autograd;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.TensorScope;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backward inside a {@link TensorScope}: results outlive the pass, temporaries do not, values do not change. */
class EngineScopeTest {
    /** A chain with pass-through rules (add, reshape) that share gradient arrays between inputs. */
    private static Variable loss(Variable w, Variable x) {
        Variable h = x.matmul(w).tanh();
        Variable r = h.add(h).reshape(-1).mul(h.reshape(-1));
        return r.add(r).sum();
    }

    private static Variable param(long seed, int... dims) {
        return Variable.parameter(Tensor.randn(new Rng(seed), dims));
    }

    @Test
    void backwardInAScopeGivesTheUnscopedGradientsAndTheyOutliveTheScope() {
        Variable x = Variable.of(Tensor.randn(new Rng(1), 16, 33));
        Variable w1 = param(2, 33, 17);
        loss(w1, x).backward();
        float[] expected = w1.grad().toArray();

        Variable w2 = param(2, 33, 17);
        for (int round = 0; round < 3; round++) {
            w2.zeroGrad();
            try (TensorScope s = TensorScope.open()) {
                loss(w2, x).backward();
            }
            // under -Djgan.pool.poison=true a gradient left in the released storage would be NaN here
            assertArrayEquals(expected, w2.grad().toArray());
        }
    }

    @Test
    void gradientStorageIsReusedAcrossZeroGrad() {
        Variable w = param(3, 4, 5);
        Variable x = Variable.of(Tensor.randn(new Rng(4), 2, 4));
        loss(w, x).backward();
        Tensor g = w.grad();
        w.zeroGrad();
        loss(w, x).backward();
        assertSame(g, w.grad());
    }

    @Test
    void gradResultsMoveToTheCallersScope() {
        Variable x = Variable.of(Tensor.randn(new Rng(5), 8, 6));
        Variable w = param(6, 6, 3);
        float[] expected = Autograd.grad(loss(w, x), w).get(0).value().toArray();
        List<Variable> gs;
        try (TensorScope outer = TensorScope.open()) {
            gs = Autograd.grad(loss(w, x), w);
            Tensor filler = Tensor.randn(new Rng(9), 6, 3); // would take a wrongly released array
            assertTrue(filler.allFinite());
            assertArrayEquals(expected, gs.get(0).value().toArray());
        }
    }

    @Test
    void doubleBackwardInAScopeMatchesTheUnscopedOne() {
        Variable x0 = Variable.of(Tensor.randn(new Rng(7), 8, 6));
        Variable w = param(8, 6, 3);
        float[] expected;
        {
            Variable x = Variable.parameter(x0.value().copy());
            Variable gx = Autograd.grad(loss(w, x), true, x).get(0);
            gx.square().sum().backward();
            expected = w.grad().toArray();
        }
        w.zeroGrad();
        try (TensorScope s = TensorScope.open()) {
            Variable x = Variable.parameter(x0.value().copy());
            Variable gx = Autograd.grad(loss(w, x), true, x).get(0);
            gx.square().sum().backward();
        }
        assertArrayEquals(expected, w.grad().toArray());
    }

    /** The README's TensorScope example, as written there. */
    @Test
    void readmeExampleRuns() {
        Variable w = Variable.parameter(Tensor.randn(new Rng(1), 784, 1));   // made outside: lives on
        Tensor x = Tensor.randn(new Rng(2), 64, 784);
        Tensor best = null;
        for (int step = 0; step < 100; step++) {
            try (TensorScope s = TensorScope.open()) {
                Variable loss = Variable.of(x).matmul(w).tanh().square().mean();
                float value = loss.item();                   // read numbers out before the scope closes
                w.zeroGrad();
                loss.backward();                             // w.grad() is w's own storage, valid after close
                w.value().axpy(-0.1f, w.grad());             // in place: no new tensor
                if (step == 99) {
                    best = s.keep(w.value().copy());         // keep: this tensor survives the scope
                }
            }                                                // every other tensor's array is back in the pool
        }
        assertArrayEquals(w.value().toArray(), best.toArray());
        assertTrue(w.grad().allFinite());
    }
}
