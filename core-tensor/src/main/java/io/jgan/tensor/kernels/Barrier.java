package io.jgan.tensor.kernels;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Turns the per-op loop objects of {@link SimdUnary} and {@link SimdBinary} into method handles that
 * C2 can never inline into their callers, so that every loop is compiled as a root of its own.
 *
 * <p>Why: a Vector API op is only compiled to machine vectors when C2 inlines the whole chain from
 * the loop down to the {@code VectorSupport} intrinsic (about five calls). C2 stops inlining at
 * depth {@code MaxInlineLevel} (15) from the method it compiles, so a loop inlined 11 to 15 levels
 * below some caller has that chain cut: every vector then becomes a heap object and every lane goes
 * through the library's Java fallback, 100-500x slower. An interface call is not enough to stop
 * this: when a program uses a single op (a benchmark of leaky_relu alone) the call site is
 * monomorphic and C2 inlines through it. Measured before this barrier: 3 of 4 JMH forks of the
 * leaky_relu kernel fell from 90 us to 5-60 ms per 2^20 floats after about 5 s, allocating gigabytes.
 * A handle read from an array is not a constant, so C2 emits a plain indirect call (a few ns, paid
 * once per run of the loop, not per element) and compiles the loop separately, where the chain is
 * always shallow.
 */
final class Barrier {
    private Barrier() {}

    /**
     * @param lookup a lookup with access to the (private) interface
     * @param iface the loop interface (a functional interface)
     * @param method its single method's name
     * @param type the method's type
     * @param loops the implementations, indexed by op ordinal
     * @return one handle per loop, of type {@code type}, bound to its loop
     */
    static MethodHandle[] handles(MethodHandles.Lookup lookup, Class<?> iface, String method, MethodType type,
                                  Object[] loops) {
        try {
            MethodHandle virtual = lookup.findVirtual(iface, method, type);
            MethodHandle[] out = new MethodHandle[loops.length];
            for (int i = 0; i < loops.length; i++) {
                out[i] = virtual.bindTo(loops[i]);
            }
            return out;
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Rethrows what a loop threw through {@code invokeExact} (only unchecked exceptions can occur).
     *
     * @param t the throwable
     * @return never returns normally; declared so callers can write {@code throw Barrier.rethrow(t)}
     */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("a kernel loop threw a checked exception", t);
    }
}
