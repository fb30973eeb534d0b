package io.jgan.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one reader of the {@code -Djgan.*} properties: values, defaults and the messages for bad ones. */
class JganPropertiesTest {
    @Test
    void booleansAreTrueOrFalseInAnyCase() {
        assertTrue(JganProperties.bool("jgan.simd", null, true));
        assertFalse(JganProperties.bool("jgan.simd", "FALSE", true));
        assertTrue(JganProperties.bool("jgan.pool.poison", "True", false));
        // before, Kernels took "no" for true and Gemms for false: now every reader refuses it
        var e = assertThrows(IllegalArgumentException.class, () -> JganProperties.bool("jgan.simd", "no", true));
        assertEquals("-Djgan.simd must be true or false, got 'no'", e.getMessage());
    }

    @Test
    void speciesAndRegisters() {
        assertEquals(0, JganProperties.species(null));
        assertEquals(256, JganProperties.species("256"));
        assertEquals(-1, JganProperties.species("max"));
        assertThrows(IllegalArgumentException.class, () -> JganProperties.species("300"));
        assertEquals(0, JganProperties.vectorRegisters(null));
        assertEquals(16, JganProperties.vectorRegisters("16"));
        var e = assertThrows(IllegalArgumentException.class, () -> JganProperties.vectorRegisters("8"));
        assertEquals("-Djgan.vregs must be 16 or 32, got '8'", e.getMessage());
    }

    @Test
    void numbersAndSizes() {
        assertEquals(0, JganProperties.threads(null));
        assertEquals(3, JganProperties.threads("3"));
        assertThrows(IllegalArgumentException.class, () -> JganProperties.threads("0"));
        assertThrows(IllegalArgumentException.class, () -> JganProperties.threads("two"));
        assertEquals(-1, JganProperties.poolMaxBytes(null));
        assertEquals(0, JganProperties.poolMaxBytes("0"));
        assertThrows(IllegalArgumentException.class, () -> JganProperties.poolMaxBytes("-1"));
        assertEquals(512 << 10, JganProperties.bytes("jgan.cache.l2", "512K"));
        assertEquals(2 << 20, JganProperties.bytes("jgan.cache.l2", "2m"));
        assertEquals(49152, JganProperties.bytes("jgan.cache.l1d", "49152"));
        var e = assertThrows(IllegalArgumentException.class, () -> JganProperties.bytes("jgan.cache.l2", "big"));
        assertTrue(e.getMessage().startsWith("-Djgan.cache.l2 must be a positive size"), e.getMessage());
    }

    @Test
    void theRunningJvmsValuesAreTheParsedProperties() {
        assertEquals(JganProperties.POOL_POISON, Boolean.parseBoolean(System.getProperty("jgan.pool.poison", "false")));
        assertEquals(JganProperties.SIMD, !"false".equalsIgnoreCase(System.getProperty("jgan.simd", "true")));
    }
}
