package io.jgan.optim;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with {@code torch.optim.SGD}'s exact update: its single-tensor path
 * (the CPU default), element by element in float32 and in PyTorch's order:
 * <pre>
 *   d   = fma(p, weight_decay, grad)            grad.add(param, alpha=weight_decay), when weight_decay != 0
 *   buf = d                                     first step with momentum: clone(grad)
 *   buf = fma(d, 1 - dampening, buf * momentum) buf.mul_(momentum).add_(grad, alpha=1 - dampening)
 *   d   = fma(buf, momentum, d)  (Nesterov)     grad.add(buf, alpha=momentum)
 *   d   = buf                    (otherwise)
 *   p   = fma(d, -lr, p)                        param.add_(grad, alpha=-lr)
 * </pre>
 * PyTorch computes {@code add(other, alpha)} as one fused multiply-add ({@code vec::fmadd} in its
 * vector loop; its scalar tail is contracted the same way in the AVX2 and AVX-512 builds), so
 * rounding {@code alpha * other} first would differ by up to thousands of ulp where {@code p} and
 * the step cancel. Each alpha is the float32 rounding of PyTorch's double. State per parameter:
 * {@code momentum_buffer.i}, present once the buffer exists (as in PyTorch, whose first step copies
 * the gradient instead of damping it).
 */
public final class Sgd extends Optimizer {
    /**
     * SGD's hyper-parameters ({@link OptimizerConfig}: doubles, validated, fluent from
     * {@link #of(double)}).
     *
     * @param lr the learning rate
     * @param momentum momentum factor (0 for plain SGD)
     * @param dampening dampening of the momentum's gradient term, in [0, 1]
     * @param nesterov whether to use Nesterov momentum (needs momentum &gt; 0 and no dampening)
     * @param weightDecay L2 penalty coefficient
     */
    public record Config(double lr, double momentum, double dampening, boolean nesterov, double weightDecay)
            implements OptimizerConfig {
        /** Validates the values. */
        public Config {
            ConfigChecks.learningRate("SGD", lr);
            ConfigChecks.nonNegative("SGD", "momentum", momentum);
            if (!(dampening >= 0 && dampening <= 1)) {
                throw new IllegalArgumentException("SGD dampening must be in [0, 1], got " + dampening);
            }
            ConfigChecks.nonNegative("SGD", "weight decay", weightDecay);
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("SGD Nesterov momentum needs momentum > 0 and dampening 0, got momentum "
                        + momentum + " and dampening " + dampening + " (set the momentum first)");
            }
        }

        /** @param lr the learning rate @return PyTorch's defaults: plain SGD (no momentum, dampening, Nesterov or decay) */
        public static Config of(double lr) {
            return new Config(lr, 0, 0, false, 0);
        }

        @Override
        public Config withLr(double lr) {
            return new Config(lr, momentum, dampening, nesterov, weightDecay);
        }

        /** @param m the momentum @return a copy with this momentum */
        public Config withMomentum(double m) {
            return new Config(lr, m, dampening, nesterov, weightDecay);
        }

        /** @param d the dampening @return a copy with it */
        public Config withDampening(double d) {
            return new Config(lr, momentum, d, nesterov, weightDecay);
        }

        /** @param n whether to use Nesterov momentum (after {@link #withMomentum}) @return a copy with it */
        public Config withNesterov(boolean n) {
            return new Config(lr, momentum, dampening, n, weightDecay);
        }

        /** @param wd the L2 coefficient @return a copy with this weight decay */
        public Config withWeightDecay(double wd) {
            return new Config(lr, momentum, dampening, nesterov, wd);
        }

        @Override
        public Sgd create(List<Variable> params) {
            return new Sgd(params, this);
        }
    }

    private final Config config;
    private final Tensor[] buffers;
    private final boolean[] hasBuffer;

    /**
     * @param params the parameters
     * @param config the hyper-parameters
     */
    public Sgd(List<Variable> params, Config config) {
        super(params, (float) config.lr());
        this.config = config;
        int n = params.size();
        buffers = new Tensor[n];
        hasBuffer = new boolean[n];
        if (config.momentum() != 0) {
            for (int i = 0; i < n; i++) {
                buffers[i] = Tensor.zeros(params.get(i).shape());
            }
        }
    }

    /** @return the hyper-parameters */
    public Config config() {
        return config;
    }

    @Override
    protected void update(int index, Tensor param, Tensor grad) {
        float wd = (float) config.weightDecay();
        boolean decay = config.weightDecay() != 0;
        float mom = (float) config.momentum();
        float keep = (float) (1 - config.dampening());
        float negLr = -learningRate();
        boolean first = !hasBuffer[index];
        float[] p = param.data();
        float[] g = grad.data();
        int po = param.offset();
        int go = grad.offset();
        float[] buf = buffers[index] == null ? null : buffers[index].data();
        for (int i = 0, n = param.size(); i < n; i++) {
            float pi = p[po + i];
            // Math.fma rounds once, as PyTorch's fmadd; Java never contracts a * b + c by itself
            float d = decay ? Math.fma(pi, wd, g[go + i]) : g[go + i];
            if (buf != null) {
                float b = first ? d : Math.fma(d, keep, buf[i] * mom);
                buf[i] = b;
                d = config.nesterov() ? Math.fma(b, mom, d) : b;
            }
            p[po + i] = Math.fma(d, negLr, pi);
        }
        if (buf != null) {
            hasBuffer[index] = true;
        }
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        for (int i = 0; i < buffers.length; i++) {
            if (hasBuffer[i]) {
                out.put("momentum_buffer." + i, buffers[i].copy());
            }
        }
    }

    @Override
    protected Map<String, Tensor> expectedState(Map<String, Tensor> state) {
        Map<String, Tensor> e = new LinkedHashMap<>();
        for (int i = 0; i < buffers.length; i++) {
            // a buffer is optional (absent before the parameter's first step) but only with momentum
            if (buffers[i] != null && state.containsKey("momentum_buffer." + i)) {
                e.put("momentum_buffer." + i, buffers[i]);
            }
        }
        return e;
    }

    @Override
    protected void validateState(Map<String, Tensor> state, List<String> problems) {
        // momentum buffers may hold any real value
    }

    @Override
    protected void restoreState(Map<String, Tensor> state) {
        for (int i = 0; i < buffers.length; i++) {
            Tensor t = buffers[i] == null ? null : state.get("momentum_buffer." + i);
            hasBuffer[i] = t != null;
            if (t != null) {
                buffers[i].copyFrom(t);
            }
        }
    }
}
