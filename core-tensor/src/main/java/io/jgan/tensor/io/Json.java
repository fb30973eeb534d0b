package io.jgan.tensor.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader and writer (RFC 8259) for safetensors headers, fixture parameters and
 * run configuration. Objects become {@code LinkedHashMap<String, Object>} (key order kept), arrays
 * {@code List<Object>}, numbers {@code Double} (or {@code Long} when integral and written without a
 * fraction or exponent), plus {@code String}, {@code Boolean} and {@code null}.
 */
public final class Json {
    private static final int MAX_DEPTH = 64;
    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    /**
     * Parses one JSON value that spans the whole text.
     *
     * @param text the JSON text
     * @return the value
     * @throws IllegalArgumentException with the offset, if the text is not valid JSON
     */
    public static Object parse(String text) {
        Json p = new Json(text);
        p.ws();
        Object v = p.value(0);
        p.ws();
        if (p.i != text.length()) {
            throw p.err("trailing characters");
        }
        return v;
    }

    private IllegalArgumentException err(String what) {
        return new IllegalArgumentException("invalid JSON at offset " + i + ": " + what);
    }

    private void ws() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else {
                break;
            }
        }
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw err("nesting deeper than " + MAX_DEPTH);
        }
        if (i >= s.length()) {
            throw err("unexpected end");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{': return object(depth);
            case '[': return array(depth);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw err("unexpected character '" + c + "'");
        }
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, i)) {
            throw err("expected " + word);
        }
        i += word.length();
        return v;
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        ws();
        if (i < s.length() && s.charAt(i) == '}') {
            i++;
            return m;
        }
        while (true) {
            ws();
            if (i >= s.length() || s.charAt(i) != '"') {
                throw err("expected a string key");
            }
            String k = string();
            ws();
            expect(':');
            ws();
            Object v = value(depth + 1);
            if (m.containsKey(k)) {
                throw err("duplicate key \"" + k + "\"");
            }
            m.put(k, v);
            ws();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                continue;
            }
            expect('}');
            return m;
        }
    }

    private List<Object> array(int depth) {
        List<Object> a = new ArrayList<>();
        i++;
        ws();
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
            return a;
        }
        while (true) {
            ws();
            a.add(value(depth + 1));
            ws();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                continue;
            }
            expect(']');
            return a;
        }
    }

    private void expect(char c) {
        if (i >= s.length() || s.charAt(i) != c) {
            throw err("expected '" + c + "'");
        }
        i++;
    }

    private String string() {
        i++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw err("unterminated string");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw err("control character in string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) {
                throw err("unterminated escape");
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"' -> b.append('"');
                case '\\' -> b.append('\\');
                case '/' -> b.append('/');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw err("short \\u escape");
                    }
                    try {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw err("bad \\u escape");
                    }
                    i += 4;
                }
                default -> throw err("bad escape \\" + e);
            }
        }
    }

    private Object number() {
        int start = i;
        if (s.charAt(i) == '-') {
            i++;
        }
        boolean integral = true;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                i++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                integral = false;
                i++;
            } else {
                break;
            }
        }
        String t = s.substring(start, i);
        try {
            if (integral) {
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException tooLong) {
                    // beyond 64 bits: fall through to a double
                }
            }
            double d = Double.parseDouble(t);
            if (t.endsWith(".") || t.startsWith(".") || t.equals("-")) {
                throw new NumberFormatException(t);
            }
            if (!Double.isFinite(d)) {
                i = start;
                throw err("number '" + t + "' is out of range");
            }
            return d;
        } catch (NumberFormatException e) {
            i = start;
            throw err("bad number '" + t + "'");
        }
    }

    /** Largest magnitude below which every integer is exactly a double (2^53). */
    private static final double EXACT_DOUBLE = 9007199254740992.0;

    /**
     * Strict conversion for configuration and metadata values: an integer, never a fraction or a
     * value that only fits after narrowing.
     *
     * @param value a parsed JSON value
     * @param what its name, for the message
     * @return the value as a long
     * @throws IllegalArgumentException naming {@code what} if the value is not an integer in the long range
     *     (8.9, "8", 1e300 and 9.3e18 are all refused; 8.0 is 8)
     */
    public static long longValue(Object value, String what) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Integer n) {
            return n;
        }
        if (value instanceof Double d && Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < EXACT_DOUBLE) {
            return d.longValue();
        }
        if (value instanceof Double d && Double.isFinite(d) && d == Math.rint(d)) {
            throw new IllegalArgumentException(what + " must be an integer within +-2^53 written without an exponent, got " + value);
        }
        throw new IllegalArgumentException(what + " must be an integer, got " + describe(value));
    }

    /**
     * @param value a parsed JSON value
     * @param what its name, for the message
     * @return the value as an int
     * @throws IllegalArgumentException naming {@code what} if the value is not an integer in the int range
     *     (4294967304 is refused rather than wrapped to 8)
     */
    public static int intValue(Object value, String what) {
        long v = longValue(value, what);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " must be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + ", got " + v);
        }
        return (int) v;
    }

    /**
     * @param value a parsed JSON value
     * @param what its name, for the message
     * @return the value as a finite double
     * @throws IllegalArgumentException naming {@code what} if the value is not a number
     */
    public static double doubleValue(Object value, String what) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(what + " must be a number, got " + describe(value));
    }

    /**
     * Strict decimal integer text (as stored in safetensors metadata): digits with an optional
     * minus sign, no spaces, no plus, no leading zeros, within the long range.
     *
     * @param text the text
     * @param what its name, for the message
     * @return the value
     * @throws IllegalArgumentException naming {@code what} if the text is not such an integer
     */
    public static long parseLongStrict(String text, String what) {
        if (text == null || !text.matches("-?(0|[1-9][0-9]{0,18})")) {
            throw new IllegalArgumentException(what + " must be an integer, got " + (text == null ? "nothing" : "\"" + text + "\""));
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is out of the 64-bit range: " + text);
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String str) {
            return "the string \"" + (str.length() > 40 ? str.substring(0, 40) + "..." : str) + "\"";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return String.valueOf(value);
    }

    /**
     * Writes a value built of maps, lists, strings, numbers, booleans and null.
     *
     * @param value the value
     * @return compact JSON text
     */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String str) {
            quote(b, str);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            b.append(v);
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON cannot hold the non-finite number " + d);
            }
            b.append(v instanceof Float f ? Float.toString(f) : Double.toString(d));
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                quote(b, String.valueOf(e.getKey()));
                b.append(':');
                write(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof Iterable<?> it) {
            b.append('[');
            boolean first = true;
            for (Object o : it) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                write(b, o);
            }
            b.append(']');
        } else if (v instanceof int[] ia) {
            List<Object> l = new ArrayList<>();
            for (int x : ia) {
                l.add(x);
            }
            write(b, l);
        } else if (v instanceof long[] la) {
            List<Object> l = new ArrayList<>();
            for (long x : la) {
                l.add(x);
            }
            write(b, l);
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
        }
    }

    private static void quote(StringBuilder b, String str) {
        b.append('"');
        for (int k = 0; k < str.length(); k++) {
            char c = str.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
