package io.jgan.eval;

import io.jgan.tensor.Linalg;
import io.jgan.tensor.Tensor;

/** Shared checks and conversions for [N, d] feature matrices. */
final class Features {
    private Features() {}

    /**
     * @param features a [N, d] tensor
     * @param what its role, for the error message
     * @return its rows as doubles
     */
    static double[][] rows(Tensor features, String what) {
        check(features, what);
        int n = features.dim(0);
        int d = features.dim(1);
        float[] data = features.data();
        int off = features.offset();
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = data[off + i * d + j];
            }
        }
        return out;
    }

    static void check(Tensor features, String what) {
        if (features.rank() != 2 || features.dim(1) == 0) {
            throw new IllegalArgumentException(what + " must be [N, d] with d > 0, got " + features.shape());
        }
        if (!features.allFinite()) {
            throw new IllegalArgumentException(what + " contain NaN or infinite values");
        }
    }

    static void sameDim(Tensor a, Tensor b) {
        if (a.dim(1) != b.dim(1)) {
            throw new IllegalArgumentException("feature dimensions differ: " + a.shape() + " vs " + b.shape());
        }
    }

    /**
     * @param a [N, d]
     * @param b [M, d]
     * @return the dot products a b^T as a row-major N x M array (float GEMM, SIMD)
     */
    static float[] gram(Tensor a, Tensor b) {
        Tensor g = Linalg.matmul(a, b, false, true);
        return g.offset() == 0 && g.data().length == g.size() ? g.data() : g.copy().data();
    }

    /** @return the squared Euclidean norm of each row, in double */
    static double[] squaredNorms(Tensor a) {
        double[][] r = rows(a, "features");
        double[] out = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            double s = 0;
            for (double v : r[i]) {
                s += v * v;
            }
            out[i] = s;
        }
        return out;
    }

    /**
     * @param a [N, d]
     * @param idx row indices
     * @return the selected rows, [idx.length, d]
     */
    static Tensor gather(Tensor a, int[] idx) {
        int d = a.dim(1);
        float[] src = a.data();
        float[] dst = new float[idx.length * d];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(src, a.offset() + idx[i] * d, dst, i * d, d);
        }
        return Tensor.wrap(dst, idx.length, d);
    }
}
