package io.jgan.eval;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/** The Nelder-Mead simplex method for small unconstrained minimisations (the standard coefficients 1, 2, 0.5, 0.5). */
final class NelderMead {
    private NelderMead() {}

    /**
     * @param f the function
     * @param start the starting point
     * @param step the initial simplex's extent along each axis
     * @param tol stop when the simplex's values span less than this
     * @param maxIterations the iteration budget
     * @return the best point found
     */
    static double[] minimise(ToDoubleFunction<double[]> f, double[] start, double[] step, double tol, int maxIterations) {
        int n = start.length;
        double[][] s = new double[n + 1][];
        double[] fs = new double[n + 1];
        s[0] = start.clone();
        for (int i = 0; i < n; i++) {
            s[i + 1] = start.clone();
            s[i + 1][i] += step[i];
        }
        for (int i = 0; i <= n; i++) {
            fs[i] = f.applyAsDouble(s[i]);
        }
        for (int it = 0; it < maxIterations; it++) {
            sort(s, fs);
            if (Math.abs(fs[n] - fs[0]) < tol) {
                break;
            }
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    c[k] += s[i][k] / n;
                }
            }
            double[] r = along(c, s[n], -1);
            double fr = f.applyAsDouble(r);
            if (fr < fs[0]) {
                double[] e = along(c, s[n], -2);
                double fe = f.applyAsDouble(e);
                replace(s, fs, n, fe < fr ? e : r, Math.min(fe, fr));
            } else if (fr < fs[n - 1]) {
                replace(s, fs, n, r, fr);
            } else {
                double[] k = along(c, s[n], 0.5);
                double fk = f.applyAsDouble(k);
                if (fk < fs[n]) {
                    replace(s, fs, n, k, fk);
                } else {
                    for (int i = 1; i <= n; i++) {
                        s[i] = along(s[0], s[i], 0.5);
                        fs[i] = f.applyAsDouble(s[i]);
                    }
                }
            }
        }
        sort(s, fs);
        return s[0];
    }

    /** @return c + t (x - c) */
    private static double[] along(double[] c, double[] x, double t) {
        double[] out = new double[c.length];
        for (int k = 0; k < c.length; k++) {
            out[k] = c[k] + t * (x[k] - c[k]);
        }
        return out;
    }

    private static void replace(double[][] s, double[] fs, int i, double[] x, double fx) {
        s[i] = x;
        fs[i] = fx;
    }

    private static void sort(double[][] s, double[] fs) {
        Integer[] idx = new Integer[fs.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(fs[a], fs[b]));
        double[][] s2 = new double[s.length][];
        double[] f2 = new double[fs.length];
        for (int i = 0; i < idx.length; i++) {
            s2[i] = s[idx[i]];
            f2[i] = fs[idx[i]];
        }
        System.arraycopy(s2, 0, s, 0, s.length);
        System.arraycopy(f2, 0, fs, 0, fs.length);
    }
}
