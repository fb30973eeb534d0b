package io.jgan.tensor.kernels.conv;

import static io.jgan.tensor.kernels.conv.TileTransform.S;

import jdk.incubator.vector.FloatVector;

/**
 * The one-sided transforms of F(4x4, 5x5), {@code y = K x} for one column {@code x} of
 * {@link TileTransform#L} lanes, written out by hand from {@link WinogradMatrices}. Rows of each
 * matrix come in pairs that differ only in the sign of the odd-indexed entries (the points
 * {@code +p} and {@code -p}), so each pair is an even part plus or minus an odd part: about half the
 * multiply-adds of the plain matrix product, and no loads of coefficients.
 *
 * <p>Input {@code k} is read at {@code s[base + k * step]}, output {@code i} written to
 * {@code d[dBase + i * dStep]}. The methods are kept small on purpose: C2 inlines small Vector API
 * methods and keeps their vectors in registers; a large one falls back to boxed vectors, 5 to 40
 * times slower.
 */
final class TileKernels {
    private static final float Q2 = -2 / 9f;

    private TileKernels() {}

    private static FloatVector ld(float[] s, int i) {
        return FloatVector.fromArray(S, s, i);
    }

    private static FloatVector c(float v) {
        return FloatVector.broadcast(S, v);
    }

    /** {@code B^T x}, 8 to 8. */
    static void bt(float[] s, int base, int step, float[] d, int dBase, int dStep) {
        FloatVector x0 = ld(s, base), x1 = ld(s, base + step), x2 = ld(s, base + 2 * step);
        FloatVector x3 = ld(s, base + 3 * step), x4 = ld(s, base + 4 * step), x5 = ld(s, base + 5 * step);
        FloatVector x6 = ld(s, base + 6 * step), x7 = ld(s, base + 7 * step);
        x4.sub(x2).fma(c(21 / 4f), x0.sub(x6)).intoArray(d, dBase);
        x3.sub(x5).fma(c(21 / 4f), x7.sub(x1)).intoArray(d, dBase + 7 * dStep);
        FloatVector e = x4.fma(c(-17 / 4f), x2.add(x6)), o = x3.fma(c(-17 / 4f), x1.add(x5));
        e.add(o).intoArray(d, dBase + dStep);
        e.sub(o).intoArray(d, dBase + 2 * dStep);
        e = x2.fma(c(1 / 4f), x4.fma(c(-5 / 4f), x6));
        o = x1.fma(c(1 / 2f), x3.fma(c(-5 / 2f), x5.mul(2f)));
        e.add(o).intoArray(d, dBase + 3 * dStep);
        e.sub(o).intoArray(d, dBase + 4 * dStep);
        e = x2.fma(c(4f), x4.fma(c(-5f), x6));
        o = x1.fma(c(2f), x3.fma(c(-5 / 2f), x5.mul(1 / 2f)));
        e.add(o).intoArray(d, dBase + 5 * dStep);
        e.sub(o).intoArray(d, dBase + 6 * dStep);
    }

    /** {@code A^T x}, 8 to 4. */
    static void at(float[] s, int base, int step, float[] d, int dBase, int dStep) {
        FloatVector x1 = ld(s, base + step), x2 = ld(s, base + 2 * step);
        FloatVector x3 = ld(s, base + 3 * step), x4 = ld(s, base + 4 * step);
        FloatVector x5 = ld(s, base + 5 * step), x6 = ld(s, base + 6 * step);
        FloatVector s12 = x1.add(x2), d12 = x1.sub(x2), s34 = x3.add(x4), d34 = x3.sub(x4);
        FloatVector s56 = x5.add(x6), d56 = x5.sub(x6);
        ld(s, base).add(s12).add(s34).add(s56).intoArray(d, dBase);
        d34.fma(c(2f), d12).add(d56.mul(1 / 2f)).intoArray(d, dBase + dStep);
        s34.fma(c(4f), s12).add(s56.mul(1 / 4f)).intoArray(d, dBase + 2 * dStep);
        d34.fma(c(8f), d12).add(d56.mul(1 / 8f)).add(ld(s, base + 7 * step)).intoArray(d, dBase + 3 * dStep);
    }

    /** {@code A x} (the transpose of {@link #at}), 4 to 8. */
    static void a(float[] s, int base, int step, float[] d, int dBase, int dStep) {
        FloatVector x0 = ld(s, base), x1 = ld(s, base + step), x2 = ld(s, base + 2 * step);
        FloatVector x3 = ld(s, base + 3 * step);
        x0.intoArray(d, dBase);
        FloatVector e = x0.add(x2), o = x1.add(x3);
        e.add(o).intoArray(d, dBase + dStep);
        e.sub(o).intoArray(d, dBase + 2 * dStep);
        e = x2.fma(c(4f), x0);
        o = x3.fma(c(8f), x1.mul(2f));
        e.add(o).intoArray(d, dBase + 3 * dStep);
        e.sub(o).intoArray(d, dBase + 4 * dStep);
        e = x2.fma(c(1 / 4f), x0);
        o = x3.fma(c(1 / 8f), x1.mul(1 / 2f));
        e.add(o).intoArray(d, dBase + 5 * dStep);
        e.sub(o).intoArray(d, dBase + 6 * dStep);
        x3.intoArray(d, dBase + 7 * dStep);
    }

    /** {@code G x}, 5 to 8. */
    static void g(float[] s, int base, int step, float[] d, int dBase, int dStep) {
        FloatVector x0 = ld(s, base), x1 = ld(s, base + step), x2 = ld(s, base + 2 * step);
        FloatVector x3 = ld(s, base + 3 * step), x4 = ld(s, base + 4 * step);
        x0.intoArray(d, dBase);
        FloatVector e = x0.add(x2).add(x4).mul(Q2), o = x1.add(x3).mul(Q2);
        e.add(o).intoArray(d, dBase + dStep);
        e.sub(o).intoArray(d, dBase + 2 * dStep);
        e = x0.fma(c(1 / 90f), x2.fma(c(2 / 45f), x4.mul(8 / 45f)));
        o = x1.fma(c(1 / 45f), x3.mul(4 / 45f));
        e.add(o).intoArray(d, dBase + 3 * dStep);
        e.sub(o).intoArray(d, dBase + 4 * dStep);
        e = x0.fma(c(32 / 45f), x2.fma(c(8 / 45f), x4.mul(2 / 45f)));
        o = x1.fma(c(16 / 45f), x3.mul(4 / 45f));
        e.add(o).intoArray(d, dBase + 5 * dStep);
        e.sub(o).intoArray(d, dBase + 6 * dStep);
        x4.intoArray(d, dBase + 7 * dStep);
    }

    /** {@code G^T x} (the transpose of {@link #g}), 8 to 5. */
    static void gt(float[] s, int base, int step, float[] d, int dBase, int dStep) {
        FloatVector x1 = ld(s, base + step), x2 = ld(s, base + 2 * step);
        FloatVector x3 = ld(s, base + 3 * step), x4 = ld(s, base + 4 * step);
        FloatVector x5 = ld(s, base + 5 * step), x6 = ld(s, base + 6 * step);
        FloatVector s12 = x1.add(x2).mul(Q2), d12 = x1.sub(x2).mul(Q2);
        FloatVector s34 = x3.add(x4), d34 = x3.sub(x4), s56 = x5.add(x6), d56 = x5.sub(x6);
        s56.fma(c(32 / 45f), s34.fma(c(1 / 90f), s12.add(ld(s, base)))).intoArray(d, dBase);
        d56.fma(c(16 / 45f), d34.fma(c(1 / 45f), d12)).intoArray(d, dBase + dStep);
        s56.fma(c(8 / 45f), s34.fma(c(2 / 45f), s12)).intoArray(d, dBase + 2 * dStep);
        d56.fma(c(4 / 45f), d34.fma(c(4 / 45f), d12)).intoArray(d, dBase + 3 * dStep);
        s56.fma(c(2 / 45f), s34.fma(c(8 / 45f), s12.add(ld(s, base + 7 * step)))).intoArray(d, dBase + 4 * dStep);
    }
}
