package io.jgan.tensor.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float vector species every SIMD kernel uses: {@code SPECIES_PREFERRED} unless
 * {@code -Djgan.species=128|256|512} asks for another width. Resolved once.
 */
public final class Species {
    /** The species in use. */
    public static final VectorSpecies<Float> FLOAT = resolve();

    private Species() {}

    private static VectorSpecies<Float> resolve() {
        String p = System.getProperty("jgan.species");
        if (p == null || p.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        return switch (p.trim()) {
            case "64" -> FloatVector.SPECIES_64;
            case "128" -> FloatVector.SPECIES_128;
            case "256" -> FloatVector.SPECIES_256;
            case "512" -> FloatVector.SPECIES_512;
            case "max" -> VectorSpecies.of(float.class, VectorShape.S_Max_BIT);
            default -> throw new IllegalArgumentException("-Djgan.species must be 64, 128, 256, 512 or max, got '" + p + "'");
        };
    }
}
