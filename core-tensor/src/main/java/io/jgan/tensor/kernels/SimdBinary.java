package io.jgan.tensor.kernels;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The binary ops of {@link SimdKernels}: for each op, one loop per operand layout (array and array,
 * array and repeated scalar, scalar and array), chosen once per run.
 *
 * <p>The single loop this replaces picked each operand with {@code aScalar ? broadcast : load} and
 * the op with a switch on every iteration; C2 kept the vectors it merged that way as heap objects,
 * so array-array adds ran at a tenth of the scalar-operand speed. As in {@link SimdUnary}, the last
 * partial vector goes through {@link #apply} under a mask, the same per-op expression as the loops.
 */
final class SimdBinary {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = S.length();

    /** The loops over whole vectors of one op. */
    @FunctionalInterface
    private interface Loop {
        void run(float[] a, int ao, boolean as, float[] b, int bo, boolean bs, float[] y, int yo, int bound);
    }

    /** Indexed by op ordinal; called through {@link #HANDLES} so that each op's loops compile on their own (see {@link Barrier}). */
    private static final Loop[] LOOPS = new Loop[BinaryOp.values().length];

    static {
        LOOPS[BinaryOp.ADD.ordinal()] = SimdBinary::add;
        LOOPS[BinaryOp.SUB.ordinal()] = SimdBinary::sub;
        LOOPS[BinaryOp.MUL.ordinal()] = SimdBinary::mul;
        LOOPS[BinaryOp.DIV.ordinal()] = SimdBinary::div;
        LOOPS[BinaryOp.MAX.ordinal()] = SimdBinary::max;
        LOOPS[BinaryOp.MIN.ordinal()] = SimdBinary::min;
        LOOPS[BinaryOp.GT.ordinal()] = SimdBinary::gt;
        LOOPS[BinaryOp.GE.ordinal()] = SimdBinary::ge;
        LOOPS[BinaryOp.LT.ordinal()] = SimdBinary::lt;
        LOOPS[BinaryOp.EQ.ordinal()] = SimdBinary::eq;
    }

    /** {@link #LOOPS} behind handles C2 cannot inline through (see {@link Barrier}). */
    private static final MethodHandle[] HANDLES = Barrier.handles(MethodHandles.lookup(), Loop.class, "run",
            MethodType.methodType(void.class, float[].class, int.class, boolean.class, float[].class, int.class,
                    boolean.class, float[].class, int.class, int.class), LOOPS);

    private SimdBinary() {}

    /** y[i] = op(a[i or 0], b[i or 0]) for the whole run. */
    static void run(BinaryOp op, float[] a, int ao, boolean as, float[] b, int bo, boolean bs, float[] y, int yo, int n) {
        if (n == 0) {
            return;
        }
        int bound = S.loopBound(n);
        if (as && bs) {
            FloatVector r = apply(op, FloatVector.broadcast(S, a[ao]), FloatVector.broadcast(S, b[bo]));
            for (int i = 0; i < bound; i += L) {
                r.intoArray(y, yo + i);
            }
        } else if (bound > 0) {
            try {
                HANDLES[op.ordinal()].invokeExact(a, ao, as, b, bo, bs, y, yo, bound);
            } catch (Throwable t) {
                throw Barrier.rethrow(t);
            }
        }
        if (bound < n) {
            VectorMask<Float> m = S.indexInRange(bound, n);
            FloatVector x = as ? FloatVector.broadcast(S, a[ao]) : FloatVector.fromArray(S, a, ao + bound, m);
            FloatVector z = bs ? FloatVector.broadcast(S, b[bo]) : FloatVector.fromArray(S, b, bo + bound, m);
            apply(op, x, z).intoArray(y, yo + bound, m);
        }
    }

    /** One vector of a binary op: the definition the loops below repeat. */
    static FloatVector apply(BinaryOp op, FloatVector x, FloatVector y) {
        return switch (op) {
            case ADD -> x.add(y);
            case SUB -> x.sub(y);
            case MUL -> x.mul(y);
            case DIV -> x.div(y);
            case MAX -> x.max(y);
            case MIN -> x.min(y);
            case GT -> gt(x, y);
            case GE -> ge(x, y);
            case LT -> lt(x, y);
            case EQ -> eq(x, y);
        };
    }

    private static FloatVector gt(FloatVector x, FloatVector y) {
        return FloatVector.zero(S).blend(1f, x.compare(VectorOperators.GT, y));
    }

    private static FloatVector ge(FloatVector x, FloatVector y) {
        return FloatVector.zero(S).blend(1f, x.compare(VectorOperators.GE, y));
    }

    private static FloatVector lt(FloatVector x, FloatVector y) {
        return FloatVector.zero(S).blend(1f, x.compare(VectorOperators.LT, y));
    }

    private static FloatVector eq(FloatVector x, FloatVector y) {
        return FloatVector.zero(S).blend(1f, x.compare(VectorOperators.EQ, y));
    }

    // ------------------------------------------------------------------ loops over whole vectors


    private static void add(float[] a, int ao, boolean as, float[] b, int bo, boolean bs, float[] y, int yo, int bound) {
        if (as) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (int i = 0; i < bound; i += L) {
                va.add(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        } else if (bs) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (int i = 0; i < bound; i += L) {
                FloatVector.fromArray(S, a, ao + i).add(vb).intoArray(y, yo + i);
            }
        } else {
            for (int i = 0; i < bound; i += L) {
                FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        }
    }

    private static void sub(float[] a, int ao, boolean as, float[] b, int bo, boolean bs, float[] y, int yo, int bound) {
        if (as) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (int i = 0; i < bound; i += L) {
                va.sub(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        } else if (bs) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (int i = 0; i < bound; i += L) {
                FloatVector.fromArray(S, a, ao + i).sub(vb).intoArray(y, yo + i);
            }
        } else {
            for (int i = 0; i < bound; i += L) {
                FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        }
    }

    private static void mul(float[] a, int ao, boolean as, float[] b, int bo, boolean bs, float[] y, int yo, int bound) {
        if (as) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (int i = 0; i < bound; i += L) {
                va.mul(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        } else if (bs) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (int i = 0; i < bound; i += L) {
                FloatVector.fromArray(S, a, ao + i).mul(vb).intoArray(y, yo + i);
            }
        } else {
            for (int i = 0; i < bound; i += L) {
                FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        }
    }

    private static void div(float[] a, int ao, boolean as, float[] b, int bo, boolean bs, float[] y, int yo, int bound) {
        if (as) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (int i = 0; i < bound; i += L) {
                va.div(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        } else if (bs) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (int i = 0; i < bound; i += L) {
                FloatVector.fromArray(S, a, ao + i).div(vb).intoArray(y, yo + i);
            }
        } else {
            for (int i = 0; i < bound; i += L) {
                FloatVector.fromArray(S, a, ao + i).div(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        }
    }

    private static void max(float[] a, int ao, boolean as, float[] b, int bo, boolean bs, float[] y, int yo, int bound) {
        if (as) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (int i = 0; i < bound; i += L) {
                va.max(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        } else if (bs) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (int i = 0; i < bound; i += L) {
                FloatVector.fromArray(S, a, ao + i).max(vb).intoArray(y, yo + i);
            }
        } else {
            for (int i = 0; i < bound; i += L) {
                FloatVector.fromArray(S, a, ao + i).max(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        }
    }

    private static void min(float[] a, int ao, boolean as, float[] b, int bo, boolean bs, float[] y, int yo, int bound) {
        if (as) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (int i = 0; i < bound; i += L) {
                va.min(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        } else if (bs) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (int i = 0; i < bound; i += L) {
                FloatVector.fromArray(S, a, ao + i).min(vb).intoArray(y, yo + i);
            }
        } else {
            for (int i = 0; i < bound; i += L) {
                FloatVector.fromArray(S, a, ao + i).min(FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        }
    }

    private static void gt(float[] a, int ao, boolean as, float[] b, int bo, boolean bs, float[] y, int yo, int bound) {
        if (as) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (int i = 0; i < bound; i += L) {
                gt(va, FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        } else if (bs) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (int i = 0; i < bound; i += L) {
                gt(FloatVector.fromArray(S, a, ao + i), vb).intoArray(y, yo + i);
            }
        } else {
            for (int i = 0; i < bound; i += L) {
                gt(FloatVector.fromArray(S, a, ao + i), FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        }
    }

    private static void ge(float[] a, int ao, boolean as, float[] b, int bo, boolean bs, float[] y, int yo, int bound) {
        if (as) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (int i = 0; i < bound; i += L) {
                ge(va, FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        } else if (bs) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (int i = 0; i < bound; i += L) {
                ge(FloatVector.fromArray(S, a, ao + i), vb).intoArray(y, yo + i);
            }
        } else {
            for (int i = 0; i < bound; i += L) {
                ge(FloatVector.fromArray(S, a, ao + i), FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        }
    }

    private static void lt(float[] a, int ao, boolean as, float[] b, int bo, boolean bs, float[] y, int yo, int bound) {
        if (as) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (int i = 0; i < bound; i += L) {
                lt(va, FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        } else if (bs) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (int i = 0; i < bound; i += L) {
                lt(FloatVector.fromArray(S, a, ao + i), vb).intoArray(y, yo + i);
            }
        } else {
            for (int i = 0; i < bound; i += L) {
                lt(FloatVector.fromArray(S, a, ao + i), FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        }
    }

    private static void eq(float[] a, int ao, boolean as, float[] b, int bo, boolean bs, float[] y, int yo, int bound) {
        if (as) {
            FloatVector va = FloatVector.broadcast(S, a[ao]);
            for (int i = 0; i < bound; i += L) {
                eq(va, FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        } else if (bs) {
            FloatVector vb = FloatVector.broadcast(S, b[bo]);
            for (int i = 0; i < bound; i += L) {
                eq(FloatVector.fromArray(S, a, ao + i), vb).intoArray(y, yo + i);
            }
        } else {
            for (int i = 0; i < bound; i += L) {
                eq(FloatVector.fromArray(S, a, ao + i), FloatVector.fromArray(S, b, bo + i)).intoArray(y, yo + i);
            }
        }
    }
}
