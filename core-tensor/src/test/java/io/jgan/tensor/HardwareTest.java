package io.jgan.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The detected hardware: registers follow the JIT's vector width (not only the CPU flags), sizes parse. */
class HardwareTest {
    @Test
    void registersAre32OnlyWhenTheJitUsesAvx512() {
        int regs = Hardware.vectorRegisters();
        assertTrue(regs == 16 || regs == 32, "registers " + regs);
        if (JganProperties.VECTOR_REGISTERS != 0) {
            assertEquals(JganProperties.VECTOR_REGISTERS, regs);
        } else if (!System.getProperty("os.arch").equals("aarch64")) {
            // under -XX:UseAVX=2 on an AVX-512 CPU the flags still say avx512f, but C2 has 16 registers
            assertEquals(FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? 32 : 16, regs);
        }
        if (!System.getProperty("os.arch").equals("aarch64")) {
            // x86 scatters only with AVX-512 in use: not under -XX:UseAVX=2, not on AVX2 CPUs
            assertEquals(FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512, Hardware.vectorScatter());
        }
    }

    @Test
    void cachesArePlausible() {
        assertTrue(Hardware.l1dBytes() >= 8 << 10 && Hardware.l1dBytes() <= 1 << 20, "L1d " + Hardware.l1dBytes());
        assertTrue(Hardware.l2Bytes() >= 64 << 10, "L2 " + Hardware.l2Bytes());
        assertEquals(2, Hardware.describe().size());
    }

    @Test
    void sizesParseAsSysfsWritesThem() {
        assertEquals(48 << 10, JganProperties.parseSize("48K"));
        assertEquals(2048 << 10, JganProperties.parseSize("2048K"));
        assertEquals(32 << 20, JganProperties.parseSize("32M"));
        assertEquals(1234, JganProperties.parseSize(" 1234 "));
        assertThrows(NumberFormatException.class, () -> JganProperties.parseSize("K"));
    }
}
