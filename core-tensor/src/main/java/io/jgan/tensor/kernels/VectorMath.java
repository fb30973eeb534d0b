package io.jgan.tensor.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp, log, log1p and tanh on float vectors, written with IEEE-exact vector operations only
 * (add, mul, fma, div, compares, blends, bit reinterpretation), after Cephes' single-precision
 * routines (about 1-2 ulp).
 *
 * <p>Why not {@code lanewise(VectorOperators.EXP)}: C2 compiles those to a vendor vector math
 * library while the interpreter and C1 fall back to {@code Math.exp} per lane; the two differ in
 * the last bits, and which one runs depends on when the JIT compiles a method. Training would then
 * not be bit-identical from one run to the next. The operations used here give the same bits in
 * every execution mode. The same holds for {@link #sum}: {@code reduceLanes(ADD)} does not fix its
 * order.
 */
public final class VectorMath {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float LN2 = 0.693147180559945f;
    private static final float MAGIC = 12582912f; // 1.5 * 2^23: adding it rounds to an integer
    private static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);
    private static final float EXP_HI = 88.72283905f; // ln(Float.MAX_VALUE)
    private static final float EXP_LO = -103.972084f; // below: under half the smallest subnormal
    private static final float SQRTHF = 0.707106781186547524f;
    private static final float TANH_CLAMP = 9.5f; // tanh(x) rounds to 1 for x >= 9.02
    private static final int SIGN_BIT = 0x80000000;

    private VectorMath() {}

    /**
     * @param v lanes
     * @return their sum, added in lane order (0, 1, 2, ...) so the result never depends on the JIT
     */
    public static float sum(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < v.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }

    /**
     * @param x lanes
     * @return e^x per lane (subnormal results included; 0 below -103.97, +inf above 88.72, NaN for NaN)
     */
    public static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_LO).min(EXP_HI);
        FloatVector t = xc.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, MAGIC));
        FloatVector n = t.sub(MAGIC);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), xc);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector y = expPoly(r);
        IntVector ni = (IntVector) t.reinterpretAsInts().sub(MAGIC_BITS);
        // 2^n built in two halves so that n = 128 (x just below the overflow bound) stays finite
        IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
        FloatVector p1 = ((IntVector) half.add(127).lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
        FloatVector p2 = ((IntVector) ni.sub(half).add(127).lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
        FloatVector res = y.mul(p1).mul(p2);
        res = res.blend(0f, x.compare(VectorOperators.LT, EXP_LO));
        res = res.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_HI));
        return res.blend(x, x.test(VectorOperators.IS_NAN));
    }

    /**
     * @param x lanes
     * @return ln x per lane (-inf at 0, NaN below 0, +inf at +inf)
     */
    public static FloatVector log(FloatVector x) {
        VectorMask<Float> tiny = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(8388608f), tiny); // scale subnormals by 2^23
        IntVector bits = (IntVector) xs.reinterpretAsInts();
        IntVector ebits = (IntVector) bits.lanewise(VectorOperators.LSHR, 23).and(0xff).sub(126);
        FloatVector e = (FloatVector) ebits.convert(VectorOperators.I2F, 0);
        e = e.sub(FloatVector.zero(S).blend(23f, tiny));
        FloatVector m = ((IntVector) bits.and(0x807fffff).or(0x3f000000)).reinterpretAsFloats(); // [0.5, 1)
        VectorMask<Float> small = m.compare(VectorOperators.LT, SQRTHF);
        e = e.sub(FloatVector.zero(S).blend(1f, small));
        FloatVector f = m.sub(1f).blend(m.add(m).sub(1f), small); // 2m - 1 below sqrt(1/2), else m - 1
        FloatVector z = f.mul(f);
        FloatVector y = logPoly(f).mul(f).mul(z);
        y = e.fma(FloatVector.broadcast(S, LN2_LO), y);
        y = z.fma(FloatVector.broadcast(S, -0.5f), y);
        FloatVector r = f.add(y);
        r = e.fma(FloatVector.broadcast(S, LN2_HI), r);
        r = r.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f));
        r = r.blend(Float.NaN, x.compare(VectorOperators.LT, 0f));
        r = r.blend(x, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
        return r.blend(x, x.test(VectorOperators.IS_NAN));
    }

    /**
     * @param y lanes, y &gt;= 0 (the argument of softplus' log1p(e^-|x|))
     * @return ln(1 + y), with the rounding of 1 + y corrected so small y keep their precision
     */
    public static FloatVector log1p(FloatVector y) {
        FloatVector u = y.add(1f);
        FloatVector d = u.sub(1f);
        // log(u) * y / (u - 1) is exact to first order; where u rounds to 1 the answer is y itself
        FloatVector corrected = log(u).mul(y.div(d));
        return corrected.blend(y, d.compare(VectorOperators.EQ, 0f));
    }

    /**
     * tanh on lanes, within 1 ulp of {@code Math.tanh} everywhere: over all 2.19e9 floats of
     * [-10, 10] (subnormals and ±0 included) 0.34% are 1 ulp off and none more; beyond, the
     * result is exactly ±1. SimdUnaryTest sweeps every 211th float.
     *
     * <p>Works on |x| and puts the sign back with one bit operation at the end, so -0 stays -0 and
     * the two branches never see a negative argument. Below 0.625 an odd polynomial (Cephes'
     * tanhf); above, 1 - 2 / (e^{2|x|} + 1) with an exp specialised to its argument range
     * [0, 19]: |x| is clamped to 9.5 (tanh rounds to 1 from 9.02 on, and the formula gives exactly
     * 1 there), so the general exp's overflow, underflow and NaN blends are not needed and 2^n is
     * one shift. NaN propagates through the polynomial branch (NaN &gt; 0.625 is false).
     *
     * @param x lanes
     * @return tanh x per lane
     */
    public static FloatVector tanh(FloatVector x) {
        // Split in four methods so each stays under C2's FreqInlineSize (325 bytecodes): a callee
        // that is not inlined makes every vector crossing the call a heap object.
        FloatVector a = x.abs();
        FloatVector res = tanhSmall(a).blend(tanhLarge(a), a.compare(VectorOperators.GT, 0.625f));
        return ((IntVector) res.reinterpretAsInts()).bitwiseBlend(x.reinterpretAsInts(), SIGN_BIT).reinterpretAsFloats();
    }

    /** tanh(a) for 0 &lt;= a &lt;= 0.625: a + a^3 P(a^2). */
    private static FloatVector tanhSmall(FloatVector a) {
        FloatVector s = a.mul(a);
        FloatVector p = FloatVector.broadcast(S, -5.70498872745E-3f);
        p = p.fma(s, FloatVector.broadcast(S, 2.06390887954E-2f));
        p = p.fma(s, FloatVector.broadcast(S, -5.37397155531E-2f));
        p = p.fma(s, FloatVector.broadcast(S, 1.33314422036E-1f));
        p = p.fma(s, FloatVector.broadcast(S, -3.33332819422E-1f));
        return p.mul(s).fma(a, a);
    }

    /** tanh(a) for a &gt; 0.625: 1 - 2 / (e^{2a} + 1). */
    private static FloatVector tanhLarge(FloatVector a) {
        FloatVector z = a.min(TANH_CLAMP);
        z = z.add(z); // exact
        FloatVector t = z.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, MAGIC));
        FloatVector n = t.sub(MAGIC);
        // One fma with a one-float ln 2 is enough here (the general exp needs Cody-Waite's two):
        // the relative error it leaves in e, n * 1.9e-9, reaches tanh scaled by
        // 2e / (e + 1)^2 ~ 2 e^{-2a}, so at most ~2e-9 (0.04 ulp) near a = 0.6 and less beyond.
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2), z);
        // n is in [0, 28]: 2^n is (n + 127) << 23, read straight off t's low mantissa bits
        FloatVector pow2 = ((IntVector) t.reinterpretAsInts().add(127 - MAGIC_BITS)
                .lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
        // e + 1 = y 2^n + 1 in one fma: y 2^n is exact, so this rounds exactly as mul-then-add would
        FloatVector e1 = tanhExpPoly(r).fma(pow2, FloatVector.broadcast(S, 1f));
        return FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e1));
    }

    /**
     * e^r for |r| &lt;= ln(2)/2 as 1 + r + r^2 P(r), P of degree 4 (a minimax fit, relative error
     * 3e-9 before rounding): one term less than {@link #expPoly} needs, because tanh passes e's
     * relative error on scaled by 2e / (e + 1)^2 &lt;= 0.35.
     */
    private static FloatVector tanhExpPoly(FloatVector r) {
        FloatVector p = FloatVector.broadcast(S, 0.001381461275741458f);
        p = p.fma(r, FloatVector.broadcast(S, 0.008368710055947304f));
        p = p.fma(r, FloatVector.broadcast(S, 0.04166838899254799f));
        p = p.fma(r, FloatVector.broadcast(S, 0.1666652113199234f));
        p = p.fma(r, FloatVector.broadcast(S, 0.4999999403953552f));
        return p.fma(r.mul(r), r).add(1f);
    }

    /** e^r for |r| &lt;= ln(2)/2: Cephes' expf polynomial, 1 + r + r^2 P(r). */
    private static FloatVector expPoly(FloatVector r) {
        FloatVector p = FloatVector.broadcast(S, 1.9875691500E-4f);
        p = p.fma(r, FloatVector.broadcast(S, 1.3981999507E-3f));
        p = p.fma(r, FloatVector.broadcast(S, 8.3334519073E-3f));
        p = p.fma(r, FloatVector.broadcast(S, 4.1665795894E-2f));
        p = p.fma(r, FloatVector.broadcast(S, 1.6666665459E-1f));
        p = p.fma(r, FloatVector.broadcast(S, 5.0000001201E-1f));
        return p.fma(r.mul(r), r).add(1f);
    }

    /** Cephes' logf polynomial P(f) for f in [sqrt(1/2) - 1, sqrt(2) - 1]. */
    private static FloatVector logPoly(FloatVector f) {
        FloatVector p = FloatVector.broadcast(S, 7.0376836292E-2f);
        p = p.fma(f, FloatVector.broadcast(S, -1.1514610310E-1f));
        p = p.fma(f, FloatVector.broadcast(S, 1.1676998740E-1f));
        p = p.fma(f, FloatVector.broadcast(S, -1.2420140846E-1f));
        p = p.fma(f, FloatVector.broadcast(S, 1.4249322787E-1f));
        p = p.fma(f, FloatVector.broadcast(S, -1.6668057665E-1f));
        p = p.fma(f, FloatVector.broadcast(S, 2.0000714765E-1f));
        p = p.fma(f, FloatVector.broadcast(S, -2.4999993993E-1f));
        return p.fma(f, FloatVector.broadcast(S, 3.3333331174E-1f));
    }
}
