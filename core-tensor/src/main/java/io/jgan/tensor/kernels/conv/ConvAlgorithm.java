package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.ConvPass;

/**
 * One entry of {@link ConvPlanner}'s candidate list: an algorithm's name, the kernels that run it and
 * the geometries and passes it applies to.
 *
 * @param name the name reports and benchmarks print ({@code jgan info --model}, {@code jgan bench})
 * @param description one line on what the algorithm does
 * @param kernels the implementation; only the pass the predicate accepted is called on it
 * @param applies whether to take this algorithm for a geometry and pass
 */
record ConvAlgorithm(String name, String description, Conv kernels, Applies applies) {
    /** The applicability predicate of one candidate. */
    @FunctionalInterface
    interface Applies {
        /**
         * @param g the geometry of the forward convolution
         * @param pass the call to plan
         * @param simd whether the SIMD kernels were asked for (false: the scalar reference)
         * @return whether the candidate takes this call
         */
        boolean test(ConvGeometry g, ConvPass pass, boolean simd);
    }
}
