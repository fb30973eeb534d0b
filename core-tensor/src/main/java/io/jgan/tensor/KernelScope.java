package io.jgan.tensor;

import io.jgan.tensor.kernels.Kernels;

/**
 * Which kernel implementation tensor ops use on the current thread: the active one (SIMD unless
 * {@code -Djgan.simd=false}) or, inside {@link #run}, an explicit one. Worker threads of
 * {@link Parallel} receive the kernels as an argument, so the choice follows the work.
 */
final class KernelScope {
    private static final ThreadLocal<Kernels> OVERRIDE = new ThreadLocal<>();

    private KernelScope() {}

    static Kernels current() {
        Kernels k = OVERRIDE.get();
        return k != null ? k : Kernels.active();
    }

    static void run(Kernels k, Runnable body) {
        Kernels prev = OVERRIDE.get();
        OVERRIDE.set(k);
        try {
            body.run();
        } finally {
            if (prev == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(prev);
            }
        }
    }
}
