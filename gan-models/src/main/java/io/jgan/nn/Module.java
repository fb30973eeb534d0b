package io.jgan.nn;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A neural-network building block, the counterpart of {@code torch.nn.Module}.
 *
 * <p>Subclasses register their parameters, buffers and child modules explicitly in the
 * constructor ({@link #registerParameter}, {@link #registerBuffer}, {@link #registerModule}); there
 * is no reflective discovery. Names are joined with dots ({@code "0.weight"},
 * {@code "main.3.running_mean"}) in the same order PyTorch uses, so a jgan {@link #stateDict()}
 * loads into the equivalent PyTorch module and vice versa.
 *
 * <p>Buffers are state that is saved but not trained (BatchNorm's running statistics). They are
 * updated in place, so the tensors returned by {@link #stateDict()} stay the module's live state.
 */
public abstract class Module {
    private final Map<String, Variable> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /**
     * Computes the module's output.
     *
     * @param x the input (its shape is described by each layer)
     * @return the output
     */
    public abstract Variable forward(Variable x);

    /**
     * Convenience for inputs that need no gradient.
     *
     * @param x the input tensor
     * @return {@code forward(Variable.of(x))}
     */
    public final Variable forward(Tensor x) {
        return forward(Variable.of(x));
    }

    // ---------------------------------------------------------------- registration

    /**
     * Registers a trainable parameter.
     *
     * @param name a local name without dots, unique in this module
     * @param value the initial value (not copied)
     * @return the parameter Variable (requires a gradient)
     */
    protected final Variable registerParameter(String name, Tensor value) {
        checkName(name);
        Variable p = Variable.parameter(value);
        parameters.put(name, p);
        return p;
    }

    /**
     * Registers a buffer: saved in the state dict, never trained.
     *
     * @param name a local name without dots, unique in this module
     * @param value the initial value (not copied; update it in place)
     * @return {@code value}
     */
    protected final Tensor registerBuffer(String name, Tensor value) {
        checkName(name);
        buffers.put(name, value);
        return value;
    }

    /**
     * Registers a child module, whose names appear under {@code name + "."}.
     *
     * @param name a local name without dots, unique in this module
     * @param child the child
     * @param <M> the child's type
     * @return {@code child}
     */
    protected final <M extends Module> M registerModule(String name, M child) {
        checkName(name);
        if (child == null || child == this) {
            throw new IllegalArgumentException("cannot register " + (child == null ? "null" : "a module inside itself")
                    + " as child \"" + name + "\"");
        }
        children.put(name, child);
        return child;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("a parameter, buffer or module name must be non-empty and free of dots, got \""
                    + name + "\"");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("name \"" + name + "\" is already registered in " + getClass().getSimpleName());
        }
    }

    // ---------------------------------------------------------------- traversal

    /** @return the direct children by local name, in registration order (unmodifiable) */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** @return this module and all its descendants, depth first, each once per registration */
    public final List<Module> modules() {
        List<Module> out = new ArrayList<>();
        collectModules(out);
        return out;
    }

    private void collectModules(List<Module> out) {
        out.add(this);
        for (Module c : children.values()) {
            c.collectModules(out);
        }
    }

    /**
     * Applies a function to every module, this one first (like PyTorch's {@code apply} for
     * custom initialisation).
     *
     * @param fn the function
     * @return this
     */
    public final Module apply(Consumer<Module> fn) {
        for (Module m : modules()) {
            fn.accept(m);
        }
        return this;
    }

    /** @return all trainable parameters, in {@link #namedParameters()} order */
    public final List<Variable> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** @return parameters by dotted name, own first, then each child's in registration order */
    public final Map<String, Variable> namedParameters() {
        Map<String, Variable> out = new LinkedHashMap<>();
        walk("", (name, m) -> m.parameters.forEach((k, v) -> out.put(name + k, v)));
        return out;
    }

    /** @return buffers by dotted name, in the same order as parameters */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        walk("", (name, m) -> m.buffers.forEach((k, v) -> out.put(name + k, v)));
        return out;
    }

    private interface Visitor {
        void visit(String prefix, Module m);
    }

    private void walk(String prefix, Visitor v) {
        v.visit(prefix, this);
        for (Map.Entry<String, Module> c : children.entrySet()) {
            c.getValue().walk(prefix + c.getKey() + ".", v);
        }
    }

    // ---------------------------------------------------------------- modes and gradients

    /** @return this, with this module and every descendant in training mode */
    public final Module train() {
        return train(true);
    }

    /** @return this, with this module and every descendant in evaluation mode */
    public final Module eval() {
        return train(false);
    }

    /**
     * @param mode true for training, false for evaluation
     * @return this
     */
    public final Module train(boolean mode) {
        for (Module m : modules()) {
            m.training = mode;
        }
        return this;
    }

    /** @return whether this module is in training mode (BatchNorm and Dropout behave differently) */
    public final boolean isTraining() {
        return training;
    }

    /** Clears every parameter's gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public final void zeroGrad() {
        for (Variable p : parameters()) {
            p.zeroGrad();
        }
    }

    /**
     * Freezes or unfreezes all parameters, e.g. D while G trains.
     *
     * @param requires whether backward should compute the parameters' gradients
     * @return this
     */
    public final Module requiresGrad(boolean requires) {
        for (Variable p : parameters()) {
            p.requiresGrad(requires);
        }
        return this;
    }

    // ---------------------------------------------------------------- state

    /**
     * The module's state: each module's parameters then buffers, then its children's, under dotted
     * names (PyTorch's {@code state_dict()} order). The tensors are the live values, not copies.
     *
     * @return the state by name
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        walk("", (name, m) -> {
            m.parameters.forEach((k, v) -> out.put(name + k, v.value()));
            m.buffers.forEach((k, v) -> out.put(name + k, v));
        });
        return out;
    }

    /**
     * What a non-strict load left out.
     *
     * @param missingKeys the module's names the dict lacked (left unchanged)
     * @param unexpectedKeys names in the dict the module does not have (ignored)
     */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {}

    /**
     * Copies values into the module's parameters and buffers (in place, so optimisers keep
     * working on the same tensors). Nothing is changed when the load fails.
     *
     * @param state tensors by dotted name
     * @param strict whether missing or unexpected names are an error (shape mismatches always are)
     * @return the missing and unexpected names (both empty after a strict load)
     * @throws IllegalArgumentException listing every missing and unexpected name and every shape mismatch
     */
    public final LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) {
                missing.add(e.getKey());
            } else if (!src.shape().equals(e.getValue().shape())) {
                mismatched.add(e.getKey() + " (checkpoint " + src.shape() + ", module " + e.getValue().shape() + ")");
            }
        }
        List<String> unexpected = new ArrayList<>(new TreeSet<>(state.keySet()));
        unexpected.removeAll(own.keySet());
        if (!mismatched.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
            StringBuilder msg = new StringBuilder("error loading the state dict of " + getClass().getSimpleName() + ":");
            if (!missing.isEmpty()) {
                msg.append(" missing keys ").append(missing).append(';');
            }
            if (!unexpected.isEmpty()) {
                msg.append(" unexpected keys ").append(unexpected).append(';');
            }
            if (!mismatched.isEmpty()) {
                msg.append(" shape mismatches ").append(mismatched).append(';');
            }
            msg.setLength(msg.length() - 1);
            throw new IllegalArgumentException(msg.toString());
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src != null) {
                e.getValue().copyFrom(src);
            }
        }
        return new LoadResult(List.copyOf(missing), List.copyOf(unexpected));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        describe(b, "");
        return b.toString();
    }

    private void describe(StringBuilder b, String indent) {
        b.append(getClass().getSimpleName()).append(extraRepr());
        if (!children.isEmpty()) {
            b.append("(\n");
            for (Map.Entry<String, Module> c : children.entrySet()) {
                b.append(indent).append("  (").append(c.getKey()).append("): ");
                c.getValue().describe(b, indent + "  ");
                b.append('\n');
            }
            b.append(indent).append(')');
        }
    }

    /** @return a description of the configuration for {@link #toString()}, e.g. "(in=3, out=8)" */
    protected String extraRepr() {
        return "";
    }
}
