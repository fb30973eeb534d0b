package io.jgan.autograd;

/**
 * How {@link Autograd#grad(java.util.List, java.util.List, java.util.List, GradOptions)} differentiates,
 * PyTorch's keyword arguments of {@code torch.autograd.grad} as a value built by name:
 * <pre>{@code
 *   GradOptions.firstOrder()                       // constant gradients; the graph is freed
 *   GradOptions.createGraph()                      // differentiable gradients (WGAN-GP, R1); graph kept
 *   GradOptions.firstOrder().retainGraph()         // keep the graph for another backward pass
 *   GradOptions.firstOrder().allowUnused()         // null for an input the outputs do not depend on
 * }</pre>
 * As in PyTorch, creating the graph also retains it (its {@code retain_graph} defaults to
 * {@code create_graph}), because the differentiable gradient still refers to it.
 *
 * @param createsGraph record the gradient computation so that it can be differentiated again
 * @param retainsGraph keep the outputs' graph for another backward pass
 * @param allowsUnused return null for an input the outputs do not depend on, instead of failing
 */
public record GradOptions(boolean createsGraph, boolean retainsGraph, boolean allowsUnused) {
    private static final GradOptions FIRST_ORDER = new GradOptions(false, false, false);
    private static final GradOptions CREATE_GRAPH = new GradOptions(true, true, false);

    /** @return first-order gradients, graph freed, every input must be used (PyTorch's defaults) */
    public static GradOptions firstOrder() {
        return FIRST_ORDER;
    }

    /** @return differentiable gradients, with the graph retained */
    public static GradOptions createGraph() {
        return CREATE_GRAPH;
    }

    /** @return a copy that keeps the outputs' graph after the pass */
    public GradOptions retainGraph() {
        return new GradOptions(createsGraph, true, allowsUnused);
    }

    /** @return a copy that returns null for inputs not in the outputs' graph */
    public GradOptions allowUnused() {
        return new GradOptions(createsGraph, retainsGraph, true);
    }
}
