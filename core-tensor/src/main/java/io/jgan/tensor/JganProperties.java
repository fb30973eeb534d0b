package io.jgan.tensor;

import java.util.Locale;

/**
 * Every {@code -Djgan.*} system property the numeric core understands, read and validated once, when
 * this class initialises (the kernels select their implementations from these in {@code static final}
 * fields, so later changes to the system properties have no effect). A malformed value fails with an
 * {@link IllegalArgumentException} naming the property and the value.
 *
 * <table>
 *   <caption>The properties</caption>
 *   <tr><th>property</th><th>values</th><th>default</th></tr>
 *   <tr><td>{@code jgan.simd}</td><td>true, false</td><td>true: the Vector API kernels; false forces the scalar twins</td></tr>
 *   <tr><td>{@code jgan.species}</td><td>64, 128, 256, 512, max</td><td>the JVM's preferred vector species</td></tr>
 *   <tr><td>{@code jgan.vregs}</td><td>16, 32</td><td>detected: 32 with AVX-512 in use (or on AArch64), else 16</td></tr>
 *   <tr><td>{@code jgan.cache.l1d}, {@code jgan.cache.l2}</td><td>bytes, with an optional K or M suffix</td><td>from {@code /sys/devices/system/cpu/cpu0/cache}</td></tr>
 *   <tr><td>{@code jgan.threads}</td><td>a positive integer</td><td>the available processors</td></tr>
 *   <tr><td>{@code jgan.pool}</td><td>true, false</td><td>true: tensor scopes reuse arrays</td></tr>
 *   <tr><td>{@code jgan.pool.poison}</td><td>true, false</td><td>false; true fills released arrays with NaN</td></tr>
 *   <tr><td>{@code jgan.pool.maxBytes}</td><td>a non-negative number of bytes</td><td>a quarter of the maximum heap</td></tr>
 * </table>
 */
public final class JganProperties {
    /** Whether the Vector API kernels are used ({@code -Djgan.simd}). */
    public static final boolean SIMD = bool("jgan.simd", get("jgan.simd"), true);
    /** Requested vector width in bits, 0 for the JVM's preferred species, -1 for the maximum ({@code -Djgan.species}). */
    public static final int SPECIES_BITS = species(get("jgan.species"));
    /** Requested number of vector registers, 0 to detect ({@code -Djgan.vregs}). */
    public static final int VECTOR_REGISTERS = vectorRegisters(get("jgan.vregs"));
    /** Level-1 data cache size in bytes, 0 to detect ({@code -Djgan.cache.l1d}). */
    public static final long L1D_BYTES = bytes("jgan.cache.l1d", get("jgan.cache.l1d"));
    /** Level-2 cache size in bytes, 0 to detect ({@code -Djgan.cache.l2}). */
    public static final long L2_BYTES = bytes("jgan.cache.l2", get("jgan.cache.l2"));
    /** Threads of the parallel kernels, the caller included; 0 for the available processors ({@code -Djgan.threads}). */
    public static final int THREADS = threads(get("jgan.threads"));
    /** Whether tensor scopes pool arrays ({@code -Djgan.pool}). */
    public static final boolean POOL = bool("jgan.pool", get("jgan.pool"), true);
    /** Whether released pooled arrays are filled with NaN ({@code -Djgan.pool.poison}). */
    public static final boolean POOL_POISON = bool("jgan.pool.poison", get("jgan.pool.poison"), false);
    /** Most bytes the tensor pool retains, -1 for a quarter of the maximum heap ({@code -Djgan.pool.maxBytes}). */
    public static final long POOL_MAX_BYTES = poolMaxBytes(get("jgan.pool.maxBytes"));

    private JganProperties() {}

    private static String get(String name) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    // the parsers take the value (null when unset), so tests can check the messages
    static boolean bool(String name, String v, boolean dflt) {
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("-D" + name + " must be true or false, got '" + v + "'");
        };
    }

    static int species(String v) {
        if (v == null) {
            return 0;
        }
        return switch (v) {
            case "64", "128", "256", "512" -> Integer.parseInt(v);
            case "max" -> -1;
            default -> throw new IllegalArgumentException("-Djgan.species must be 64, 128, 256, 512 or max, got '" + v + "'");
        };
    }

    static int vectorRegisters(String v) {
        if (v == null) {
            return 0;
        }
        return switch (v) {
            case "16", "32" -> Integer.parseInt(v);
            default -> throw new IllegalArgumentException("-Djgan.vregs must be 16 or 32, got '" + v + "'");
        };
    }

    static int threads(String v) {
        if (v == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-Djgan.threads must be a positive integer, got '" + v + "'");
    }

    static long poolMaxBytes(String v) {
        if (v == null) {
            return -1;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-Djgan.pool.maxBytes must be a non-negative number of bytes, got '" + v + "'");
    }

    static long bytes(String name, String v) {
        if (v == null) {
            return 0;
        }
        try {
            long n = parseSize(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + name + " must be a positive size in bytes (e.g. 524288, 512K, 2M), got '" + v + "'");
    }

    /**
     * Parses a cache size as sysfs writes it. Here, not in {@link Hardware}: Hardware reads this class's
     * fields, so calling into it while they initialise would see them still zero.
     *
     * @param s a size such as "48K", "2048K", "2M" or "524288"
     * @return bytes
     * @throws NumberFormatException if it is not one
     */
    static long parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K")) {
            unit = 1 << 10;
        } else if (t.endsWith("M")) {
            unit = 1 << 20;
        }
        if (unit != 1) {
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * unit;
    }
}
