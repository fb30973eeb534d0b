package io.jgan.tensor.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 23 case 9: numbers are converted exactly or refused, never narrowed. */
class JsonStrictTest {
    private static void refused(Runnable r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void integersAreExactOrRefused() {
        assertEquals(8, Json.intValue(Json.parse("8"), "batchSize"));
        assertEquals(8, Json.intValue(Json.parse("8.0"), "batchSize"));
        assertEquals(-3L, Json.longValue(Json.parse("-3"), "x"));
        refused(() -> Json.intValue(Json.parse("4294967304"), "batchSize"), "batchSize must be between");
        refused(() -> Json.intValue(Json.parse("8.9"), "batchSize"), "batchSize must be an integer, got 8.9");
        refused(() -> Json.longValue(Json.parse("1e300"), "steps"), "steps must be an integer within");
        refused(() -> Json.longValue(Json.parse("\"8\""), "steps"), "the string \"8\"");
        refused(() -> Json.longValue(Json.parse("null"), "steps"), "got null");
        refused(() -> Json.longValue(Json.parse("99999999999999999999"), "steps"), "steps must be an integer within");
        assertEquals(Long.MAX_VALUE, Json.longValue(Json.parse("9223372036854775807"), "steps"));
    }

    @Test
    void infiniteNumbersAreNotJson() {
        refused(() -> Json.parse("{\"steps\": 1e400}"), "out of range");
        refused(() -> Json.parse("-1e400"), "out of range");
        assertEquals(0.0, (Double) Json.parse("1e-400"));
        assertEquals(2.5, Json.doubleValue(Json.parse("2.5"), "lr"));
        refused(() -> Json.doubleValue("NaN", "lr"), "lr must be a number");
    }

    @Test
    void metadataIntegersAreStrict() {
        assertEquals(120, Json.parseLongStrict("120", "step"));
        assertEquals(-5, Json.parseLongStrict("-5", "step"));
        for (String bad : new String[] {"", " 1", "+1", "01", "1.0", "1e3", "0x10", "99999999999999999999", "-"}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parseLongStrict(bad, "step"), bad);
        }
    }
}
