package io.jgan.tensor.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgan.tensor.Hardware;
import org.junit.jupiter.api.Test;

/** The GEMM shape follows the registers and L2 as documented. */
class GemmShapeTest {
    @Test
    void registerTileFitsTheRegisters() {
        assertEquals(Hardware.vectorRegisters() >= 32 ? 8 : 4, GemmShape.MR);
        // accumulators + two B vectors + one broadcast
        assertTrue(2 * GemmShape.MR + 3 <= Hardware.vectorRegisters(), "tile " + GemmShape.MR + " x 2 vectors");
        assertEquals(MicroKernel.MR, SimdGemm.PANEL_ROWS);
    }

    @Test
    void depthKeepsABStripWithinASixteenthOfL2() {
        assertEquals(1024, GemmShape.depth(2 << 20, 32)); // Sapphire Rapids, AVX-512
        assertEquals(1024, GemmShape.depth(2 << 20, 16)); // the same under -XX:UseAVX=2
        assertEquals(512, GemmShape.depth(512 << 10, 16)); // Zen 2-4, AVX2
        assertEquals(256, GemmShape.depth(256 << 10, 16)); // Haswell: BLIS's kc
        assertEquals(64, GemmShape.depth(16 << 10, 32)); // never below 64
        assertTrue(4L * GemmShape.KC * GemmShape.NR <= Math.max(Hardware.l2Bytes() / 16, 4L * 64 * GemmShape.NR));
        assertTrue(4L * GemmShape.TILE_M_STRIPS * GemmShape.MR * GemmShape.KC <= Math.max(Hardware.l2Bytes() / 2,
                4L * GemmShape.MR * GemmShape.KC));
        assertEquals(2, GemmShape.describe().size());
    }
}
