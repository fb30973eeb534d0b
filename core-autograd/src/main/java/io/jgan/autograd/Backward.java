package io.jgan.autograd;

/**
 * The gradient rule of one recorded op, written with differentiable {@link Variable} ops so that
 * running it with recording on yields a differentiable gradient (micrograd's closure shape).
 */
@FunctionalInterface
interface Backward {
    /**
     * @param grad the gradient of the op's output
     * @param out the op's output (lets rules such as exp or tanh reuse the forward result)
     * @param needs which inputs need a gradient; rules skip the others
     * @return one gradient per input, shaped like it, or null where not needed
     */
    Variable[] apply(Variable grad, Variable out, boolean[] needs);
}
