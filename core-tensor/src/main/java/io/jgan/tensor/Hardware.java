package io.jgan.tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jdk.incubator.vector.FloatVector;

/**
 * What the kernels are shaped by, detected once at start-up: the number of vector registers the JIT
 * can use and the sizes of the data caches, each with where it came from (so {@code jgan info} can say
 * why a kernel shape was chosen). The vector width itself is the species ({@link Backend#lanes()}).
 *
 * <p>Registers: x86 has 16 vector registers, 32 with AVX-512; C2 uses the upper 16 only when it
 * generates AVX-512 code, which it does exactly when its preferred vector is 512 bits wide (not under
 * {@code -XX:UseAVX=2}, whatever the CPU flags say). AArch64 has 32. {@code -Djgan.vregs=16|32}
 * overrides the detection (to test both kernel shapes on one machine).
 *
 * <p>Caches: {@code /sys/devices/system/cpu/cpu0/cache/index*} on Linux; elsewhere 32 KiB of L1d and
 * 512 KiB of L2, small enough for any current x86 or ARM core. {@code -Djgan.cache.l1d} and
 * {@code -Djgan.cache.l2} override them.
 */
public final class Hardware {
    /** L1 data cache assumed where it cannot be read. */
    static final long DEFAULT_L1D = 32 << 10;
    /** L2 cache assumed where it cannot be read. */
    static final long DEFAULT_L2 = 512 << 10;
    private static final Path CACHE_DIR = Path.of("/sys/devices/system/cpu/cpu0/cache");

    private static final Set<String> FLAGS = cpuFlags();
    private static final int PREFERRED_BITS = FloatVector.SPECIES_PREFERRED.vectorBitSize();
    private static final String ARCH = System.getProperty("os.arch", "");

    private static final int REGISTERS;
    private static final String REGISTERS_WHY;
    private static final long L1D;
    private static final String L1D_WHY;
    private static final long L2;
    private static final String L2_WHY;

    static {
        if (JganProperties.VECTOR_REGISTERS != 0) {
            REGISTERS = JganProperties.VECTOR_REGISTERS;
            REGISTERS_WHY = "-Djgan.vregs";
        } else if (ARCH.equals("aarch64")) {
            REGISTERS = 32;
            REGISTERS_WHY = "AArch64";
        } else if (PREFERRED_BITS >= 512) {
            REGISTERS = 32;
            REGISTERS_WHY = "AVX-512 in use (" + (FLAGS.contains("avx512f") ? "cpu flag avx512f, " : "")
                    + "preferred vectors of " + PREFERRED_BITS + " bits)";
        } else {
            REGISTERS = 16;
            REGISTERS_WHY = FLAGS.contains("avx512f")
                    ? "AVX-512 not in use: the JVM prefers " + PREFERRED_BITS + "-bit vectors (-XX:UseAVX=2?)"
                    : "no AVX-512 (preferred vectors of " + PREFERRED_BITS + " bits)";
        }
        long[] l1 = cache(1, JganProperties.L1D_BYTES, "jgan.cache.l1d", DEFAULT_L1D);
        long[] l2 = cache(2, JganProperties.L2_BYTES, "jgan.cache.l2", DEFAULT_L2);
        L1D = l1[0];
        L1D_WHY = l1[1] == 0 ? "-Djgan.cache.l1d" : l1[1] == 1 ? "sysfs" : "default";
        L2 = l2[0];
        L2_WHY = l2[1] == 0 ? "-Djgan.cache.l2" : l2[1] == 1 ? "sysfs" : "default";
    }

    private Hardware() {}

    /** @return vector registers the JIT can keep values in: 16 or 32 */
    public static int vectorRegisters() {
        return REGISTERS;
    }

    /** @return bytes of level-1 data cache per core */
    public static long l1dBytes() {
        return L1D;
    }

    /** @return bytes of level-2 cache per core */
    public static long l2Bytes() {
        return L2;
    }

    /** @return whether the JIT compiles vector scatters to an instruction (x86: only with AVX-512 in use) */
    public static boolean vectorScatter() {
        return ARCH.equals("aarch64") ? FLAGS.contains("sve") : PREFERRED_BITS >= 512;
    }

    /** @return one line per detected quantity with its source, for {@code jgan info} */
    public static List<String> describe() {
        return List.of(
                "vector registers " + REGISTERS + " (" + REGISTERS_WHY + ")",
                "L1d " + L1D / 1024 + " KiB (" + L1D_WHY + "), L2 " + L2 / 1024 + " KiB (" + L2_WHY + ")");
    }

    /** {size, source}: source 0 = property, 1 = sysfs, 2 = default. */
    private static long[] cache(int level, long property, String name, long dflt) {
        if (property > 0) {
            return new long[] {property, 0};
        }
        long size = sysfsCache(level);
        return size > 0 ? new long[] {size, 1} : new long[] {dflt, 2};
    }

    /** @return the size of the data or unified cache of this level of cpu0, or 0 if unknown */
    private static long sysfsCache(int level) {
        try (var dirs = Files.newDirectoryStream(CACHE_DIR, "index*")) {
            for (Path d : dirs) {
                String lv = Files.readString(d.resolve("level")).trim();
                String type = Files.readString(d.resolve("type")).trim();
                if (lv.equals(Integer.toString(level)) && !type.equals("Instruction")) {
                    return JganProperties.parseSize(Files.readString(d.resolve("size")).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or a container hiding sysfs: the default applies
        }
        return 0;
    }

    private static Set<String> cpuFlags() {
        Set<String> flags = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags") || line.startsWith("Features")) {
                    flags.addAll(List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: decided from the JVM alone
        }
        return flags;
    }
}
