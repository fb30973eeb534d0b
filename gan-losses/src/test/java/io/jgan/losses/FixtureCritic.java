package io.jgan.losses;

import io.jgan.autograd.Ops;
import io.jgan.autograd.Variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small critic a penalty fixture describes in {@code params.critic.layers}, e.g.
 * {@code ["conv2d(w1,b1,stride=2,padding=1)", "leaky_relu(0.2)", "flatten", "linear(w3,b3)"]}, as a
 * function of its input, with the weights taken from the case's input Variables. (core-autograd's
 * test sources have an equivalent class, package-private there.)
 */
final class FixtureCritic implements Function<Variable, Variable> {
    private static final Pattern LAYER = Pattern.compile("\\s*(\\w+)\\s*(?:\\((.*)\\))?\\s*");

    private final List<String[]> layers;
    private final Map<String, Variable> weights;

    @SuppressWarnings("unchecked")
    FixtureCritic(Object criticParam, Map<String, Variable> weights) {
        this.weights = weights;
        this.layers = new ArrayList<>();
        for (Object o : (List<Object>) ((Map<String, Object>) criticParam).get("layers")) {
            Matcher m = LAYER.matcher((String) o);
            if (!m.matches()) {
                throw new IllegalArgumentException("cannot parse critic layer '" + o + "'");
            }
            List<String> parts = new ArrayList<>();
            parts.add(m.group(1));
            if (m.group(2) != null && !m.group(2).isBlank()) {
                for (String a : m.group(2).split(",")) {
                    parts.add(a.trim());
                }
            }
            layers.add(parts.toArray(String[]::new));
        }
    }

    @Override
    public Variable apply(Variable x) {
        Variable h = x;
        for (String[] l : layers) {
            h = switch (l[0]) {
                case "conv2d" -> Ops.conv2d(h, w(l[1]), w(l[2]), kwarg(l, "stride", 1), kwarg(l, "padding", 0));
                case "leaky_relu" -> h.leakyRelu(l.length > 1 ? Float.parseFloat(l[1]) : 0.01f);
                case "relu" -> h.relu();
                case "tanh" -> h.tanh();
                case "flatten" -> h.flatten();
                case "linear" -> Ops.linear(h, w(l[1]), l.length > 2 ? w(l[2]) : null);
                default -> throw new IllegalArgumentException("unknown critic layer '" + l[0] + "'");
            };
        }
        return h;
    }

    private Variable w(String name) {
        Variable v = weights.get(name);
        if (v == null) {
            throw new IllegalArgumentException("critic weight '" + name + "' is not an input of the case");
        }
        return v;
    }

    private static int kwarg(String[] layer, String key, int fallback) {
        for (String a : layer) {
            if (a.startsWith(key + "=")) {
                return Integer.parseInt(a.substring(key.length() + 1).trim());
            }
        }
        return fallback;
    }
}
