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
    private static final float MAGIC = 12582912f; // 1.5 * 2^23: adding it rounds to an integer
    private static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);
    private static final float EXP_HI = 88.72283905f; // ln(Float.MAX_VALUE)
    private static final float EXP_LO = -103.972084f; // below: under half the smallest subnormal
    private static final float SQRTHF = 0.707106781186547524f;

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
        FloatVector z = r.mul(r);
        FloatVector p = FloatVector.broadcast(S, 1.9875691500E-4f);
        p = p.fma(r, FloatVector.broadcast(S, 1.3981999507E-3f));
        p = p.fma(r, FloatVector.broadcast(S, 8.3334519073E-3f));
        p = p.fma(r, FloatVector.broadcast(S, 4.1665795894E-2f));
        p = p.fma(r, FloatVector.broadcast(S, 1.6666665459E-1f));
        p = p.fma(r, FloatVector.broadcast(S, 5.0000001201E-1f));
        FloatVector y = p.fma(z, r).add(1f);
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
        FloatVector p = FloatVector.broadcast(S, 7.0376836292E-2f);
        p = p.fma(f, FloatVector.broadcast(S, -1.1514610310E-1f));
        p = p.fma(f, FloatVector.broadcast(S, 1.1676998740E-1f));
        p = p.fma(f, FloatVector.broadcast(S, -1.2420140846E-1f));
        p = p.fma(f, FloatVector.broadcast(S, 1.4249322787E-1f));
        p = p.fma(f, FloatVector.broadcast(S, -1.6668057665E-1f));
        p = p.fma(f, FloatVector.broadcast(S, 2.0000714765E-1f));
        p = p.fma(f, FloatVector.broadcast(S, -2.4999993993E-1f));
        p = p.fma(f, FloatVector.broadcast(S, 3.3333331174E-1f));
        FloatVector y = p.mul(f).mul(z);
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
     * @param x lanes
     * @return tanh x per lane (a polynomial near 0, 1 - 2 / (e^{2|x|} + 1) elsewhere)
     */
    public static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector e = exp(a.add(a));
        FloatVector big = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e.add(1f)));
        big = big.blend(big.neg(), x.compare(VectorOperators.LT, 0f));
        FloatVector s = x.mul(x);
        FloatVector p = FloatVector.broadcast(S, -5.70498872745E-3f);
        p = p.fma(s, FloatVector.broadcast(S, 2.06390887954E-2f));
        p = p.fma(s, FloatVector.broadcast(S, -5.37397155531E-2f));
        p = p.fma(s, FloatVector.broadcast(S, 1.33314422036E-1f));
        p = p.fma(s, FloatVector.broadcast(S, -3.33332819422E-1f));
        FloatVector smallR = p.mul(s).fma(x, x);
        return smallR.blend(big, a.compare(VectorOperators.GT, 0.625f));
    }
}
