package io.jgan.optim;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop with {@code torch.optim.RMSprop}'s exact update (eps outside the square root), in float32
 * and PyTorch's order:
 * <pre>
 *   g   = grad + weight_decay * p
 *   v   = v * alpha + (1 - alpha) * g * g
 *   avg = sqrt(v - gbar^2) + eps, gbar = lerp(gbar, g, 1 - alpha)   (centered)
 *   avg = sqrt(v) + eps                                            (otherwise)
 *   buf = buf * momentum + g / avg;  p = p - lr * buf                (momentum &gt; 0)
 *   p   = p - lr * g / avg                                          (otherwise)
 * </pre>
 * The WGAN paper trains its critic with RMSprop (lr 5e-5). State per parameter: {@code step.i},
 * {@code square_avg.i}, and {@code grad_avg.i} (centered) and {@code momentum_buffer.i} (momentum).
 */
public final class RmsProp extends Optimizer {
    /**
     * RMSprop's hyper-parameters ({@link OptimizerConfig}: doubles, validated, fluent from
     * {@link #of(double)}).
     *
     * @param lr the learning rate
     * @param alpha smoothing constant in [0, 1)
     * @param eps added to the root
     * @param momentum momentum factor (0 for none)
     * @param centered whether to normalise by the variance estimate instead of the raw second moment
     * @param weightDecay L2 penalty coefficient
     */
    public record Config(double lr, double alpha, double eps, double momentum, boolean centered, double weightDecay)
            implements OptimizerConfig {
        /** Validates the values. */
        public Config {
            ConfigChecks.learningRate("RMSprop", lr);
            ConfigChecks.unitInterval("RMSprop", "alpha", alpha);
            ConfigChecks.nonNegative("RMSprop", "eps", eps);
            ConfigChecks.nonNegative("RMSprop", "momentum", momentum);
            ConfigChecks.nonNegative("RMSprop", "weight decay", weightDecay);
        }

        /** @param lr the learning rate @return PyTorch's defaults: alpha 0.99, eps 1e-8, no momentum, not centered */
        public static Config of(double lr) {
            return new Config(lr, 0.99, 1e-8, 0, false, 0);
        }

        @Override
        public Config withLr(double lr) {
            return new Config(lr, alpha, eps, momentum, centered, weightDecay);
        }

        /** @param a the smoothing constant @return a copy with it */
        public Config withAlpha(double a) {
            return new Config(lr, a, eps, momentum, centered, weightDecay);
        }

        /** @param e the epsilon added to the root @return a copy with it */
        public Config withEps(double e) {
            return new Config(lr, alpha, e, momentum, centered, weightDecay);
        }

        /** @param m the momentum factor @return a copy with it */
        public Config withMomentum(double m) {
            return new Config(lr, alpha, eps, m, centered, weightDecay);
        }

        /** @param c whether to centre @return a copy with it */
        public Config withCentered(boolean c) {
            return new Config(lr, alpha, eps, momentum, c, weightDecay);
        }

        /** @param wd the L2 coefficient @return a copy with this weight decay */
        public Config withWeightDecay(double wd) {
            return new Config(lr, alpha, eps, momentum, centered, wd);
        }

        @Override
        public RmsProp create(List<Variable> params) {
            return new RmsProp(params, this);
        }
    }

    private final Config config;
    private final long[] steps;
    private final Tensor[] squareAvg;
    private final Tensor[] gradAvg;
    private final Tensor[] momentumBuffer;

    /**
     * @param params the parameters
     * @param config the hyper-parameters
     */
    public RmsProp(List<Variable> params, Config config) {
        super(params, (float) config.lr());
        this.config = config;
        int n = params.size();
        steps = new long[n];
        squareAvg = new Tensor[n];
        gradAvg = config.centered() ? new Tensor[n] : null;
        momentumBuffer = config.momentum() > 0 ? new Tensor[n] : null;
        for (int i = 0; i < n; i++) {
            squareAvg[i] = Tensor.zeros(params.get(i).shape());
            if (gradAvg != null) {
                gradAvg[i] = Tensor.zeros(params.get(i).shape());
            }
            if (momentumBuffer != null) {
                momentumBuffer[i] = Tensor.zeros(params.get(i).shape());
            }
        }
    }

    /** @return the hyper-parameters */
    public Config config() {
        return config;
    }

    @Override
    protected void update(int index, Tensor param, Tensor grad) {
        steps[index]++;
        float alpha = (float) config.alpha();
        float oneMinusAlpha = (float) (1 - config.alpha());
        float eps = (float) config.eps();
        float wd = (float) config.weightDecay();
        boolean decay = config.weightDecay() != 0;
        float mom = (float) config.momentum();
        float negLr = -learningRate();
        float[] p = param.data();
        float[] g = grad.data();
        float[] v = squareAvg[index].data();
        float[] gbar = gradAvg == null ? null : gradAvg[index].data();
        float[] buf = momentumBuffer == null ? null : momentumBuffer[index].data();
        int po = param.offset();
        int go = grad.offset();
        for (int i = 0, n = param.size(); i < n; i++) {
            float pi = p[po + i];
            float gi = decay ? g[go + i] + wd * pi : g[go + i];
            float vi = v[i] * alpha;
            vi = vi + oneMinusAlpha * gi * gi;
            v[i] = vi;
            float avg;
            if (gbar != null) {
                float ga = lerp(gbar[i], gi, oneMinusAlpha);
                gbar[i] = ga;
                avg = (float) Math.sqrt(vi + -1f * ga * ga) + eps;
            } else {
                avg = (float) Math.sqrt(vi) + eps;
            }
            if (buf != null) {
                float b = buf[i] * mom;
                b = b + 1f * gi / avg;
                buf[i] = b;
                p[po + i] = pi + negLr * b;
            } else {
                p[po + i] = pi + negLr * gi / avg;
            }
        }
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        for (int i = 0; i < steps.length; i++) {
            out.put("step." + i, stepTensor(steps[i]));
            out.put("square_avg." + i, squareAvg[i].copy());
            if (gradAvg != null) {
                out.put("grad_avg." + i, gradAvg[i].copy());
            }
            if (momentumBuffer != null) {
                out.put("momentum_buffer." + i, momentumBuffer[i].copy());
            }
        }
    }

    @Override
    protected Map<String, Tensor> expectedState(Map<String, Tensor> state) {
        Map<String, Tensor> e = new LinkedHashMap<>();
        for (int i = 0; i < steps.length; i++) {
            e.put("step." + i, Tensor.scalar(0));
            e.put("square_avg." + i, squareAvg[i]);
            if (gradAvg != null) {
                e.put("grad_avg." + i, gradAvg[i]);
            }
            if (momentumBuffer != null) {
                e.put("momentum_buffer." + i, momentumBuffer[i]);
            }
        }
        return e;
    }

    @Override
    protected void validateState(Map<String, Tensor> state, List<String> problems) {
        for (int i = 0; i < steps.length; i++) {
            checkStep("step." + i, state.get("step." + i), problems);
            checkNonNegative("square_avg." + i, state.get("square_avg." + i), problems);
        }
    }

    @Override
    protected void restoreState(Map<String, Tensor> state) {
        for (int i = 0; i < steps.length; i++) {
            steps[i] = (long) state.get("step." + i).item();
            squareAvg[i].copyFrom(state.get("square_avg." + i));
            if (gradAvg != null) {
                gradAvg[i].copyFrom(state.get("grad_avg." + i));
            }
            if (momentumBuffer != null) {
                momentumBuffer[i].copyFrom(state.get("momentum_buffer." + i));
            }
        }
    }
}
