package io.jgan.train.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict reading of one JSON object of a {@code config.json}: unknown keys are refused, and a
 * number is converted only when it fits exactly (an integer field refuses 8.9, 4294967304 for an
 * int and 1e400), so nothing is narrowed silently. Errors name the dotted key.
 */
final class JsonFields {
    private final String path;
    private final Map<?, ?> map;

    JsonFields(String path, Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("config " + (path.isEmpty() ? "" : "key \"" + path + "\" ") + "must be a JSON object");
        }
        this.path = path;
        this.map = m;
    }

    void allow(Set<String> keys) {
        for (Object k : map.keySet()) {
            if (!keys.contains(String.valueOf(k))) {
                throw new IllegalArgumentException("unknown config key \"" + key(String.valueOf(k)) + "\" (valid here: "
                        + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
            }
        }
    }

    boolean has(String k) {
        return map.containsKey(k) && map.get(k) != null;
    }

    boolean present(String k) {
        return map.containsKey(k);
    }

    Object raw(String k) {
        return map.get(k);
    }

    String key(String k) {
        return path.isEmpty() ? k : path + "." + k;
    }

    JsonFields object(String k) {
        return new JsonFields(key(k), map.get(k));
    }

    String string(String k) {
        Object v = map.get(k);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw bad(k, v, "a string");
        }
        return s;
    }

    Boolean bool(String k) {
        Object v = map.get(k);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Boolean b)) {
            throw bad(k, v, "true or false");
        }
        return b;
    }

    Double number(String k) {
        Object v = map.get(k);
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return l.doubleValue();
        }
        if (v instanceof Double d && Double.isFinite(d)) {
            return d;
        }
        throw bad(k, v, "a finite number");
    }

    Long integer(String k) {
        Object v = map.get(k);
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            return d.longValue();
        }
        throw bad(k, v, "an integer");
    }

    Integer int32(String k) {
        Long l = integer(k);
        if (l == null) {
            return null;
        }
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw bad(k, map.get(k), "an integer of at most " + Integer.MAX_VALUE);
        }
        return l.intValue();
    }

    List<?> list(String k) {
        Object v = map.get(k);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw bad(k, v, "a list");
        }
        return l;
    }

    IllegalArgumentException bad(String k, Object v, String expected) {
        String shown = v instanceof Double d && !Double.isFinite(d) ? "out of range (" + d + ")" : io.jgan.tensor.io.Json.write(v);
        return new IllegalArgumentException("config key \"" + key(k) + "\" has value " + shown + ", expected " + expected);
    }
}
