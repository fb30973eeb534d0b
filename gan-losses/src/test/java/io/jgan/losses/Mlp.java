package io.jgan.losses;

import io.jgan.autograd.Ops;
import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A small tanh MLP critic built directly from Variables (gan-losses does not depend on the layers
 * of gan-models): in -> hidden -> ... -> 1, PyTorch's default uniform initialisation scaled by
 * {@code gain}. tanh keeps the input gradient smooth, which the double-backward penalties need.
 */
final class Mlp implements Function<Variable, Variable> {
    private final List<Variable> weights = new ArrayList<>();
    private final List<Variable> biases = new ArrayList<>();

    /**
     * @param rng initialisation
     * @param gain scale of the initial weights (1 = PyTorch's U(-1/sqrt(fan_in), 1/sqrt(fan_in)))
     * @param sizes layer widths, from input to 1
     */
    Mlp(Rng rng, float gain, int... sizes) {
        for (int i = 0; i + 1 < sizes.length; i++) {
            float bound = (float) (gain / Math.sqrt(sizes[i]));
            weights.add(Variable.parameter(Tensor.uniform(rng, -bound, bound, sizes[i + 1], sizes[i])));
            biases.add(Variable.parameter(Tensor.uniform(rng, -bound, bound, sizes[i + 1])));
        }
    }

    @Override
    public Variable apply(Variable x) {
        Variable h = x;
        for (int i = 0; i < weights.size(); i++) {
            h = Ops.linear(h, weights.get(i), biases.get(i));
            if (i + 1 < weights.size()) {
                h = h.tanh();
            }
        }
        return h;
    }

    /** @return the weights and biases */
    List<Variable> parameters() {
        List<Variable> all = new ArrayList<>(weights);
        all.addAll(biases);
        return all;
    }
}
