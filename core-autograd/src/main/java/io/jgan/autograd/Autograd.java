package io.jgan.autograd;

import io.jgan.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Functional gradients, PyTorch's {@code torch.autograd.grad}: the gradients of outputs with respect
 * to chosen inputs, returned instead of accumulated into {@link Variable#grad()}.
 *
 * <p>With {@link GradOptions#createGraph()} the returned gradients are recorded Variables that can
 * be differentiated again (double backprop for WGAN-GP and R1); with {@link GradOptions#firstOrder()}
 * the rules run under no-grad and the results are constants.
 */
public final class Autograd {
    private Autograd() {
    }

    /**
     * The general form, {@code torch.autograd.grad(outputs, inputs, grad_outputs, create_graph=...,
     * retain_graph=..., allow_unused=...)}:
     * {@code Autograd.grad(List.of(loss), params, null, GradOptions.createGraph().allowUnused())}.
     *
     * @param outputs the Variables to differentiate
     * @param inputs the Variables to differentiate with respect to (leaves or intermediates)
     * @param gradOutputs one upstream gradient per output (null entries or a null list: ones, for
     *                    one-element outputs only)
     * @param options whether to create and retain the graph and to allow unused inputs
     * @return one gradient per input, shaped like it (null for an unused input if allowed)
     * @throws IllegalArgumentException on shape mismatches, an input that does not require a
     *                                  gradient, or (unless allowed) an input not in the graph
     */
    public static List<Variable> grad(List<Variable> outputs, List<Variable> inputs, List<Tensor> gradOutputs,
                                      GradOptions options) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("grad needs at least one output");
        }
        if (gradOutputs != null && gradOutputs.size() != outputs.size()) {
            throw new IllegalArgumentException("grad: " + outputs.size() + " outputs but " + gradOutputs.size() + " gradOutputs");
        }
        List<Variable> seeds = new ArrayList<>(outputs.size());
        boolean anyRequires = false;
        for (int i = 0; i < outputs.size(); i++) {
            Variable out = outputs.get(i);
            Tensor up = gradOutputs == null ? null : gradOutputs.get(i);
            seeds.add(Variable.of(Engine.seedFor(out, up, "grad output " + i)));
            anyRequires |= out.requiresGrad();
        }
        if (!anyRequires) {
            throw new IllegalArgumentException("grad: no output requires a gradient (shapes "
                    + shapes(outputs) + "); were they computed under no-grad or from constants only?");
        }
        Set<Variable> targets = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < inputs.size(); i++) {
            Variable in = inputs.get(i);
            if (!in.requiresGrad()) {
                throw new IllegalArgumentException("grad: input " + i + " of shape " + in.shape()
                        + " does not require a gradient");
            }
            targets.add(in);
        }
        Map<Variable, ?> grads = Engine.run(outputs, seeds, targets, options.createsGraph(), options.retainsGraph());
        List<Variable> result = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Variable g = Engine.gradOf(grads, inputs.get(i));
            if (g == null && !options.allowsUnused()) {
                throw new IllegalArgumentException("grad: input " + i + " of shape " + inputs.get(i).shape()
                        + " is not part of the graph of the outputs; pass GradOptions...allowUnused() to get null for it");
            }
            result.add(g);
        }
        return result;
    }

    /**
     * The positional form kept for existing callers.
     *
     * @param outputs the Variables to differentiate
     * @param inputs the Variables to differentiate with respect to
     * @param gradOutputs upstream gradients, or null for one-element outputs
     * @param createGraph make the result differentiable
     * @param retainGraph keep the outputs' graph
     * @param allowUnused return null for unused inputs
     * @return one gradient per input
     * @deprecated six positional arguments read badly at the call site; use
     *     {@link #grad(List, List, List, GradOptions)} with {@link GradOptions}
     */
    @Deprecated
    public static List<Variable> grad(List<Variable> outputs, List<Variable> inputs, List<Tensor> gradOutputs,
                                      boolean createGraph, boolean retainGraph, boolean allowUnused) {
        return grad(outputs, inputs, gradOutputs, new GradOptions(createGraph, retainGraph, allowUnused));
    }

    /**
     * The positional form kept for existing callers, with {@code allowUnused=false}.
     *
     * @param outputs the Variables to differentiate
     * @param inputs the Variables to differentiate with respect to
     * @param gradOutputs upstream gradients, or null for one-element outputs
     * @param createGraph make the result differentiable
     * @param retainGraph keep the outputs' graph
     * @return one gradient per input
     * @deprecated use {@link #grad(List, List, List, GradOptions)} with {@link GradOptions}
     */
    @Deprecated
    public static List<Variable> grad(List<Variable> outputs, List<Variable> inputs, List<Tensor> gradOutputs,
                                      boolean createGraph, boolean retainGraph) {
        return grad(outputs, inputs, gradOutputs, new GradOptions(createGraph, retainGraph, false));
    }

    /**
     * First-order gradients of a one-element output; the graph is freed.
     *
     * @param output a one-element Variable
     * @param inputs the Variables to differentiate with respect to
     * @return one constant gradient per input
     */
    public static List<Variable> grad(Variable output, Variable... inputs) {
        return grad(List.of(output), Arrays.asList(inputs), null, GradOptions.firstOrder());
    }

    /**
     * Gradients of a one-element output; with {@code createGraph} the graph is also retained, as
     * PyTorch does, because the differentiable gradient still refers to it.
     *
     * @param output a one-element Variable
     * @param createGraph make the result differentiable
     * @param inputs the Variables to differentiate with respect to
     * @return one gradient per input
     */
    public static List<Variable> grad(Variable output, boolean createGraph, Variable... inputs) {
        return grad(List.of(output), Arrays.asList(inputs), null,
                createGraph ? GradOptions.createGraph() : GradOptions.firstOrder());
    }

    /**
     * The gradient of an output against an explicit upstream gradient (e.g. a per-sample critic
     * output against ones, as WGAN-GP does).
     *
     * @param output any Variable
     * @param upstream the upstream gradient, same shape as {@code output}
     * @param input the Variable to differentiate with respect to
     * @param createGraph make the result differentiable (the graph is then retained)
     * @return the gradient, shaped like {@code input}
     */
    public static Variable grad(Variable output, Tensor upstream, Variable input, boolean createGraph) {
        return grad(List.of(output), List.of(input), Collections.singletonList(upstream),
                createGraph ? GradOptions.createGraph() : GradOptions.firstOrder()).get(0);
    }

    private static String shapes(List<Variable> vs) {
        StringBuilder sb = new StringBuilder();
        for (Variable v : vs) {
            sb.append(sb.length() == 0 ? "" : ", ").append(v.shape());
        }
        return sb.toString();
    }
}
