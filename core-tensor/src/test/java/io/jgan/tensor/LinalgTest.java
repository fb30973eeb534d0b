package io.jgan.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgan.tensor.io.Json;
import io.jgan.tensor.io.Safetensors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Linalg against the PyTorch fixtures (forward and gradients), shape checks, and implementation choice. */
class LinalgTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    private static Safetensors.Contents load(String name) throws Exception {
        return Safetensors.read(SharedFiles.torchFixtures().resolve(name + ".safetensors"));
    }

    private static int param(Safetensors.Contents c, String key) {
        return ((Number) ((Map<?, ?>) Json.parse(c.metadata().get("params"))).get(key)).intValue();
    }

    static void assertClose(Tensor expected, Tensor actual, double rel, double abs, String what) {
        assertArrayEquals(expected.dims(), actual.dims(), what + " shape");
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs((double) e[i] - a[i]);
            assertTrue(err <= abs + rel * Math.abs(e[i]), what + " at " + i + ": expected " + e[i] + " got " + a[i]);
        }
    }

    private static final List<Linalg.Impl> IMPLS = List.of(Linalg.scalar(), Linalg.simd());

    @ParameterizedTest
    @ValueSource(strings = {"conv2d_0", "conv2d_1", "conv2d_2"})
    void conv2dMatchesPyTorch(String name) throws Exception {
        Safetensors.Contents c = load(name);
        assertEquals("conv2d", c.metadata().get("op"));
        Map<String, Tensor> t = c.tensors();
        int s = param(c, "stride"), p = param(c, "padding");
        Tensor x = t.get("x"), w = t.get("w"), up = t.get("upstream_out");
        for (Linalg.Impl l : IMPLS) {
            String what = name + " " + l.name();
            assertClose(t.get("out"), l.conv2d(x, w, t.get("b"), s, p), 1e-4, 1e-5, what + " out");
            assertClose(t.get("grad_x"), l.conv2dInputGrad(up, w, x.shape(), s, p), 1e-3, 1e-4, what + " grad_x");
            assertClose(t.get("grad_w"), l.conv2dWeightGrad(x, up, w.shape(), s, p), 1e-3, 1e-4, what + " grad_w");
            assertClose(t.get("grad_b"), l.biasGrad(up), 1e-3, 1e-4, what + " grad_b");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv_transpose2d_0", "conv_transpose2d_1", "conv_transpose2d_2"})
    void convTranspose2dMatchesPyTorch(String name) throws Exception {
        Safetensors.Contents c = load(name);
        assertEquals("conv_transpose2d", c.metadata().get("op"));
        Map<String, Tensor> t = c.tensors();
        int s = param(c, "stride"), p = param(c, "padding"), op = param(c, "output_padding");
        Tensor x = t.get("x"), w = t.get("w"), up = t.get("upstream_out");
        for (Linalg.Impl l : IMPLS) {
            String what = name + " " + l.name();
            Tensor out = l.convTranspose2d(x, w, t.get("b"), s, p, op);
            assertClose(t.get("out"), out, 1e-4, 1e-5, what + " out");
            // the transposed convolution is the input gradient of conv2d with the same weights
            Tensor viaAdjoint = l.conv2dInputGrad(x, w, out.shape(), s, p).add(t.get("b").reshape(1, -1, 1, 1));
            assertClose(t.get("out"), viaAdjoint, 1e-4, 1e-5, what + " out via conv2dInputGrad");
            // its gradients are the forward convolution and the weight gradient with roles swapped
            assertClose(t.get("grad_x"), l.conv2d(up, w, null, s, p), 1e-3, 1e-4, what + " grad_x");
            assertClose(t.get("grad_w"), l.conv2dWeightGrad(up, x, w.shape(), s, p), 1e-3, 1e-4, what + " grad_w");
            assertClose(t.get("grad_b"), l.biasGrad(up), 1e-3, 1e-4, what + " grad_b");
        }
    }

    @Test
    void matmulAndLinearMatchPyTorch() throws Exception {
        Safetensors.Contents mm = load("matmul");
        Map<String, Tensor> t = mm.tensors();
        Tensor a = t.get("a"), b = t.get("b"), up = t.get("upstream_out");
        Safetensors.Contents lin = load("linear");
        Map<String, Tensor> u = lin.tensors();
        Tensor x = u.get("x"), w = u.get("w"), uup = u.get("upstream_out");
        for (Linalg.Impl l : IMPLS) {
            assertClose(t.get("out"), l.matmul(a, b), 1e-4, 1e-5, "matmul out " + l.name());
            assertClose(t.get("grad_a"), l.matmul(up, b, false, true), 1e-3, 1e-4, "matmul grad_a " + l.name());
            assertClose(t.get("grad_b"), l.matmul(a, up, true, false), 1e-3, 1e-4, "matmul grad_b " + l.name());
            assertClose(u.get("out"), l.matmul(x, w, false, true).add(u.get("b")), 1e-4, 1e-5, "linear out " + l.name());
            assertClose(u.get("grad_x"), l.matmul(uup, w), 1e-3, 1e-4, "linear grad_x " + l.name());
            assertClose(u.get("grad_w"), l.matmul(uup, x, true, false), 1e-3, 1e-4, "linear grad_w " + l.name());
            assertClose(u.get("grad_b"), l.biasGrad(uup), 1e-3, 1e-4, "linear grad_b " + l.name());
        }
    }

    @Test
    void worksOnViewsWithOffsets() {
        Tensor big = Tensor.arange(2 * 3 * 4).reshape(2, 3, 4);
        Tensor a = big.slice(1, 2).reshape(3, 4);          // offset 12
        Tensor id = Tensor.zeros(4, 4);
        for (int i = 0; i < 4; i++) {
            id.set(1f, i, i);
        }
        assertArrayEquals(a.toArray(), Linalg.matmul(a, id).toArray());
        assertArrayEquals(a.toArray(), Linalg.scalar().matmul(a, id).toArray());
    }

    @Test
    void rejectsMismatchedShapesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Linalg.matmul(Tensor.zeros(2, 3), Tensor.zeros(4, 5)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Linalg.matmul(Tensor.zeros(2, 3, 1), Tensor.zeros(3, 5)));
        e = assertThrows(IllegalArgumentException.class,
                () -> Linalg.conv2d(Tensor.zeros(1, 3, 8, 8), Tensor.zeros(4, 2, 3, 3), null, 1, 1));
        assertTrue(e.getMessage().contains("[1, 3, 8, 8]") && e.getMessage().contains("[4, 2, 3, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Linalg.conv2d(Tensor.zeros(1, 3, 8, 8), Tensor.zeros(4, 3, 3, 3), Tensor.zeros(3), 1, 1));
        e = assertThrows(IllegalArgumentException.class,
                () -> Linalg.conv2dInputGrad(Tensor.zeros(1, 4, 7, 8), Tensor.zeros(4, 3, 3, 3), Shape.of(1, 3, 8, 8), 1, 1));
        assertTrue(e.getMessage().contains("[1, 4, 7, 8]") && e.getMessage().contains("[1, 4, 8, 8]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Linalg.conv2dWeightGrad(Tensor.zeros(1, 3, 8, 8), Tensor.zeros(1, 4, 4, 4), Shape.of(4, 3, 3, 3), 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Linalg.convTranspose2d(Tensor.zeros(1, 4, 4, 4), Tensor.zeros(4, 2, 4, 4), null, 2, 1, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Linalg.conv2d(Tensor.zeros(1, 3, 2, 2), Tensor.zeros(4, 3, 5, 5), null, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Linalg.biasGrad(Tensor.zeros(5)));
    }

    @Test
    void scalarScopeAndExplicitAccessSelectTheImplementation() {
        assertEquals("scalar", Linalg.scalar().name());
        assertEquals("simd", Linalg.simd().name());
        Linalg.Impl[] inside = new Linalg.Impl[1];
        Tensor.withScalarKernels(() -> inside[0] = Linalg.current());
        assertSame(Linalg.scalar(), inside[0]);
    }

    /**
     * A transposed convolution like the DCGAN generator's {@code ConvTranspose2d(256, 128, 5, 1, 2)},
     * scaled down but still on the Winograd path (stride 1, 5x5, 32 output tiles, 32 and 64
     * channels, as {@code WinogradConvTest} checks the rule): the SIMD path against the scalar loops,
     * and its gradients.
     */
    @Test
    void winogradLayerMatchesTheScalarLoops() {
        Rng rng = new Rng(11);
        Tensor x = Tensor.randn(rng, 8, 64, 7, 7);
        Tensor w = Tensor.randn(rng, 64, 32, 5, 5);
        Tensor b = Tensor.randn(rng, 32);
        Tensor up = Tensor.randn(rng, 8, 32, 7, 7);
        Tensor[][] r = new Tensor[2][];
        for (int i = 0; i < 2; i++) {
            Linalg.Impl l = IMPLS.get(i);
            r[i] = new Tensor[] {l.convTranspose2d(x, w, b, 1, 2, 0), l.conv2d(up, w, null, 1, 2),
                l.conv2dWeightGrad(up, x, w.shape(), 1, 2)};
        }
        for (int i = 0; i < 3; i++) {
            // sums of 800 to 1600 products of N(0, 1): errors scale with their spread (about 30)
            assertClose(r[0][i], r[1][i], 1e-4, 2e-3, "result " + i);
        }
    }

    @Test
    void gradientsAreBitIdenticalForOneAndTwoThreads() {
        Rng rng = new Rng(7);
        Tensor x = Tensor.randn(rng, 16, 8, 14, 14);
        Tensor w = Tensor.randn(rng, 16, 8, 5, 5);
        Tensor b = Tensor.randn(rng, 16);
        Tensor[][] r = new Tensor[2][];
        Tensor xw = Tensor.randn(rng, 8, 32, 7, 7); // a stride-1 5x5 layer that takes the Winograd path
        Tensor ww = Tensor.randn(rng, 48, 32, 5, 5);
        for (int th = 1; th <= 2; th++) {
            Parallel.setThreads(th);
            Tensor y = Linalg.conv2d(x, w, b, 2, 2);
            Tensor yw = Linalg.conv2d(xw, ww, null, 1, 2);
            r[th - 1] = new Tensor[] {y, Linalg.conv2dInputGrad(y, w, x.shape(), 2, 2),
                Linalg.conv2dWeightGrad(x, y, w.shape(), 2, 2), Linalg.biasGrad(y),
                Linalg.convTranspose2d(y, w, null, 2, 2, 1), Linalg.matmul(x.reshape(16, -1), x.reshape(16, -1), false, true),
                yw, Linalg.conv2dInputGrad(yw, ww, xw.shape(), 1, 2), Linalg.conv2dWeightGrad(xw, yw, ww.shape(), 1, 2)};
        }
        for (int i = 0; i < r[0].length; i++) {
            assertArrayEquals(r[0][i].toArray(), r[1][i].toArray(), "result " + i);
        }
    }
}
