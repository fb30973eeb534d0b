package io.jgan.autograd;

import io.jgan.tensor.Tensor;
import io.jgan.tensor.TensorScope;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse-mode traversal shared by {@link Variable#backward} and {@link Autograd#grad}.
 *
 * <p>The order is computed with an explicit stack (no recursion, so a 100k-op chain is fine), the
 * graph is pruned to the ops that lead to a requested input (PyTorch's {@code needs_input_grad}),
 * and each rule runs under no-grad unless the caller asked for a differentiable gradient.
 */
final class Engine {
    private Engine() {
    }

    /** A gradient being summed for one Variable; {@code owned} means we may add into it in place. */
    private static final class Acc {
        Variable grad;
        boolean owned;
    }

    static void backward(Variable output, Tensor upstream, boolean retainGraph) {
        Tensor seed = seedFor(output, upstream, "backward()");
        if (!output.requiresGrad()) {
            throw new IllegalArgumentException("backward() on a Variable of shape " + output.shape()
                    + " that does not require a gradient (no input of its graph is a parameter, or it was computed under no-grad)");
        }
        // The leaves copy their gradients into their own storage, so every tensor of this pass dies with its scope.
        try (TensorScope scope = TensorScope.open()) {
            Map<Variable, Acc> grads = run(List.of(output), List.of(Variable.of(seed)), null, false, retainGraph, scope);
            for (Map.Entry<Variable, Acc> e : grads.entrySet()) {
                e.getKey().accumulateGrad(e.getValue().grad.value());
            }
        }
    }

    static Tensor seedFor(Variable output, Tensor upstream, String what) {
        if (upstream == null) {
            if (output.size() != 1) {
                throw new IllegalArgumentException(what + " on an output of shape " + output.shape()
                        + " needs an upstream gradient of that shape (only one-element outputs default to 1)");
            }
            return Tensor.ones(output.dims());
        }
        if (!upstream.shape().equals(output.shape())) {
            throw new IllegalArgumentException(what + ": upstream gradient of shape " + upstream.shape()
                    + " does not match the output's shape " + output.shape());
        }
        return upstream;
    }

    /**
     * Runs the rules from {@code outputs} back to {@code targets}.
     *
     * @param targets the Variables whose gradients are wanted; null means every leaf requiring a gradient
     * @return the gradient of each target that the outputs reach (absent: not in the graph)
     */
    static Map<Variable, Acc> run(List<Variable> outputs, List<Variable> seeds, Set<Variable> targets,
                                  boolean createGraph, boolean retainGraph) {
        if (createGraph) {
            // The gradients' own graphs reference the intermediate tensors: they live in the caller's scope.
            return run(outputs, seeds, targets, true, retainGraph, null);
        }
        try (TensorScope scope = TensorScope.open()) {
            Map<Variable, Acc> result = run(outputs, seeds, targets, false, retainGraph, scope);
            for (Acc acc : result.values()) {
                scope.keep(acc.grad.value()); // handed to the caller: moves to the caller's scope
            }
            return result;
        }
    }

    /**
     * @param scope with {@code createGraph=false}, the scope holding this pass's temporaries: a
     *     gradient is released into it as soon as no pending sum holds its array any more; null keeps everything
     */
    private static Map<Variable, Acc> run(List<Variable> outputs, List<Variable> seeds, Set<Variable> targets,
                                          boolean createGraph, boolean retainGraph, TensorScope scope) {
        Live live = scope == null ? null : new Live(scope);
        List<Variable> order = topologicalOrder(outputs);
        // needed(v): v is a target or an input of v leads to one. `order` lists inputs before users.
        Set<Variable> needed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Variable v : order) {
            boolean need = targets == null ? v.isLeaf() && v.requiresGrad() : targets.contains(v);
            if (!need && !v.isLeaf()) {
                for (Variable in : v.node.inputs()) {
                    if (in != null && needed.contains(in)) {
                        need = true;
                        break;
                    }
                }
            }
            if (need) {
                needed.add(v);
            }
        }
        Map<Variable, Acc> grads = new IdentityHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).requiresGrad() && needed.contains(outputs.get(i))) {
                accumulate(grads, outputs.get(i), seeds.get(i), createGraph, live);
            }
        }
        Map<Variable, Acc> result = new IdentityHashMap<>();
        try (GradMode.Scope ignored = GradMode.set(createGraph)) {
            for (int k = order.size() - 1; k >= 0; k--) {
                Variable v = order.get(k);
                Acc acc = grads.remove(v);
                boolean isTarget = targets == null ? v.isLeaf() : targets.contains(v);
                if (acc != null && isTarget) {
                    result.put(v, acc);
                }
                if (v.isLeaf() || acc == null || !needed.contains(v)) {
                    continue;
                }
                Node node = v.node;
                Variable[] inputs = node.inputs();
                boolean[] needs = new boolean[inputs.length];
                boolean any = false;
                for (int i = 0; i < inputs.length; i++) {
                    needs[i] = inputs[i] != null && inputs[i].requiresGrad() && needed.contains(inputs[i]);
                    any |= needs[i];
                }
                if (any) {
                    Variable[] in = applyRule(node, acc.grad, v, needs, createGraph);
                    for (int i = 0; i < inputs.length; i++) {
                        if (needs[i] && in[i] != null) {
                            if (!in[i].shape().equals(inputs[i].shape())) {
                                throw new IllegalStateException("op '" + node.op + "' produced a gradient of shape "
                                        + in[i].shape() + " for input " + i + " of shape " + inputs[i].shape());
                            }
                            accumulate(grads, inputs[i], in[i], createGraph, live);
                        }
                    }
                }
                if (live != null) {
                    // v's gradient is consumed (unless it is a result); free it and the rule's summed-away
                    // outputs unless a pending sum holds them
                    if (!isTarget) {
                        live.drop(acc.grad.value());
                    }
                    live.releaseDead();
                }
                if (!retainGraph) {
                    node.free();
                }
            }
        }
        return result;
    }

    private static Variable[] applyRule(Node node, Variable g, Variable out, boolean[] needs, boolean createGraph) {
        if (!createGraph || node.differentiableBackward) {
            return node.backward().apply(g, out, needs);
        }
        Variable[] raw;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            raw = node.backward().apply(g, out, needs);
        }
        Variable[] forwardInputs = node.inputs();
        Variable[] dependsOn = java.util.Arrays.copyOf(forwardInputs, forwardInputs.length + 1);
        dependsOn[forwardInputs.length] = g;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != null) {
                raw[i] = Variable.notDifferentiable(raw[i].value(), node.op, dependsOn);
            }
        }
        return raw;
    }

    private static void accumulate(Map<Variable, Acc> grads, Variable target, Variable g, boolean createGraph, Live live) {
        Acc acc = grads.get(target);
        if (acc == null) {
            acc = new Acc();
            acc.grad = g;
            grads.put(target, acc);
            if (live != null) {
                live.hold(g.value());
            }
        } else if (createGraph) {
            acc.grad = acc.grad.add(g);
        } else if (acc.owned) {
            acc.grad.value().addInPlace(g.value());
            if (live != null) {
                live.candidate(g.value());
            }
        } else {
            // The first contribution may be shared (a pass-through rule); sum into a fresh tensor once.
            Tensor old = acc.grad.value();
            acc.grad = Variable.of(old.add(g.value()));
            acc.owned = true;
            if (live != null) {
                live.hold(acc.grad.value());
                live.drop(old);
                live.candidate(g.value());
            }
        }
    }

    /**
     * Which gradient arrays pending sums still hold, so a pass without {@code createGraph} can give
     * the others back to the pool at once: its peak memory is then the live gradients, not every
     * temporary of the backward pass. Counted per array because pass-through rules (add, reshape)
     * hand one array, or views of it, to several inputs. Arrays the pass did not allocate (the seed,
     * forward values) are not in the pass's scope and are never released.
     */
    private static final class Live {
        private final TensorScope scope;
        private final IdentityHashMap<float[], int[]> holders = new IdentityHashMap<>();
        private final ArrayList<Tensor> candidates = new ArrayList<>();

        Live(TensorScope scope) {
            this.scope = scope;
        }

        void hold(Tensor t) {
            int[] c = holders.get(t.data());
            if (c == null) {
                holders.put(t.data(), new int[] {1});
            } else {
                c[0]++;
            }
        }

        /** One holder fewer; the array becomes a release candidate. */
        void drop(Tensor t) {
            int[] c = holders.get(t.data());
            if (c != null && --c[0] == 0) {
                holders.remove(t.data());
            }
            candidates.add(t);
        }

        /** A contribution that was summed into another array and is not held itself. */
        void candidate(Tensor t) {
            candidates.add(t);
        }

        /** Called once a rule's outputs are all accumulated: nothing of that rule is in flight any more. */
        void releaseDead() {
            for (Tensor t : candidates) {
                if (!holders.containsKey(t.data())) {
                    scope.release(t);
                }
            }
            candidates.clear();
        }
    }

    /** Post-order over the Variables reachable from {@code outputs} that require a gradient. */
    private static List<Variable> topologicalOrder(List<Variable> outputs) {
        List<Variable> order = new ArrayList<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Variable> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        for (Variable out : outputs) {
            if (!out.requiresGrad() || !seen.add(out)) {
                continue;
            }
            stack.push(out);
            next.push(0);
            while (!stack.isEmpty()) {
                Variable v = stack.peek();
                int i = next.pop();
                Variable[] inputs = v.isLeaf() ? null : v.node.inputs();
                int n = inputs == null ? 0 : inputs.length;
                while (i < n && (inputs[i] == null || !inputs[i].requiresGrad() || seen.contains(inputs[i]))) {
                    i++;
                }
                if (i < n) {
                    next.push(i + 1);
                    seen.add(inputs[i]);
                    stack.push(inputs[i]);
                    next.push(0);
                } else {
                    stack.pop();
                    order.add(v);
                }
            }
        }
        return order;
    }

    /** Exposes an accumulated gradient (the Acc type stays private). */
    static Variable gradOf(Map<Variable, ?> grads, Variable v) {
        Object a = grads.get(v);
        return a == null ? null : ((Acc) a).grad;
    }
}
