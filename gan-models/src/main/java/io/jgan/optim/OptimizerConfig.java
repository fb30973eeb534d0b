package io.jgan.optim;

import io.jgan.autograd.Variable;

import java.util.List;

/**
 * The hyper-parameters of one optimiser: {@link Adam.Config}, {@link RmsProp.Config} or
 * {@link Sgd.Config}, each a record built fluently from PyTorch's defaults, e.g.
 * {@code Adam.Config.of(2e-4).withBetas(0.5, 0.999)}.
 *
 * <p>Every hyper-parameter is a {@code double}, as PyTorch's are Python floats: the bias
 * corrections of Adam are computed in double from them, as PyTorch does. The element-wise update
 * uses their float32 roundings, as PyTorch's kernels do, and the optimiser holds the learning rate
 * as a float32 so that a checkpoint stores it exactly. Invalid values fail on construction with an
 * {@link IllegalArgumentException} that names the optimiser, the hyper-parameter and the value.
 */
public sealed interface OptimizerConfig permits Adam.Config, RmsProp.Config, Sgd.Config {
    /** @return the learning rate */
    double lr();

    /** @param lr the learning rate @return a copy with this learning rate */
    OptimizerConfig withLr(double lr);

    /**
     * @param params the parameters to update, in a fixed order
     * @return a new optimiser over them with these hyper-parameters
     */
    Optimizer create(List<Variable> params);
}
