package io.jgan.train;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.TensorScope;

import java.util.List;

/**
 * Sums the gradients of a batch's parts in part order: after part 0's backward its gradients are
 * copied (a copy, not 0 + g, so that -0 stays -0), after each later part's they are added; then
 * {@link #install} makes the sums the parameters' gradients. The buffers live outside the step's
 * pooled scope and are reused every step.
 */
final class GradientSum {
    private final List<Variable> params;
    private final Tensor[] sum;
    private final boolean[] set;

    GradientSum(List<Variable> params) {
        this.params = List.copyOf(params);
        this.sum = new Tensor[this.params.size()];
        this.set = new boolean[this.params.size()];
    }

    /** Forgets the previous phase's sums. */
    void clear() {
        java.util.Arrays.fill(set, false);
    }

    /** Adds the parameters' current gradients (one part's) to the sums, then clears them for the next part. */
    void addPart() {
        for (int i = 0; i < params.size(); i++) {
            Variable p = params.get(i);
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            if (!set[i]) {
                if (sum[i] == null || !sum[i].shape().equals(g.shape())) {
                    sum[i] = TensorScope.unpooled(() -> Tensor.zeros(g.shape()));
                }
                sum[i].copyFrom(g);
                set[i] = true;
            } else {
                sum[i].addInPlace(g);
            }
            p.zeroGrad();
        }
    }

    /** Makes the sums the parameters' gradients (null where no part had one). */
    void install() {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).setGrad(set[i] ? sum[i] : null);
        }
    }

    /**
     * @param params parameters whose gradients to divide
     * @param parts the number of parts the gradients were summed over
     */
    static void divide(List<Variable> params, int parts) {
        float s = 1f / parts;
        for (Variable p : params) {
            if (p.grad() != null) {
                p.grad().scaleInPlace(s);
            }
        }
    }
}
