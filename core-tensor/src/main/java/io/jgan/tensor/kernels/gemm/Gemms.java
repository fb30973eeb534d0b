package io.jgan.tensor.kernels.gemm;

/**
 * Chooses a GEMM implementation. {@link #active()} is the SIMD one unless the JVM was started with
 * {@code -Djgan.simd=false}; the property is read once, when this class initialises.
 */
public final class Gemms {
    private static final Gemm ACTIVE =
            io.jgan.tensor.JganProperties.SIMD ? SimdGemm.INSTANCE : ScalarGemm.INSTANCE;

    private Gemms() {}

    /** @return the scalar reference implementation */
    public static Gemm scalar() {
        return ScalarGemm.INSTANCE;
    }

    /** @return the Vector API implementation */
    public static Gemm simd() {
        return SimdGemm.INSTANCE;
    }

    /** @return the implementation selected by {@code -Djgan.simd} (SIMD by default) */
    public static Gemm active() {
        return ACTIVE;
    }

    /**
     * @param name "scalar" or "simd"
     * @return that implementation
     * @throws IllegalArgumentException for any other name
     */
    public static Gemm byName(String name) {
        return switch (name) {
            case "scalar" -> scalar();
            case "simd" -> simd();
            default -> throw new IllegalArgumentException("unknown GEMM implementation '" + name + "' (scalar|simd)");
        };
    }
}
