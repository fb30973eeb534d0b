package io.jgan.autograd;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Finite-difference checks of the autograd engine, PyTorch's {@code gradcheck} and
 * {@code gradgradcheck} for float32.
 *
 * <p>The function is reduced to the scalar L = sum_o sum(out_o * u_o) with fixed random upstream
 * gradients u_o; each input element is moved by +-eps and the central difference of L (summed in
 * double) is compared with the engine's gradient: |analytic - numeric| &lt;= atol + rtol |numeric|.
 * In float32 a central difference with eps around 1e-2..1e-3 is accurate to about 1e-3 relative
 * for smooth functions (truncation O(eps^2), rounding O(1e-7 / eps)), so callers choose inputs
 * away from kinks (relu at 0, |x| at 0) and use rtol around 1e-2.
 *
 * <p>Shared with later modules through this module's test-jar.
 */
public final class GradCheck {
    /** Default perturbation. */
    public static final double EPS = 1e-2;
    /** Default absolute tolerance. */
    public static final double ATOL = 2e-3;
    /** Default relative tolerance. */
    public static final double RTOL = 1e-2;

    private GradCheck() {
    }

    /**
     * Checks first derivatives of a one-output function with the default tolerances.
     *
     * @param f the function of the inputs (as parameters), recorded with differentiable ops
     * @param inputs the point to check at (not modified)
     */
    public static void gradcheck(Function<List<Variable>, Variable> f, Tensor... inputs) {
        gradcheckMulti(vs -> List.of(f.apply(vs)), List.of(inputs), EPS, ATOL, RTOL);
    }

    /**
     * Checks first derivatives of a multi-output function.
     *
     * @param f the function
     * @param inputs the point (not modified)
     * @param eps the perturbation
     * @param atol absolute tolerance
     * @param rtol relative tolerance
     * @throws AssertionError naming the input, the element and both values on a mismatch
     */
    public static void gradcheckMulti(Function<List<Variable>, List<Variable>> f, List<Tensor> inputs,
                                      double eps, double atol, double rtol) {
        List<Tensor> point = new ArrayList<>();
        for (Tensor t : inputs) {
            point.add(t.copy());
        }
        List<Tensor> upstream = upstreamFor(f, point, 1234L);
        List<Tensor> analytic = analytic(f, point, upstream);
        for (int i = 0; i < point.size(); i++) {
            float[] x = point.get(i).data();
            int off = point.get(i).offset();
            float[] a = analytic.get(i).toArray();
            for (int j = 0; j < point.get(i).size(); j++) {
                float saved = x[off + j];
                x[off + j] = (float) (saved + eps);
                double plus = objective(f, point, upstream);
                x[off + j] = (float) (saved - eps);
                double minus = objective(f, point, upstream);
                // The step actually taken in float32 may differ from 2 eps.
                double step = (double) (float) (saved + eps) - (double) (float) (saved - eps);
                x[off + j] = saved;
                double numeric = (plus - minus) / step;
                if (!(Math.abs(a[j] - numeric) <= atol + rtol * Math.abs(numeric))) {
                    throw new AssertionError("gradcheck: input " + i + " (shape " + point.get(i).shape() + ") element " + j
                            + ": analytic " + a[j] + " vs numeric " + numeric + " (eps " + eps + ", atol " + atol + ", rtol " + rtol + ")");
                }
            }
        }
    }

    /**
     * Checks second derivatives with the default tolerances: gradcheck of the map from (inputs,
     * upstream) to the createGraph gradients of sum(f(inputs) * upstream).
     *
     * @param f the function
     * @param inputs the point (not modified)
     */
    public static void gradgradcheck(Function<List<Variable>, Variable> f, Tensor... inputs) {
        gradgradcheckMulti(vs -> List.of(f.apply(vs)), List.of(inputs), EPS, ATOL, RTOL);
    }

    /**
     * @param f the function
     * @param inputs the point (not modified)
     * @param eps the perturbation
     * @param atol absolute tolerance
     * @param rtol relative tolerance
     */
    public static void gradgradcheckMulti(Function<List<Variable>, List<Variable>> f, List<Tensor> inputs,
                                          double eps, double atol, double rtol) {
        List<Tensor> upstream = upstreamFor(f, inputs, 99L);
        int n = inputs.size();
        Function<List<Variable>, List<Variable>> gradients = vs -> {
            List<Variable> xs = vs.subList(0, n);
            List<Variable> outs = f.apply(xs);
            Variable total = null;
            for (int o = 0; o < outs.size(); o++) {
                Variable term = outs.get(o).mul(vs.get(n + o)).sum();
                total = total == null ? term : total.add(term);
            }
            List<Variable> g = Autograd.grad(List.of(total), xs, null, true, true, true);
            List<Variable> filled = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                filled.add(g.get(i) != null ? g.get(i) : Variable.of(Tensor.zeros(xs.get(i).shape())));
            }
            return filled;
        };
        List<Tensor> all = new ArrayList<>(inputs);
        all.addAll(upstream);
        gradcheckMulti(gradients, all, eps, atol, rtol);
    }

    private static List<Tensor> upstreamFor(Function<List<Variable>, List<Variable>> f, List<Tensor> point, long seed) {
        // Run with parameters (not under no-grad): gradgradcheck's function differentiates inside.
        List<Variable> outs = f.apply(parameters(point));
        Rng rng = new Rng(seed);
        List<Tensor> up = new ArrayList<>();
        for (Variable o : outs) {
            up.add(Tensor.randn(rng, o.dims()));
        }
        return up;
    }

    private static List<Tensor> analytic(Function<List<Variable>, List<Variable>> f, List<Tensor> point, List<Tensor> upstream) {
        List<Variable> params = new ArrayList<>();
        for (Tensor t : point) {
            params.add(Variable.parameter(t.copy()));
        }
        List<Variable> outs = f.apply(params);
        List<Variable> used = new ArrayList<>();
        List<Tensor> ups = new ArrayList<>();
        for (int o = 0; o < outs.size(); o++) {
            if (outs.get(o).requiresGrad()) {
                used.add(outs.get(o));
                ups.add(upstream.get(o));
            }
        }
        List<Tensor> result = new ArrayList<>();
        List<Variable> g = used.isEmpty() ? null : Autograd.grad(used, params, ups, false, false, true);
        for (int i = 0; i < point.size(); i++) {
            Variable gi = g == null ? null : g.get(i);
            result.add(gi == null ? Tensor.zeros(point.get(i).shape()) : gi.value());
        }
        return result;
    }

    private static double objective(Function<List<Variable>, List<Variable>> f, List<Tensor> point, List<Tensor> upstream) {
        // Inputs are parameters so that functions which differentiate inside (gradgradcheck's)
        // have a graph to work with; the graph is simply dropped.
        List<Variable> outs = f.apply(parameters(point));
        double s = 0;
        for (int o = 0; o < outs.size(); o++) {
            float[] v = outs.get(o).value().toArray();
            float[] u = upstream.get(o).toArray();
            for (int k = 0; k < v.length; k++) {
                s += (double) v[k] * u[k];
            }
        }
        return s;
    }

    private static List<Variable> parameters(List<Tensor> ts) {
        List<Variable> vs = new ArrayList<>();
        for (Tensor t : ts) {
            vs.add(Variable.parameter(t));
        }
        return vs;
    }
}
