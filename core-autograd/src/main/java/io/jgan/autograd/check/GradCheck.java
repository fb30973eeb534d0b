package io.jgan.autograd.check;

import io.jgan.autograd.Autograd;
import io.jgan.autograd.GradOptions;
import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Finite-difference checks of gradients, PyTorch's {@code torch.autograd.gradcheck} and
 * {@code gradgradcheck} for float32: check your own differentiable functions (composites of
 * {@link Variable}'s ops, layers, losses, penalties) as jgan checks its own ops.
 * <pre>{@code
 *   GradCheck.gradcheck(v -> v.get(0).tanh().mul(v.get(1)), Tensor.randn(rng, 4, 3), Tensor.randn(rng, 3));
 *   GradCheck.gradgradcheck(v -> v.get(0).square().sum(), Tensor.randn(rng, 5));   // second order
 * }</pre>
 *
 * <p>The function is reduced to the scalar L = sum_o sum(out_o * u_o) with fixed random upstream
 * gradients u_o; each input element is moved by +-eps and the central difference of L (summed in
 * double) is compared with the engine's gradient: |analytic - numeric| &lt;= atol + rtol |numeric|.
 * In float32 a central difference with eps around 1e-2..1e-3 is accurate to about 1e-3 relative
 * for smooth functions (truncation O(eps^2), rounding O(1e-7 / eps)), so choose inputs away from
 * kinks (relu at 0, |x| at 0) and keep rtol around 1e-2: the defaults are {@link Tolerances#DEFAULT}.
 * A mismatch throws a {@link GradCheckException} naming the input, the element and both values.
 */
public final class GradCheck {
    /**
     * The perturbation and the tolerances of a check.
     *
     * @param eps the perturbation of each input element, positive
     * @param atol absolute tolerance, non-negative
     * @param rtol relative tolerance, non-negative
     */
    public record Tolerances(double eps, double atol, double rtol) {
        /** eps 1e-2, atol 2e-3, rtol 1e-2: right for smooth float32 functions of inputs of order 1. */
        public static final Tolerances DEFAULT = new Tolerances(1e-2, 2e-3, 1e-2);

        /** Validates the values. */
        public Tolerances {
            if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0) || !Double.isFinite(eps) || !Double.isFinite(atol) || !Double.isFinite(rtol)) {
                throw new IllegalArgumentException("gradcheck needs eps > 0, atol >= 0 and rtol >= 0 (finite), got eps "
                        + eps + ", atol " + atol + ", rtol " + rtol);
            }
        }

        /** @param e the perturbation @return a copy with it */
        public Tolerances withEps(double e) {
            return new Tolerances(e, atol, rtol);
        }

        /** @param a the absolute tolerance @param r the relative tolerance @return a copy with them */
        public Tolerances withTolerances(double a, double r) {
            return new Tolerances(eps, a, r);
        }
    }

    private GradCheck() {
    }

    /**
     * Checks first derivatives of a one-output function with the default tolerances.
     *
     * @param f the function of the inputs (as parameters), recorded with differentiable ops
     * @param inputs the point to check at (not modified)
     * @throws GradCheckException on a mismatch
     */
    public static void gradcheck(Function<List<Variable>, Variable> f, Tensor... inputs) {
        gradcheckMulti(vs -> List.of(f.apply(vs)), List.of(inputs), Tolerances.DEFAULT);
    }

    /**
     * Checks first derivatives of a multi-output function.
     *
     * @param f the function
     * @param inputs the point (not modified)
     * @param tol the perturbation and tolerances
     * @throws GradCheckException naming the input, the element and both values on a mismatch
     */
    public static void gradcheckMulti(Function<List<Variable>, List<Variable>> f, List<Tensor> inputs, Tolerances tol) {
        double eps = tol.eps();
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
                if (!(Math.abs(a[j] - numeric) <= tol.atol() + tol.rtol() * Math.abs(numeric))) {
                    throw new GradCheckException(i, point.get(i).shape().toString(), j, a[j], numeric, tol);
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
     * @throws GradCheckException on a mismatch
     */
    public static void gradgradcheck(Function<List<Variable>, Variable> f, Tensor... inputs) {
        gradgradcheckMulti(vs -> List.of(f.apply(vs)), List.of(inputs), Tolerances.DEFAULT);
    }

    /**
     * Checks second derivatives of a multi-output function.
     *
     * @param f the function
     * @param inputs the point (not modified)
     * @param tol the perturbation and tolerances
     * @throws GradCheckException on a mismatch
     */
    public static void gradgradcheckMulti(Function<List<Variable>, List<Variable>> f, List<Tensor> inputs, Tolerances tol) {
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
            List<Variable> g = Autograd.grad(List.of(total), xs, null, GradOptions.createGraph().allowUnused());
            List<Variable> filled = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                filled.add(g.get(i) != null ? g.get(i) : Variable.of(Tensor.zeros(xs.get(i).shape())));
            }
            return filled;
        };
        List<Tensor> all = new ArrayList<>(inputs);
        all.addAll(upstream);
        gradcheckMulti(gradients, all, tol);
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
        List<Variable> g = used.isEmpty() ? null : Autograd.grad(used, params, ups, GradOptions.firstOrder().allowUnused());
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
