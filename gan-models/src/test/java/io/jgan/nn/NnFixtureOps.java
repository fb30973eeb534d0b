package io.jgan.nn;

import io.jgan.autograd.Variable;
import io.jgan.autograd.fixtures.FixtureCase;
import io.jgan.autograd.fixtures.FixtureOpProvider;
import io.jgan.autograd.fixtures.FixtureOps;
import io.jgan.optim.Adam;
import io.jgan.optim.Optimizer;
import io.jgan.optim.RmsProp;
import io.jgan.optim.Sgd;
import io.jgan.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixture ops of gan-models, for the project-wide parity walker (found through
 * {@code META-INF/services/io.jgan.autograd.fixtures.FixtureOpProvider}):
 * <ul>
 *   <li>{@code batch_norm1d}, {@code batch_norm2d}: {@link BatchNorm#functional} (the modules'
 *       code path) with the case's gamma/beta inputs, running statistics from
 *       {@code running_mean_in}/{@code running_var_in}; outputs {@code out} and, in training mode,
 *       the updated {@code running_mean}/{@code running_var};</li>
 *   <li>{@code optimizer}: three steps {@code p_{i+1} = step(p_i, g_i)} of {@link Sgd},
 *       {@link Adam} or {@link RmsProp}, outputs {@code p1..p3}.</li>
 * </ul>
 */
public final class NnFixtureOps implements FixtureOpProvider {
    /** For the ServiceLoader. */
    public NnFixtureOps() {
    }

    @Override
    public void register(FixtureOps ops) {
        ops.register("batch_norm1d", NnFixtureOps::batchNorm);
        ops.register("batch_norm2d", NnFixtureOps::batchNorm);
        ops.register("optimizer", NnFixtureOps::optimizer);
    }

    /** @return a registry with this module's runners alone */
    static FixtureOps own() {
        FixtureOps ops = FixtureOps.empty();
        new NnFixtureOps().register(ops);
        return ops;
    }

    private static Map<String, Variable> batchNorm(FixtureCase c, Map<String, Variable> in) {
        Variable x = in.get("x");
        boolean training = Boolean.TRUE.equals(c.param("training"));
        Tensor runningMean = floats(c, "running_mean_in");
        Tensor runningVar = floats(c, "running_var_in");
        double momentum = training ? ((Number) c.param("momentum")).doubleValue() : 0.1;
        int[] dims = x.rank() == 2 ? new int[] {0} : x.rank() == 3 ? new int[] {0, 2} : new int[] {0, 2, 3};
        Variable out = BatchNorm.functional(x, runningMean, runningVar, in.get("g"), in.get("b"), training, momentum,
                ((Number) c.param("eps")).doubleValue(), dims);
        Map<String, Variable> outs = new LinkedHashMap<>();
        outs.put("out", out);
        outs.put("running_mean", Variable.of(runningMean));
        outs.put("running_var", Variable.of(runningVar));
        return outs;
    }

    private static Tensor floats(FixtureCase c, String key) {
        List<?> l = (List<?>) c.param(key);
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ((Number) l.get(i)).floatValue();
        }
        return Tensor.wrap(f, f.length);
    }

    private static Map<String, Variable> optimizer(FixtureCase c, Map<String, Variable> in) {
        Variable p = Variable.parameter(in.get("p0").value().copy());
        float lr = c.floatParam("lr");
        Optimizer opt = switch ((String) c.param("optimizer")) {
            case "sgd" -> new Sgd(List.of(p), new Sgd.Config(lr, number(c, "momentum", 0), number(c, "dampening", 0),
                    Boolean.TRUE.equals(c.params().get("nesterov")), number(c, "weight_decay", 0)));
            case "adam" -> new Adam(List.of(p), new Adam.Config(lr, number(c, "beta1", 0.9), number(c, "beta2", 0.999),
                    number(c, "eps", 1e-8), number(c, "weight_decay", 0)));
            case "rmsprop" -> new RmsProp(List.of(p), new RmsProp.Config(lr, number(c, "alpha", 0.99), number(c, "eps", 1e-8),
                    number(c, "momentum", 0), Boolean.TRUE.equals(c.params().get("centered")), number(c, "weight_decay", 0)));
            default -> throw new IllegalArgumentException(c.name() + ": unknown optimizer " + c.param("optimizer"));
        };
        Map<String, Variable> outs = new LinkedHashMap<>();
        for (int i = 0; c.tensors().containsKey("g" + i); i++) {
            p.setGrad(c.tensor("g" + i).copy());
            opt.step();
            outs.put("p" + (i + 1), Variable.of(p.value().copy()));
        }
        return outs;
    }

    private static double number(FixtureCase c, String key, double fallback) {
        Object v = c.params().get(key);
        return v == null ? fallback : ((Number) v).doubleValue();
    }
}
