package io.jgan.eval;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Functions of symmetric positive semi-definite matrices through EJML's symmetric
 * eigen-decomposition: A = V diag(lambda) V^T, so f(A) = V diag(f(lambda)) V^T. Covariances are
 * PSD in exact arithmetic; rounding can leave eigenvalues a hair below zero, which are clamped to
 * zero before the square root (the real part scipy's {@code sqrtm} would keep).
 */
final class SymmetricMatrices {
    private SymmetricMatrices() {}

    /** The eigenvalues and eigenvectors (columns of V) of a symmetric matrix. */
    private record Eigen(double[] values, DMatrixRMaj vectors) {}

    private static Eigen eigen(double[][] a) {
        int n = a.length;
        DMatrixRMaj m = new DMatrixRMaj(a);
        symmetrise(m);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(m)) {
            throw new ArithmeticException("the symmetric eigen-decomposition of a " + n + "x" + n + " matrix did not converge");
        }
        double[] values = new double[n];
        DMatrixRMaj v = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
            DMatrixRMaj col = eig.getEigenVector(i);
            for (int r = 0; r < n; r++) {
                v.set(r, i, col.get(r, 0));
            }
        }
        return new Eigen(values, v);
    }

    /** Averages A and A^T: the products below are symmetric only up to rounding. */
    private static void symmetrise(DMatrixRMaj m) {
        int n = m.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, s);
                m.set(j, i, s);
            }
        }
    }

    /**
     * @param a a symmetric PSD matrix
     * @return its principal square root, symmetric PSD
     */
    static double[][] sqrt(double[][] a) {
        Eigen e = eigen(a);
        int n = a.length;
        DMatrixRMaj scaled = e.vectors().copy();
        for (int i = 0; i < n; i++) {
            double s = Math.sqrt(Math.max(0, e.values()[i]));
            for (int r = 0; r < n; r++) {
                scaled.set(r, i, scaled.get(r, i) * s);
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(scaled, e.vectors(), out);
        symmetrise(out);
        return toArray(out);
    }

    /**
     * tr((S1^{1/2} S2 S1^{1/2})^{1/2}), which equals tr((S1 S2)^{1/2}) (the two matrices are
     * similar) but only ever decomposes symmetric matrices, so the eigenvalues are real.
     *
     * @param s1 a covariance
     * @param s2 another covariance of the same size
     * @return the trace of the square root of their product
     */
    static double traceSqrtProduct(double[][] s1, double[][] s2) {
        DMatrixRMaj r = new DMatrixRMaj(sqrt(s1));
        DMatrixRMaj b = new DMatrixRMaj(s2);
        DMatrixRMaj tmp = new DMatrixRMaj(r.numRows, r.numCols);
        DMatrixRMaj m = new DMatrixRMaj(r.numRows, r.numCols);
        CommonOps_DDRM.mult(r, b, tmp);
        CommonOps_DDRM.mult(tmp, r, m);
        double[] values = eigen(toArray(m)).values();
        double tr = 0;
        for (double v : values) {
            tr += Math.sqrt(Math.max(0, v));
        }
        return tr;
    }

    private static double[][] toArray(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                out[i][j] = m.get(i, j);
            }
        }
        return out;
    }
}
