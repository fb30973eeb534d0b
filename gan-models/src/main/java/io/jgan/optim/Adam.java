package io.jgan.optim;

import io.jgan.autograd.Variable;
import io.jgan.tensor.AdamKernel;
import io.jgan.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015) with {@code torch.optim.Adam}'s exact update, element by element in
 * float32 and in PyTorch's order:
 * <pre>
 *   g    = grad + weight_decay * p                      (L2 penalty, when weight_decay != 0)
 *   m    = lerp(m, g, 1 - beta1)
 *   v    = v * beta2 + (1 - beta2) * g * g
 *   denom = sqrt(v) / sqrt(1 - beta2^t) + eps
 *   p    = p - (lr / (1 - beta1^t)) * m / denom
 * </pre>
 * The bias corrections are computed in double, as PyTorch does in Python, then rounded to float.
 * State per parameter: {@code step.i}, {@code exp_avg.i}, {@code exp_avg_sq.i}.
 */
public final class Adam extends Optimizer {
    /**
     * Adam's hyper-parameters ({@link OptimizerConfig}: doubles, validated, fluent from
     * {@link #of(double)}).
     *
     * @param lr the learning rate
     * @param beta1 first-moment decay in [0, 1) (DCGAN: 0.5; WGAN-GP: 0)
     * @param beta2 second-moment decay in [0, 1) (WGAN-GP: 0.9)
     * @param eps added to the denominator
     * @param weightDecay L2 penalty coefficient (0 for none)
     */
    public record Config(double lr, double beta1, double beta2, double eps, double weightDecay) implements OptimizerConfig {
        /** Validates the values. */
        public Config {
            ConfigChecks.learningRate("Adam", lr);
            ConfigChecks.unitInterval("Adam", "beta1", beta1);
            ConfigChecks.unitInterval("Adam", "beta2", beta2);
            ConfigChecks.nonNegative("Adam", "eps", eps);
            ConfigChecks.nonNegative("Adam", "weight decay", weightDecay);
        }

        /** @param lr the learning rate @return PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay */
        public static Config of(double lr) {
            return new Config(lr, 0.9, 0.999, 1e-8, 0);
        }

        @Override
        public Config withLr(double lr) {
            return new Config(lr, beta1, beta2, eps, weightDecay);
        }

        /** @param b1 beta1 @param b2 beta2 @return a copy with these betas */
        public Config withBetas(double b1, double b2) {
            return new Config(lr, b1, b2, eps, weightDecay);
        }

        /** @param e the denominator's epsilon @return a copy with it */
        public Config withEps(double e) {
            return new Config(lr, beta1, beta2, e, weightDecay);
        }

        /** @param wd the L2 coefficient @return a copy with this weight decay */
        public Config withWeightDecay(double wd) {
            return new Config(lr, beta1, beta2, eps, wd);
        }

        @Override
        public Adam create(List<Variable> params) {
            return new Adam(params, this);
        }
    }

    private final Config config;
    private final long[] steps;
    private final Tensor[] expAvg;
    private final Tensor[] expAvgSq;

    /**
     * @param params the parameters
     * @param config the hyper-parameters
     */
    public Adam(List<Variable> params, Config config) {
        super(params, (float) config.lr());
        this.config = config;
        int n = params.size();
        steps = new long[n];
        expAvg = new Tensor[n];
        expAvgSq = new Tensor[n];
        for (int i = 0; i < n; i++) {
            expAvg[i] = Tensor.zeros(params.get(i).shape());
            expAvgSq[i] = Tensor.zeros(params.get(i).shape());
        }
    }

    /** @return the hyper-parameters (the learning rate there is the initial one) */
    public Config config() {
        return config;
    }

    /** @param i a parameter index @return how many steps updated it */
    public long stepCount(int i) {
        return steps[i];
    }

    @Override
    protected void update(int index, Tensor param, Tensor grad) {
        long t = ++steps[index];
        double bc1 = 1 - Math.pow(config.beta1(), t);
        double bc2 = 1 - Math.pow(config.beta2(), t);
        float negStepSize = (float) -(learningRate() / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        float w1 = (float) (1 - config.beta1());
        float b2 = (float) config.beta2();
        float oneMinusB2 = (float) (1 - config.beta2());
        float eps = (float) config.eps();
        float wd = (float) config.weightDecay();
        // one fused pass (vectorised and split over threads; identical bits to the scalar loop)
        AdamKernel.update(param.data(), param.offset(), grad.data(), grad.offset(), expAvg[index].data(),
                expAvgSq[index].data(), param.size(), w1, b2, oneMinusB2, negStepSize, bc2Sqrt, eps, wd);
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        for (int i = 0; i < steps.length; i++) {
            out.put("step." + i, stepTensor(steps[i]));
            out.put("exp_avg." + i, expAvg[i].copy());
            out.put("exp_avg_sq." + i, expAvgSq[i].copy());
        }
    }

    @Override
    protected Map<String, Tensor> expectedState(Map<String, Tensor> state) {
        Map<String, Tensor> e = new LinkedHashMap<>();
        for (int i = 0; i < steps.length; i++) {
            e.put("step." + i, Tensor.scalar(0));
            e.put("exp_avg." + i, expAvg[i]);
            e.put("exp_avg_sq." + i, expAvgSq[i]);
        }
        return e;
    }

    @Override
    protected void validateState(Map<String, Tensor> state, List<String> problems) {
        for (int i = 0; i < steps.length; i++) {
            checkStep("step." + i, state.get("step." + i), problems);
            checkNonNegative("exp_avg_sq." + i, state.get("exp_avg_sq." + i), problems);
        }
    }

    @Override
    protected void restoreState(Map<String, Tensor> state) {
        for (int i = 0; i < steps.length; i++) {
            steps[i] = (long) state.get("step." + i).item();
            expAvg[i].copyFrom(state.get("exp_avg." + i));
            expAvgSq[i].copyFrom(state.get("exp_avg_sq." + i));
        }
    }
}
