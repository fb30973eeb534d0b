package io.jgan.tensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TensorScopeTest {
    // Lengths no other test of this JVM asks for, so the shared pool's other users do not interfere.
    private static final int N = 10_007;
    private static final int M = 10_009;

    @AfterEach
    void restoreBound() {
        TensorPool.maxBytes(Runtime.getRuntime().maxMemory() / 4);
    }

    @Test
    void anArrayReleasedByOneScopeServesTheNextOne() {
        float[] first;
        try (TensorScope s = TensorScope.open()) {
            Tensor t = Tensor.zeros(N);
            t.fill(7f);
            first = t.data();
        }
        long hits = TensorScope.poolStats().hits();
        try (TensorScope s = TensorScope.open()) {
            Tensor t = Tensor.zeros(N);
            assertSame(first, t.data(), "the released array is reused");
            assertArrayEquals(new float[N], t.data(), "zeros() clears a reused array");
            assertEquals(hits + 1, TensorScope.poolStats().hits());
        }
    }

    @Test
    void outsideAScopeTensorsAreOrdinaryArrays() {
        assertFalse(TensorScope.isPooling());
        float[] a = Tensor.zeros(N).data();
        try (TensorScope s = TensorScope.open()) {
            assertTrue(TensorScope.isPooling());
            assertNotSame(a, Tensor.zeros(N).data());
        }
        assertArrayEquals(new float[N], a, "an unscoped tensor is never handed to the pool");
    }

    @Test
    void aUseAfterReleaseReadsNaNUnderPoison() {
        assumeTrue(TensorScope.poisoning(), "run with -Djgan.pool.poison=true (the build's tests do)");
        Tensor escaped;
        try (TensorScope s = TensorScope.open()) {
            escaped = Tensor.ones(N).mul(3f); // stored beyond the scope: a bug the poison must expose
        }
        assertTrue(Float.isNaN(escaped.get(0)));
        assertFalse(escaped.allFinite());
        assertTrue(Float.isNaN(escaped.sum().item()), "anything computed from it is NaN too");
    }

    @Test
    void nestedScopesReleaseInnermostFirst() {
        Tensor outer;
        Tensor inner;
        try (TensorScope a = TensorScope.open()) {
            outer = Tensor.full(2f, N);
            try (TensorScope b = TensorScope.open()) {
                inner = Tensor.full(3f, M);
                assertThrows(IllegalStateException.class, a::close, "closing the outer scope first is refused");
            }
            assertEquals(2f, outer.get(N - 1), "the outer scope's tensors survive the inner one");
            if (TensorScope.poisoning()) {
                assertTrue(Float.isNaN(inner.get(0)));
            }
        }
        assertFalse(TensorScope.isPooling());
    }

    @Test
    void keepMovesATensorToTheEnclosingScope() {
        Tensor kept;
        try (TensorScope a = TensorScope.open()) {
            try (TensorScope b = TensorScope.open()) {
                kept = b.keep(Tensor.full(5f, N).reshape(1, N)); // a view keeps its whole array
            }
            assertEquals(5f, kept.get(0, N - 1));
            Tensor again = Tensor.zeros(N);
            assertNotSame(kept.data(), again.data(), "a kept array is not handed out again");
        }
        if (TensorScope.poisoning()) {
            assertTrue(Float.isNaN(kept.get(0, 0)), "released with the enclosing scope");
        }
        Tensor forever;
        try (TensorScope a = TensorScope.open()) {
            forever = a.keep(Tensor.full(6f, N));
        }
        assertEquals(6f, forever.get(N - 1), "kept with no enclosing scope: an ordinary array");
    }

    @Test
    void unpooledTensorsOutliveEveryScope() {
        Tensor state;
        try (TensorScope a = TensorScope.open()) {
            state = TensorScope.unpooled(() -> Tensor.full(4f, N));
            assertTrue(TensorScope.isPooling(), "pooling resumes after unpooled()");
        }
        assertEquals(4f, state.get(0));
        assertEquals(4f, state.get(N - 1));
    }

    @Test
    void releaseGivesOneArrayBackEarly() {
        try (TensorScope s = TensorScope.open()) {
            Tensor t = Tensor.zeros(N);
            assertTrue(s.release(t));
            assertFalse(s.release(t), "only once");
            assertFalse(s.release(Tensor.scalar(1f)), "not this scope's");
            assertSame(t.data(), Tensor.zeros(N).data(), "the next request of that length gets it");
        }
    }

    @Test
    void thePoolIsBounded() {
        try (TensorScope s = TensorScope.open()) {
            Tensor.zeros(M); // make sure M's list exists and is drained below
        }
        TensorScope.clearPool();
        long oneArray = 16L + 4L * M;
        TensorPool.maxBytes(2 * oneArray);
        try (TensorScope s = TensorScope.open()) {
            for (int i = 0; i < 5; i++) {
                Tensor.zeros(M);
            }
        }
        TensorScope.PoolStats st = TensorScope.poolStats();
        assertEquals(2 * oneArray, st.retainedBytes(), "retains no more than the bound");
        assertEquals(3, st.dropped(), "the rest are left to the GC");
    }

    @Test
    void otherThreadsDoNotDrawFromThisThreadsScope() throws Exception {
        try (TensorScope s = TensorScope.open()) {
            AtomicReference<Boolean> pooling = new AtomicReference<>();
            AtomicReference<Throwable> closeError = new AtomicReference<>();
            Thread t = new Thread(() -> {
                pooling.set(TensorScope.isPooling());
                try {
                    s.close();
                } catch (Throwable e) {
                    closeError.set(e);
                }
            });
            t.start();
            t.join();
            assertFalse(pooling.get(), "a worker thread allocates ordinary arrays");
            assertTrue(closeError.get() instanceof IllegalStateException, "only the owner closes a scope");
        }
    }

    @Test
    void resultsAreTheSameWithAndWithoutAScope() {
        Rng rng = new Rng(3);
        Tensor x = Tensor.randn(rng, 64, 33);
        float[] plain = x.tanh().mul(x).sum(false, 1).toArray();
        for (int round = 0; round < 3; round++) {
            try (TensorScope s = TensorScope.open()) {
                assertArrayEquals(plain, x.tanh().mul(x).sum(false, 1).toArray());
            }
        }
    }
}
