package io.jgan.tensor.kernels;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The unary ops of {@link SimdKernels}: one loop per op, so the dispatch on the op happens once
 * per run and never inside a loop.
 *
 * <p>Why a loop per op rather than one loop around a {@code switch}: C2 compiles a vector value
 * that crosses a call it did not inline into a heap object, and a switch over every op (exp, log
 * and tanh included) is far too large to inline, so the generic loop allocated two vectors per
 * iteration. Each loop here holds a single op's math, small enough to be inlined whole. The runs
 * stop at {@code loopBound}; the last partial vector goes through {@link #tail}, which evaluates
 * the very same per-op functions under a mask, so a value's result never depends on where a run
 * starts or ends (chunking and thread count cannot change a bit).
 */
final class SimdUnary {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = S.length();
    /** Floats per scratch block of the two-pass ops: 4 KB, a multiple of every vector length. */
    private static final int BLOCK = 1024;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[BLOCK]);

    private SimdUnary() {}

    /** The loop over whole vectors of one op. */
    @FunctionalInterface
    private interface Loop {
        void run(float a, float b, float[] x, int xo, float[] y, int yo, int bound);
    }

    /**
     * The loops, indexed by op ordinal, each compiled on its own with its math inlined whole: inlined
     * into one dispatcher, the inlining budget (DesiredMethodLimit) would run out part-way through
     * and leave some loop calling its math (VectorMath.exp, .tanh, ...) out of line, boxing every
     * vector; inlined deep below a caller, MaxInlineLevel would cut the same chain. They are called
     * through {@link #HANDLES}, which C2 never inlines (see {@link Barrier}).
     */
    private static final Loop[] LOOPS = new Loop[UnaryOp.values().length];

    static {
        LOOPS[UnaryOp.NEG.ordinal()] = (a, b, x, xo, y, yo, bound) -> neg(x, xo, y, yo, bound);
        LOOPS[UnaryOp.ABS.ordinal()] = (a, b, x, xo, y, yo, bound) -> abs(x, xo, y, yo, bound);
        LOOPS[UnaryOp.SIGN.ordinal()] = (a, b, x, xo, y, yo, bound) -> sign(x, xo, y, yo, bound);
        LOOPS[UnaryOp.SQUARE.ordinal()] = (a, b, x, xo, y, yo, bound) -> square(x, xo, y, yo, bound);
        LOOPS[UnaryOp.SQRT.ordinal()] = (a, b, x, xo, y, yo, bound) -> sqrt(x, xo, y, yo, bound);
        LOOPS[UnaryOp.RSQRT.ordinal()] = (a, b, x, xo, y, yo, bound) -> rsqrt(x, xo, y, yo, bound);
        LOOPS[UnaryOp.RECIPROCAL.ordinal()] = (a, b, x, xo, y, yo, bound) -> reciprocal(x, xo, y, yo, bound);
        LOOPS[UnaryOp.EXP.ordinal()] = (a, b, x, xo, y, yo, bound) -> exp(x, xo, y, yo, bound);
        LOOPS[UnaryOp.LOG.ordinal()] = (a, b, x, xo, y, yo, bound) -> log(x, xo, y, yo, bound);
        LOOPS[UnaryOp.TANH.ordinal()] = (a, b, x, xo, y, yo, bound) -> tanh(x, xo, y, yo, bound);
        LOOPS[UnaryOp.SIGMOID.ordinal()] = (a, b, x, xo, y, yo, bound) -> sigmoid(x, xo, y, yo, bound);
        LOOPS[UnaryOp.SOFTPLUS.ordinal()] = (a, b, x, xo, y, yo, bound) -> softplus(x, xo, y, yo, bound);
        LOOPS[UnaryOp.LOG_SIGMOID.ordinal()] = (a, b, x, xo, y, yo, bound) -> logSigmoid(x, xo, y, yo, bound);
        LOOPS[UnaryOp.RELU.ordinal()] = (a, b, x, xo, y, yo, bound) -> relu(x, xo, y, yo, bound);
        LOOPS[UnaryOp.STEP.ordinal()] = (a, b, x, xo, y, yo, bound) -> step(x, xo, y, yo, bound);
        LOOPS[UnaryOp.LEAKY_RELU.ordinal()] = (a, b, x, xo, y, yo, bound) -> leakyRelu(a, x, xo, y, yo, bound);
        LOOPS[UnaryOp.LEAKY_STEP.ordinal()] = (a, b, x, xo, y, yo, bound) -> leakyStep(a, x, xo, y, yo, bound);
        LOOPS[UnaryOp.CLAMP.ordinal()] = (a, b, x, xo, y, yo, bound) -> clamp(a, b, x, xo, y, yo, bound);
        LOOPS[UnaryOp.CLAMP_MASK.ordinal()] = (a, b, x, xo, y, yo, bound) -> clampMask(a, b, x, xo, y, yo, bound);
        LOOPS[UnaryOp.POW.ordinal()] = (a, b, x, xo, y, yo, bound) -> pow(a, x, xo, y, yo, bound);
        LOOPS[UnaryOp.AFFINE.ordinal()] = (a, b, x, xo, y, yo, bound) -> affine(a, b, x, xo, y, yo, bound);
    }

    /** {@link #LOOPS} behind handles C2 cannot inline through (see {@link Barrier}). */
    private static final MethodHandle[] HANDLES = Barrier.handles(MethodHandles.lookup(), Loop.class, "run",
            MethodType.methodType(void.class, float.class, float.class, float[].class, int.class, float[].class,
                    int.class, int.class), LOOPS);

    /** y[i] = op(x[i]) for the whole run: the full vectors in the op's loop, then the masked tail. */
    static void run(UnaryOp op, float a, float b, float[] x, int xo, float[] y, int yo, int n) {
        int bound = S.loopBound(n);
        if (bound > 0) {
            try {
                HANDLES[op.ordinal()].invokeExact(a, b, x, xo, y, yo, bound);
            } catch (Throwable t) {
                throw Barrier.rethrow(t);
            }
        }
        if (bound < n) {
            tail(op, a, b, x, xo + bound, y, yo + bound, n - bound);
        }
    }

    /** The last partial vector (fewer than L lanes): the same functions, masked. */
    private static void tail(UnaryOp op, float a, float b, float[] x, int xo, float[] y, int yo, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        apply(op, FloatVector.fromArray(S, x, xo, m), a, b).intoArray(y, yo, m);
    }

    /**
     * One vector of a unary op: the definition every loop below repeats (each loop calls the same
     * per-op function, or writes the same one-operation expression).
     */
    static FloatVector apply(UnaryOp op, FloatVector v, float a, float b) {
        return switch (op) {
            case NEG -> v.neg();
            case ABS -> v.abs();
            case SIGN -> sign(v);
            case SQUARE -> v.mul(v);
            case SQRT -> v.sqrt();
            case RSQRT -> rsqrt(v);
            case RECIPROCAL -> reciprocal(v);
            case EXP -> VectorMath.exp(v);
            case LOG -> VectorMath.log(v);
            case TANH -> VectorMath.tanh(v);
            case SIGMOID -> sigmoid(v);
            case SOFTPLUS -> softplus(v);
            case LOG_SIGMOID -> logSigmoid(v);
            case RELU -> v.max(0f);
            case STEP -> step(v);
            case LEAKY_RELU -> leakyRelu(v, a);
            case LEAKY_STEP -> leakyStep(v, a);
            case CLAMP -> v.max(a).min(b);
            case CLAMP_MASK -> clampMask(v, a, b);
            case POW -> pow(v, a);
            case AFFINE -> v.mul(a).add(b);
        };
    }

    // ------------------------------------------------------------------ per-vector functions

    static FloatVector sign(FloatVector v) {
        return FloatVector.zero(S).blend(1f, v.compare(VectorOperators.GT, 0f)).blend(-1f, v.compare(VectorOperators.LT, 0f))
                .blend(v, v.test(VectorOperators.IS_NAN));
    }

    static FloatVector rsqrt(FloatVector v) {
        return FloatVector.broadcast(S, 1f).div(v.sqrt());
    }

    static FloatVector reciprocal(FloatVector v) {
        return FloatVector.broadcast(S, 1f).div(v);
    }

    static FloatVector sigmoid(FloatVector v) {
        return FloatVector.broadcast(S, 1f).div(VectorMath.exp(v.neg()).add(1f));
    }

    static FloatVector softplus(FloatVector v) {
        return v.max(0f).add(VectorMath.log1p(VectorMath.exp(v.abs().neg())));
    }

    static FloatVector logSigmoid(FloatVector v) {
        return v.min(0f).sub(VectorMath.log1p(VectorMath.exp(v.abs().neg())));
    }

    static FloatVector step(FloatVector v) {
        return FloatVector.zero(S).blend(1f, v.compare(VectorOperators.GT, 0f));
    }

    static FloatVector leakyRelu(FloatVector v, float slope) {
        return v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0f));
    }

    static FloatVector leakyStep(FloatVector v, float slope) {
        return FloatVector.broadcast(S, slope).blend(1f, v.compare(VectorOperators.GT, 0f));
    }

    static FloatVector clampMask(FloatVector v, float lo, float hi) {
        return FloatVector.zero(S).blend(1f, v.compare(VectorOperators.GE, lo).and(v.compare(VectorOperators.LE, hi)));
    }

    /**
     * x^a: exact forms for the common exponents, else Math.pow per lane (the vector library's POW
     * is not bit-stable across JIT modes, see {@link VectorMath}).
     */
    static FloatVector pow(FloatVector v, float a) {
        if (a == 2f) {
            return v.mul(v);
        }
        if (a == 3f) {
            return v.mul(v).mul(v);
        }
        if (a == 1f) {
            return v;
        }
        if (a == 0.5f) {
            return v.sqrt();
        }
        if (a == -1f) {
            return FloatVector.broadcast(S, 1f).div(v);
        }
        float[] lanes = v.toArray();
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = (float) Math.pow(lanes[i], a);
        }
        return FloatVector.fromArray(S, lanes, 0);
    }

    // ------------------------------------------------------------------ loops over whole vectors

    private static void neg(float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).neg().intoArray(y, yo + i);
        }
    }

    private static void abs(float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).abs().intoArray(y, yo + i);
        }
    }

    private static void sign(float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            sign(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
    }

    private static void square(float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            v.mul(v).intoArray(y, yo + i);
        }
    }

    private static void sqrt(float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).sqrt().intoArray(y, yo + i);
        }
    }

    private static void rsqrt(float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            rsqrt(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
    }

    private static void reciprocal(float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            reciprocal(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
    }

    private static void exp(float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            VectorMath.exp(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
    }

    private static void log(float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            VectorMath.log(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
    }

    private static void tanh(float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            VectorMath.tanh(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
    }

    private static void sigmoid(float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            sigmoid(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
    }

    /**
     * softplus and log-sigmoid in two passes per block of {@link #BLOCK} floats: e^-|x| into a
     * scratch block, then the log1p. exp and log1p in one loop exceed C2's node budget
     * (NodeCountInliningCutoff), which left log1p out of line and every vector boxed (10x slower).
     * The values are the same bits as {@link #softplus(FloatVector)} computes in registers.
     */
    private static void softplus(float[] x, int xo, float[] y, int yo, int bound) {
        float[] s = SCRATCH.get();
        for (int start = 0; start < bound; start += BLOCK) {
            int m = Math.min(BLOCK, bound - start);
            expNegAbs(x, xo + start, s, m);
            softplusFromExp(x, xo + start, s, y, yo + start, m);
        }
    }

    private static void logSigmoid(float[] x, int xo, float[] y, int yo, int bound) {
        float[] s = SCRATCH.get();
        for (int start = 0; start < bound; start += BLOCK) {
            int m = Math.min(BLOCK, bound - start);
            expNegAbs(x, xo + start, s, m);
            logSigmoidFromExp(x, xo + start, s, y, yo + start, m);
        }
    }

    private static void expNegAbs(float[] x, int xo, float[] s, int m) {
        for (int i = 0; i < m; i += L) {
            VectorMath.exp(FloatVector.fromArray(S, x, xo + i).abs().neg()).intoArray(s, i);
        }
    }

    private static void softplusFromExp(float[] x, int xo, float[] s, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L) {
            FloatVector.fromArray(S, x, xo + i).max(0f).add(VectorMath.log1p(FloatVector.fromArray(S, s, i))).intoArray(y, yo + i);
        }
    }

    private static void logSigmoidFromExp(float[] x, int xo, float[] s, float[] y, int yo, int m) {
        for (int i = 0; i < m; i += L) {
            FloatVector.fromArray(S, x, xo + i).min(0f).sub(VectorMath.log1p(FloatVector.fromArray(S, s, i))).intoArray(y, yo + i);
        }
    }

    private static void relu(float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).max(0f).intoArray(y, yo + i);
        }
    }

    private static void step(float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            step(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
    }

    private static void leakyRelu(float slope, float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            leakyRelu(FloatVector.fromArray(S, x, xo + i), slope).intoArray(y, yo + i);
        }
    }

    private static void leakyStep(float slope, float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            leakyStep(FloatVector.fromArray(S, x, xo + i), slope).intoArray(y, yo + i);
        }
    }

    private static void clamp(float lo, float hi, float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).max(lo).min(hi).intoArray(y, yo + i);
        }
    }

    private static void clampMask(float lo, float hi, float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            clampMask(FloatVector.fromArray(S, x, xo + i), lo, hi).intoArray(y, yo + i);
        }
    }

    private static void pow(float a, float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            pow(FloatVector.fromArray(S, x, xo + i), a).intoArray(y, yo + i);
        }
    }

    private static void affine(float a, float b, float[] x, int xo, float[] y, int yo, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).mul(a).add(b).intoArray(y, yo + i);
        }
    }
}
