package io.jgan.tensor.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API implementation of {@link Kernels}. Each loop runs whole vectors up to
 * {@code loopBound} and finishes with one masked vector, so there is no scalar tail except in the
 * reductions (where inactive lanes would change max/min). The unary and binary ops live in
 * {@link SimdUnary} and {@link SimdBinary}: one loop per op, the op chosen once per run.
 */
public final class SimdKernels implements Kernels {
    /** The single instance. */
    public static final SimdKernels INSTANCE = new SimdKernels();
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = S.length();
    /** Doubles of the same vector width: one float vector widens into two of these. */
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, S.vectorShape());

    private SimdKernels() {}

    @Override
    public void unary(UnaryOp op, float a, float b, float[] x, int xo, float[] y, int yo, int n) {
        SimdUnary.run(op, a, b, x, xo, y, yo, n);
    }

    @Override
    public void binary(BinaryOp op, float[] a, int ao, boolean aScalar, float[] b, int bo, boolean bScalar,
                       float[] y, int yo, int n) {
        SimdBinary.run(op, a, ao, aScalar, b, bo, bScalar, y, yo, n);
    }

    @Override
    public void select(float[] c, int co, float[] a, int ao, float[] b, int bo, float[] y, int yo, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        for (; i < bound; i += L) {
            VectorMask<Float> t = FloatVector.fromArray(S, c, co + i).compare(VectorOperators.NE, 0f);
            FloatVector.fromArray(S, b, bo + i).blend(FloatVector.fromArray(S, a, ao + i), t).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = c[co + i] != 0f ? a[ao + i] : b[bo + i];
        }
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xo + i, m).fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, y, yo + i, m)).intoArray(y, yo + i, m);
        }
    }

    @Override
    public float sum(float[] x, int xo, int n) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        int i = 0;
        int bound4 = n - 4 * L + 1;
        // Four independent accumulators hide the add latency; the order is fixed, so the result is too.
        for (; i < bound4; i += 4 * L) {
            s0 = s0.add(FloatVector.fromArray(S, x, xo + i));
            s1 = s1.add(FloatVector.fromArray(S, x, xo + i + L));
            s2 = s2.add(FloatVector.fromArray(S, x, xo + i + 2 * L));
            s3 = s3.add(FloatVector.fromArray(S, x, xo + i + 3 * L));
        }
        int bound = S.loopBound(n);
        for (; i < bound; i += L) {
            s0 = s0.add(FloatVector.fromArray(S, x, xo + i));
        }
        float s = VectorMath.sum(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) {
            s += x[xo + i];
        }
        return s;
    }

    @Override
    public float max(float[] x, int xo, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        float m = Float.NEGATIVE_INFINITY;
        if (bound > 0) {
            FloatVector acc = FloatVector.fromArray(S, x, xo);
            for (i = L; i < bound; i += L) {
                acc = acc.max(FloatVector.fromArray(S, x, xo + i));
            }
            m = acc.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            m = Math.max(m, x[xo + i]);
        }
        return m;
    }

    @Override
    public float min(float[] x, int xo, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        float m = Float.POSITIVE_INFINITY;
        if (bound > 0) {
            FloatVector acc = FloatVector.fromArray(S, x, xo);
            for (i = L; i < bound; i += L) {
                acc = acc.min(FloatVector.fromArray(S, x, xo + i));
            }
            m = acc.reduceLanes(VectorOperators.MIN);
        }
        for (; i < n; i++) {
            m = Math.min(m, x[xo + i]);
        }
        return m;
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int i = 0;
        int bound2 = n - 2 * L + 1;
        for (; i < bound2; i += 2 * L) {
            s0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), s0);
            s1 = FloatVector.fromArray(S, a, ao + i + L).fma(FloatVector.fromArray(S, b, bo + i + L), s1);
        }
        int bound = S.loopBound(n);
        for (; i < bound; i += L) {
            s0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), s0);
        }
        float s = VectorMath.sum(s0.add(s1));
        for (; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    @Override
    public double sumOfSquares(float[] x, int xo, int n) {
        // widened to double before squaring, as the scalar twin does; two accumulators per half
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            DoubleVector lo = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector hi = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
            s0 = lo.fma(lo, s0);
            s1 = hi.fma(hi, s1);
        }
        double s = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double v = x[xo + i];
            s += v * v;
        }
        return s;
    }

    @Override
    public boolean allFinite(float[] x, int xo, int n) {
        // x * 0 is zero for every finite x and NaN for NaN and infinities; NaN survives the sums
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            acc = acc.add(FloatVector.fromArray(S, x, xo + i).mul(0f));
        }
        if (!Float.isFinite(acc.reduceLanes(VectorOperators.ADD))) {
            return false;
        }
        for (; i < n; i++) {
            if (!Float.isFinite(x[xo + i])) {
                return false;
            }
        }
        return true;
    }
}
