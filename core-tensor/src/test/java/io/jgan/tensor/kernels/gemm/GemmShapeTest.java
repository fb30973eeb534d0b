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
    void depthDependsOnTheLanesAloneSoEveryMachineOfAWidthSumsAlike() {
        assertEquals(1024, GemmShape.depth(16)); // AVX-512, whatever its L2 (Sapphire Rapids 2 MiB, EPYC 1 MiB)
        assertEquals(512, GemmShape.depth(8)); // AVX2 (and -XX:UseAVX=2 -Djgan.species=256)
        assertEquals(256, GemmShape.depth(4)); // 128-bit vectors
        assertEquals(64, GemmShape.depth(1)); // never below 64
        assertEquals(GemmShape.depth(io.jgan.tensor.kernels.Species.FLOAT.length()), GemmShape.KC);
        // the B strip stays within any L2 of 1 MiB or more (a sixteenth for 8 lanes, an eighth for 16)
        assertTrue(4L * GemmShape.KC * GemmShape.NR <= (1 << 20) / 8);
        assertTrue(4L * GemmShape.TILE_M_STRIPS * GemmShape.MR * GemmShape.KC <= Math.max(Hardware.l2Bytes() / 2,
                4L * GemmShape.MR * GemmShape.KC));
        assertEquals(2, GemmShape.describe().size());
    }
}
