package io.jgan.tensor.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jgan.tensor.ConvPass;
import io.jgan.tensor.ConvPlan;
import io.jgan.tensor.ConvTrace;
import io.jgan.tensor.Linalg;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Shape;
import io.jgan.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The convolution planner: its choices for known layers, against the routing it replaced, and the trace. */
class ConvPlannerTest {
    /** The plan of one layer: forward, input gradient, weight gradient. */
    private static void assertPlan(ConvPlan p, String forward, String inputGrad, String weightGrad) {
        assertEquals(List.of(forward, inputGrad, weightGrad), List.of(p.forward(), p.inputGrad(), p.weightGrad()), p.geometry());
    }

    /** The weight gradient of the few-channel layers on 14x14 outputs runs the direct kernel only when a row fits one vector. */
    private static String fewchWeightGrad14() {
        return 14 <= PolyphasePlan.L ? "fewch-direct" : "im2col-gemm";
    }

    @Test
    void defaultMnistDcganLayers() {
        // ./jgan train's default model (dcgan at 28x28, batch 64): G's two transposed convolutions, D's two convolutions
        Linalg.Impl simd = Linalg.simd();
        ConvPlan g0 = simd.planConvTranspose2d(Shape.of(64, 128, 7, 7), Shape.of(128, 64, 4, 4), 2, 1, 0);
        assertEquals("64x128x7x7 * 128x64x4x4 s2 p1 -> 64x64x14x14", g0.geometry());
        assertPlan(g0, "im2col-gemm", "im2col-gemm", "im2col-gemm"); // polyphase would save only 1.36x (its 7x7 maps waste tiles)
        ConvPlan g1 = simd.planConvTranspose2d(Shape.of(64, 64, 14, 14), Shape.of(64, 1, 4, 4), 2, 1, 0);
        assertEquals(Shape.of(64, 1, 28, 28), g1.output());
        assertPlan(g1, "fewch-direct", "fewch-direct", fewchWeightGrad14());
        ConvPlan d0 = simd.planConv2d(Shape.of(64, 1, 28, 28), Shape.of(64, 1, 4, 4), 2, 1);
        assertPlan(d0, "fewch-direct", "fewch-direct", fewchWeightGrad14());
        ConvPlan d1 = simd.planConv2d(Shape.of(64, 64, 14, 14), Shape.of(128, 64, 4, 4), 2, 1);
        assertPlan(d1, "im2col-gemm", "im2col-gemm", "im2col-gemm");
    }

    @Test
    void kerasDcganLayersTakeWinogradAndPolyphase() {
        assumeTrue(TileTransform.L == 8 || TileTransform.L == 16, "Winograd needs 8 or 16 lanes, has " + TileTransform.L);
        Linalg.Impl simd = Linalg.simd();
        assertPlan(simd.planConvTranspose2d(Shape.of(64, 256, 7, 7), Shape.of(256, 128, 5, 5), 1, 2, 0),
                "winograd-f4x4-5x5", "winograd-f4x4-5x5", "winograd-f4x4-5x5");
        assertPlan(simd.planConvTranspose2d(Shape.of(64, 128, 7, 7), Shape.of(128, 64, 5, 5), 2, 2, 1),
                "polyphase-f4x4-3x3", "polyphase-f4x4-3x3", "polyphase-f4x4-3x3");
        assertPlan(simd.planConv2d(Shape.of(64, 64, 14, 14), Shape.of(128, 64, 5, 5), 2, 2),
                "polyphase-f4x4-3x3", "polyphase-f4x4-3x3", "polyphase-f4x4-3x3");
        assertPlan(simd.planConv2d(Shape.of(64, 1, 28, 28), Shape.of(64, 1, 5, 5), 2, 2),
                "fewch-direct", "fewch-direct", fewchWeightGrad14());
        assertPlan(simd.planConv2d(Shape.of(64, 128, 8, 8), Shape.of(128, 128, 3, 3), 1, 1),
                "winograd-f4x4-3x3", "winograd-f4x4-3x3", "winograd-f4x4-3x3");
    }

    @Test
    void scalarKernelsRunTheDirectLoopsForEveryPass() {
        ConvPlan p = Linalg.scalar().planConv2d(Shape.of(64, 128, 7, 7), Shape.of(256, 128, 5, 5), 1, 2);
        assertPlan(p, "scalar-direct", "scalar-direct", "scalar-direct");
        for (ConvPass pass : ConvPass.values()) {
            assertSame(DirectConv.INSTANCE, ((PlannedConv) Convs.scalar()).kernels(ConvGeometry.of(2, 1, 8, 8, 3, 3, 1, 1), pass));
        }
        assertEquals("planned-scalar", Convs.scalar().name());
    }

    /**
     * The routing the planner replaced (RoutedConv's precedence, FewChannelConv's own GEMM fallback for
     * the weight gradient), written out: on a sweep of geometries every pass chooses the same kernels.
     */
    @Test
    void choosesWhatTheFormerRoutingChose() {
        int checked = 0;
        List<String> seen = new ArrayList<>();
        for (int n : new int[] {0, 1, 2, 8, 64}) {
            for (int cin : new int[] {1, 3, 4, 5, 16, 32, 64, 128}) {
                for (int cout : new int[] {1, 3, 31, 32, 128}) {
                    for (int size : new int[] {7, 8, 13, 14, 16, 28, 32}) {
                        for (int k = 1; k <= 6; k++) {
                            for (int s = 1; s <= 3; s++) {
                                for (int p = 0; p <= 3; p++) {
                                    if (size + 2 * p < k) {
                                        continue;
                                    }
                                    ConvGeometry g = ConvGeometry.of(n, cin, size, size, cout, k, s, p);
                                    for (ConvPass pass : ConvPass.values()) {
                                        ConvAlgorithm a = ConvPlanner.choose(g, pass, true);
                                        assertSame(formerRoute(g, pass), a.kernels(), pass + " " + g);
                                        if (!seen.contains(a.name())) {
                                            seen.add(a.name());
                                        }
                                        checked++;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked > 100_000, "checked " + checked);
        assertTrue(seen.containsAll(List.of("fewch-direct", "polyphase-f4x4-3x3", "im2col-gemm")), seen.toString());
        if (TileTransform.L == 8 || TileTransform.L == 16) {
            assertTrue(seen.containsAll(List.of("winograd-f4x4-5x5", "winograd-f4x4-3x3")), seen.toString());
        }
    }

    private static Conv formerRoute(ConvGeometry g, ConvPass pass) {
        if (FewChannelConv.pays(g)) {
            return pass == ConvPass.WEIGHT_GRAD && !FewChannelWeightGrad.pays(g) ? Convs.gemm() : FewChannelConv.INSTANCE;
        }
        return WinogradConv.pays(g) ? WinogradConv.INSTANCE : PolyphaseConv.pays(g) ? PolyphaseConv.INSTANCE : Convs.gemm();
    }

    @Test
    void candidatesAreListedInTheOrderTried() {
        List<String> names = ConvPlanner.candidates().stream().map(c -> c.substring(0, c.indexOf(':'))).toList();
        assertEquals(List.of("scalar-direct", "fewch-direct", "winograd-f4x4-5x5", "winograd-f4x4-3x3", "polyphase-f4x4-3x3",
                "im2col-gemm"), names);
    }

    @Test
    void traceRecordsTheConvolutionsOfThisThreadInCallOrder() {
        Rng rng = new Rng(3);
        Tensor x = Tensor.randn(rng, 2, 1, 8, 8);
        Tensor w = Tensor.randn(rng, 4, 1, 3, 3);
        Tensor wt = Tensor.randn(rng, 4, 2, 4, 4);
        List<ConvPlan> plans;
        try (ConvTrace trace = ConvTrace.start()) {
            Tensor y = Linalg.conv2d(x, w, null, 2, 1);                   // [2, 4, 4, 4]
            Linalg.conv2dWeightGrad(x, y, w.shape(), 2, 1);               // a gradient call: not recorded
            Tensor z = Linalg.convTranspose2d(y, wt, null, 2, 1, 0);      // [2, 2, 8, 8]
            try (ConvTrace inner = ConvTrace.start()) {
                Linalg.conv2d(z, Tensor.randn(rng, 3, 2, 1, 1), null, 1, 0);
                assertEquals(1, inner.plans().size());
            }
            plans = trace.plans();
        }
        Linalg.conv2d(x, w, null, 1, 1); // after close: not recorded
        assertEquals(2, plans.size(), plans.toString());
        assertEquals("conv2d", plans.get(0).op());
        assertEquals("2x1x8x8 * 4x1x3x3 s2 p1 -> 2x4x4x4", plans.get(0).geometry());
        assertEquals("convTranspose2d", plans.get(1).op());
        assertEquals(Shape.of(2, 2, 8, 8), plans.get(1).output());
        assertEquals(Linalg.planConvTranspose2d(Shape.of(2, 4, 4, 4), wt.shape(), 2, 1, 0), plans.get(1));
    }

    @Test
    void badShapesAreRefusedWithTheirSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Linalg.planConv2d(Shape.of(1, 3, 8, 8), Shape.of(4, 2, 3, 3), 1, 1));
        assertTrue(e.getMessage().contains("[1, 3, 8, 8]") || e.getMessage().contains("3 channels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Linalg.planConvTranspose2d(Shape.of(1, 3, 8, 8), Shape.of(3, 2, 3, 3), 2, 1, 2));
    }
}
