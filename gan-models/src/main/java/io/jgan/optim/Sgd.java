package io.jgan.optim;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with {@code torch.optim.SGD}'s exact update, in float32:
 * <pre>
 *   d   = grad + weight_decay * p
 *   buf = d                                   (first step with momentum)
 *   buf = buf * momentum + (1 - dampening) d  (later steps)
 *   d   = d + momentum * buf  (Nesterov)  or  d = buf
 *   p   = p - lr * d
 * </pre>
 * State per parameter: {@code momentum_buffer.i}, present once the buffer exists (as in PyTorch,
 * whose first step copies the gradient instead of damping it).
 */
public final class Sgd extends Optimizer {
    /**
     * @param lr the learning rate
     * @param momentum momentum factor (0 for plain SGD)
     * @param dampening dampening of the momentum's gradient term
     * @param nesterov whether to use Nesterov momentum (needs momentum &gt; 0 and no dampening)
     * @param weightDecay L2 penalty coefficient
     */
    public record Config(float lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        /** Validates the values. */
        public Config {
            if (!(momentum >= 0) || !(weightDecay >= 0) || !(dampening >= 0 && dampening <= 1)) {
                throw new IllegalArgumentException("invalid SGD config: momentum " + momentum + ", dampening " + dampening
                        + ", weight decay " + weightDecay);
            }
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
            }
        }

        /** @param lr the learning rate @return plain SGD */
        public static Config of(float lr) {
            return new Config(lr, 0, 0, false, 0);
        }

        /** @param m the momentum @return a copy with this momentum */
        public Config withMomentum(double m) {
            return new Config(lr, m, dampening, nesterov, weightDecay);
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
        super(params, config.lr());
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
            float d = decay ? g[go + i] + wd * pi : g[go + i];
            if (buf != null) {
                float b = first ? d : buf[i] * mom + keep * d;
                buf[i] = b;
                d = config.nesterov() ? d + mom * b : b;
            }
            p[po + i] = pi + negLr * d;
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
