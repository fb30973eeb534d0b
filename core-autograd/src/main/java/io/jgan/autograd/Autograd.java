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
 * <p>With {@code createGraph=true} the returned gradients are recorded Variables that can be
 * differentiated again (double backprop for WGAN-GP and R1); with {@code false} the rules run
 * under no-grad and the results are constants.
 */
public final class Autograd {
    private Autograd() {
    }

    /**
     * @param outputs the Variables to differentiate
     * @param inputs the Variables to differentiate with respect to (leaves or intermediates)
     * @param gradOutputs one upstream gradient per output (null entries or a null list: ones, for
     *                    one-element outputs only)
     * @param createGraph record the gradient computation so that it can be differentiated again
     * @param retainGraph keep the graph of {@code outputs} for another backward pass
     * @param allowUnused return null for an input the outputs do not depend on, instead of failing
     * @return one gradient per input, shaped like it
     * @throws IllegalArgumentException on shape mismatches, an input that does not require a
     *                                  gradient, or (unless allowUnused) an input not in the graph
     */
    public static List<Variable> grad(List<Variable> outputs, List<Variable> inputs, List<Tensor> gradOutputs,
                                      boolean createGraph, boolean retainGraph, boolean allowUnused) {
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
        Map<Variable, ?> grads = Engine.run(outputs, seeds, targets, createGraph, retainGraph);
        List<Variable> result = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Variable g = Engine.gradOf(grads, inputs.get(i));
            if (g == null && !allowUnused) {
                throw new IllegalArgumentException("grad: input " + i + " of shape " + inputs.get(i).shape()
                        + " is not part of the graph of the outputs; pass allowUnused=true to get null for it");
            }
            result.add(g);
        }
        return result;
    }

    /**
     * As {@link #grad(List, List, List, boolean, boolean, boolean)} with {@code allowUnused=false}.
     *
     * @param outputs the Variables to differentiate
     * @param inputs the Variables to differentiate with respect to
     * @param gradOutputs upstream gradients, or null for one-element outputs
     * @param createGraph make the result differentiable
     * @param retainGraph keep the outputs' graph
     * @return one gradient per input
     */
    public static List<Variable> grad(List<Variable> outputs, List<Variable> inputs, List<Tensor> gradOutputs,
                                      boolean createGraph, boolean retainGraph) {
        return grad(outputs, inputs, gradOutputs, createGraph, retainGraph, false);
    }

    /**
     * First-order gradients of a one-element output; the graph is freed.
     *
     * @param output a one-element Variable
     * @param inputs the Variables to differentiate with respect to
     * @return one constant gradient per input
     */
    public static List<Variable> grad(Variable output, Variable... inputs) {
        return grad(List.of(output), Arrays.asList(inputs), null, false, false, false);
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
        return grad(List.of(output), Arrays.asList(inputs), null, createGraph, createGraph, false);
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
        return grad(List.of(output), List.of(input), Collections.singletonList(upstream), createGraph, createGraph, false).get(0);
    }

    private static String shapes(List<Variable> vs) {
        StringBuilder sb = new StringBuilder();
        for (Variable v : vs) {
            sb.append(sb.length() == 0 ? "" : ", ").append(v.shape());
        }
        return sb.toString();
    }
}
