package io.jgan.nn;

import io.jgan.autograd.Variable;

import java.util.ArrayList;
import java.util.List;

/**
 * Modules applied in order ({@code torch.nn.Sequential}); children are named "0", "1", ..., so
 * their state appears as {@code "0.weight"}, {@code "1.running_mean"} and so on, as in PyTorch.
 * Shapes: whatever the chain maps.
 */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    /** @param layers the modules, in order */
    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    /**
     * Appends a module under the next index.
     *
     * @param layer the module
     * @return this
     */
    public Sequential add(Module layer) {
        registerModule(Integer.toString(layers.size()), layer);
        layers.add(layer);
        return this;
    }

    /** @param i the index @return the i-th module */
    public Module get(int i) {
        return layers.get(i);
    }

    /** @return the number of modules */
    public int size() {
        return layers.size();
    }

    @Override
    public Variable forward(Variable x) {
        Variable y = x;
        for (Module m : layers) {
            y = m.forward(y);
        }
        return y;
    }
}
