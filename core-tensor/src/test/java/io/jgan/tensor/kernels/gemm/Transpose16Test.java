package io.jgan.tensor.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The register transpose against the definition, with strides and offsets on both sides. */
class Transpose16Test {
    @Test
    void transposesA16By16Block() {
        Assumptions.assumeTrue(Transpose16.AVAILABLE, "needs 16-lane vectors");
        int lds = 37, ldd = 32, s = 5, d = 3;
        float[] src = new float[s + 16 * lds];
        for (int i = 0; i < src.length; i++) {
            src[i] = i;
        }
        float[] dst = new float[d + 16 * ldd];
        Transpose16.transpose(src, s, lds, dst, d, ldd);
        for (int j = 0; j < 16; j++) {
            for (int p = 0; p < 16; p++) {
                assertEquals(src[s + j * lds + p], dst[d + p * ldd + j], "element " + j + ", " + p);
            }
        }
        assertEquals(0f, dst[0]);
    }
}
