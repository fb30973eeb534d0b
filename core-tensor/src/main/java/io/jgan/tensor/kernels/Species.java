package io.jgan.tensor.kernels;

import io.jgan.tensor.JganProperties;
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
        return switch (JganProperties.SPECIES_BITS) {
            case 0 -> FloatVector.SPECIES_PREFERRED;
            case 64 -> FloatVector.SPECIES_64;
            case 128 -> FloatVector.SPECIES_128;
            case 256 -> FloatVector.SPECIES_256;
            case 512 -> FloatVector.SPECIES_512;
            default -> VectorSpecies.of(float.class, VectorShape.S_Max_BIT);
        };
    }
}
