package io.jgan.tensor.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The register transposes against the definition, with strides and offsets on both sides. Both run
 * on every machine (a width the hardware lacks is emulated by the Vector API: slow, still exact), so
 * neither is skipped; the one {@link BlockTranspose} picks is also checked through it.
 */
class BlockTransposeTest {
    interface Transpose {
        void apply(float[] src, int s, int lds, float[] dst, int d, int ldd);
    }

    @Test
    void transposesA16By16Block() {
        check(16, Transpose16::transpose);
    }

    @Test
    void transposesAn8By8Block() {
        check(8, Transpose8::transpose);
    }

    @Test
    void theBlockOfThisVectorWidthTransposes() {
        if (BlockTranspose.AVAILABLE) {
            check(BlockTranspose.N, BlockTranspose::transpose);
        } else {
            assertEquals(false, MicroKernel.L == 8 || MicroKernel.L == 16, "a block transpose exists for " + MicroKernel.L + " lanes");
        }
    }

    private static void check(int n, Transpose t) {
        int lds = 2 * n + 5, ldd = 2 * n, s = 5, d = 3;
        float[] src = new float[s + n * lds];
        for (int i = 0; i < src.length; i++) {
            src[i] = i;
        }
        float[] dst = new float[d + n * ldd];
        t.apply(src, s, lds, dst, d, ldd);
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < n; p++) {
                assertEquals(src[s + j * lds + p], dst[d + p * ldd + j], "element " + j + ", " + p);
            }
        }
        assertEquals(0f, dst[0]);
        assertEquals(0f, dst[d + n - 1 + 1], "nothing written past a destination row");
    }
}
