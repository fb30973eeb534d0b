package io.jgan.tensor.kernels.conv;

import static io.jgan.tensor.kernels.conv.TileTransform.S;

import jdk.incubator.vector.FloatVector;

/**
 * The one-sided transforms of F(4x4, 5x5) and F(4x4, 3x3), {@code y = K x} for one column {@code x} of
 * {@link TileTransform#L} lanes, written out by hand from {@link WinogradMatrices}. Rows of each
 * matrix come in pairs that differ only in the sign of the odd-indexed entries (the points
 * {@code +p} and {@code -p}), so each pair is an even part plus or minus an odd part: about half the
 * multiply-adds of the plain matrix product, and no loads of coefficients.
 *
 * <p>Input {@code k} is read at {@code s[base + k * step]}, output {@code i} written to
 * {@code d[dBase + i * dStep]}. Each kernel is a subclass, and all are called through one call site
 * ({@link TileTransform}'s pass loop, with the kernel taken from {@link #ALL}): the site sees ten
 * classes, so C2 never inlines a kernel into its caller and compiles each on its own. That is on
 * purpose: inlined twice into one method (the two passes of a transform) the Vector API calls
 * outgrew C2's inlining budget, fell back to boxed vectors and allocated 370 KB per call (measured
 * with the allocation test); compiled on its own, a kernel keeps its vectors in registers.
 */
final class TileKernels {
    /** Index in {@link #ALL} of F(4x4, 5x5)'s {@code B^T}, 8 to 8. */
    static final int BT = 0;
    /** Index in {@link #ALL} of F(4x4, 5x5)'s {@code A^T}, 8 to 4. */
    static final int AT = 1;
    /** Index in {@link #ALL} of F(4x4, 5x5)'s {@code A}, 4 to 8. */
    static final int A = 2;
    /** Index in {@link #ALL} of F(4x4, 5x5)'s {@code G}, 5 to 8. */
    static final int G = 3;
    /** Index in {@link #ALL} of F(4x4, 5x5)'s {@code G^T}, 8 to 5. */
    static final int GT = 4;
    /** Index in {@link #ALL} of F(4x4, 3x3)'s {@code B^T}, 6 to 6. */
    static final int BT6 = 5;
    /** Index in {@link #ALL} of F(4x4, 3x3)'s {@code A^T}, 6 to 4. */
    static final int AT6 = 6;
    /** Index in {@link #ALL} of F(4x4, 3x3)'s {@code A}, 4 to 6. */
    static final int A6 = 7;
    /** Index in {@link #ALL} of F(4x4, 3x3)'s {@code G}, 3 to 6. */
    static final int G3 = 8;
    /** Index in {@link #ALL} of F(4x4, 3x3)'s {@code G^T}, 6 to 3. */
    static final int GT3 = 9;
    /** The kernels, looked up by index so that the JIT cannot tell which one a call site runs. */
    static final Kernel[] ALL = {new Bt(), new At(), new Ad(), new Gk(), new Gt(),
        new Bt6(), new At6(), new Ad6(), new G3k(), new Gt3()};

    private static final float Q2 = -2 / 9f;

    private TileKernels() {}

    /** One one-sided transform. */
    abstract static class Kernel {
        /** Transforms the column at {@code s[base + k * step]} into {@code d[dBase + i * dStep]}. */
        abstract void apply(float[] s, int base, int step, float[] d, int dBase, int dStep);
    }

    private static FloatVector ld(float[] s, int i) {
        return FloatVector.fromArray(S, s, i);
    }

    private static FloatVector c(float v) {
        return FloatVector.broadcast(S, v);
    }

    /** {@code B^T x}, 8 to 8. */
    private static final class Bt extends Kernel {
        @Override
        void apply(float[] s, int base, int step, float[] d, int dBase, int dStep) {
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
    }

    /** {@code A^T x}, 8 to 4. */
    private static final class At extends Kernel {
        @Override
        void apply(float[] s, int base, int step, float[] d, int dBase, int dStep) {
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
    }

    /** {@code A x} (the transpose of {@code A^T}), 4 to 8. */
    private static final class Ad extends Kernel {
        @Override
        void apply(float[] s, int base, int step, float[] d, int dBase, int dStep) {
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
    }

    /** {@code G x}, 5 to 8. */
    private static final class Gk extends Kernel {
        @Override
        void apply(float[] s, int base, int step, float[] d, int dBase, int dStep) {
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
    }

    /** {@code G^T x} (the transpose of {@code G}), 8 to 5. */
    private static final class Gt extends Kernel {
        @Override
        void apply(float[] s, int base, int step, float[] d, int dBase, int dStep) {
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

    /** F(4x4, 3x3)'s {@code B^T x}, 6 to 6. */
    private static final class Bt6 extends Kernel {
        @Override
        void apply(float[] s, int base, int step, float[] d, int dBase, int dStep) {
            FloatVector x0 = ld(s, base), x1 = ld(s, base + step), x2 = ld(s, base + 2 * step);
            FloatVector x3 = ld(s, base + 3 * step), x4 = ld(s, base + 4 * step), x5 = ld(s, base + 5 * step);
            x0.fma(c(4f), x2.fma(c(-5f), x4)).intoArray(d, dBase);
            x1.fma(c(4f), x3.fma(c(-5f), x5)).intoArray(d, dBase + 5 * dStep);
            FloatVector e = x2.fma(c(-4f), x4), o = x1.fma(c(-4f), x3);
            e.add(o).intoArray(d, dBase + dStep);
            e.sub(o).intoArray(d, dBase + 2 * dStep);
            e = x4.sub(x2);
            o = x3.sub(x1).mul(2f);
            e.add(o).intoArray(d, dBase + 3 * dStep);
            e.sub(o).intoArray(d, dBase + 4 * dStep);
        }
    }

    /** F(4x4, 3x3)'s {@code A^T x}, 6 to 4. */
    private static final class At6 extends Kernel {
        @Override
        void apply(float[] s, int base, int step, float[] d, int dBase, int dStep) {
            FloatVector x1 = ld(s, base + step), x2 = ld(s, base + 2 * step);
            FloatVector x3 = ld(s, base + 3 * step), x4 = ld(s, base + 4 * step);
            FloatVector s12 = x1.add(x2), d12 = x1.sub(x2), s34 = x3.add(x4), d34 = x3.sub(x4);
            ld(s, base).add(s12).add(s34).intoArray(d, dBase);
            d34.fma(c(2f), d12).intoArray(d, dBase + dStep);
            s34.fma(c(4f), s12).intoArray(d, dBase + 2 * dStep);
            d34.fma(c(8f), d12).add(ld(s, base + 5 * step)).intoArray(d, dBase + 3 * dStep);
        }
    }

    /** F(4x4, 3x3)'s {@code A x} (the transpose of {@code A^T}), 4 to 6. */
    private static final class Ad6 extends Kernel {
        @Override
        void apply(float[] s, int base, int step, float[] d, int dBase, int dStep) {
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
            x3.intoArray(d, dBase + 5 * dStep);
        }
    }

    /** F(4x4, 3x3)'s {@code G x}, 3 to 6. */
    private static final class G3k extends Kernel {
        @Override
        void apply(float[] s, int base, int step, float[] d, int dBase, int dStep) {
            FloatVector x0 = ld(s, base), x1 = ld(s, base + step), x2 = ld(s, base + 2 * step);
            x0.mul(1 / 4f).intoArray(d, dBase);
            FloatVector e = x0.add(x2).mul(-1 / 6f), o = x1.mul(-1 / 6f);
            e.add(o).intoArray(d, dBase + dStep);
            e.sub(o).intoArray(d, dBase + 2 * dStep);
            e = x0.fma(c(1 / 24f), x2.mul(1 / 6f));
            o = x1.mul(1 / 12f);
            e.add(o).intoArray(d, dBase + 3 * dStep);
            e.sub(o).intoArray(d, dBase + 4 * dStep);
            x2.intoArray(d, dBase + 5 * dStep);
        }
    }

    /** F(4x4, 3x3)'s {@code G^T x} (the transpose of {@code G}), 6 to 3. */
    private static final class Gt3 extends Kernel {
        @Override
        void apply(float[] s, int base, int step, float[] d, int dBase, int dStep) {
            FloatVector x1 = ld(s, base + step), x2 = ld(s, base + 2 * step);
            FloatVector x3 = ld(s, base + 3 * step), x4 = ld(s, base + 4 * step);
            FloatVector s12 = x1.add(x2).mul(-1 / 6f), d12 = x1.sub(x2).mul(-1 / 6f);
            FloatVector s34 = x3.add(x4), d34 = x3.sub(x4);
            s34.fma(c(1 / 24f), s12.add(ld(s, base).mul(1 / 4f))).intoArray(d, dBase);
            d34.fma(c(1 / 12f), d12).intoArray(d, dBase + dStep);
            s34.fma(c(1 / 6f), s12.add(ld(s, base + 5 * step))).intoArray(d, dBase + 2 * dStep);
        }
    }
}
