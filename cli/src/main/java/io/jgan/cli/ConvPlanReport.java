package io.jgan.cli;

import io.jgan.autograd.GradMode;
import io.jgan.autograd.Variable;
import io.jgan.models.DataShape;
import io.jgan.models.ModelKind;
import io.jgan.models.ModelSpec;
import io.jgan.models.Models;
import io.jgan.nn.Conv2d;
import io.jgan.nn.ConvTranspose2d;
import io.jgan.nn.Module;
import io.jgan.tensor.ConvPlan;
import io.jgan.tensor.ConvTrace;
import io.jgan.tensor.Linalg;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Shape;
import io.jgan.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code jgan info --model NAME}: the algorithm the convolution planner chooses for each convolution
 * of a model, per pass, at a dataset's image shape and a batch size. The shapes come from running the
 * generator and the critic forward on one input under a {@link ConvTrace}, so they are the ones training
 * sees; each traced call is matched, in order, to the model's {@code Conv2d} and {@code ConvTranspose2d}
 * modules to name it, and planned again for the batch.
 */
final class ConvPlanReport {
    /**
     * One convolution of the model.
     *
     * @param layer "G." or "D." and the module's dotted name, or "G#i" when the trace cannot be matched
     * @param plan its geometry and algorithms
     */
    record Row(String layer, ConvPlan plan) {}

    private ConvPlanReport() {}

    /**
     * @param dataset mnist, fashion-mnist, cifar10, cifar100, folder, ring8, grid25 or swissroll
     * @param imageSize --image-size: required for folder (read as RGB), refused where it differs from the data's
     * @return {channels, image side}, or {0, 0} for the 2-D point sets
     */
    static int[] dataShape(String dataset, Integer imageSize) {
        int[] cs = switch (dataset) {
            case "mnist", "fashion-mnist" -> new int[] {1, 28};
            case "cifar10", "cifar100" -> new int[] {3, 32};
            case "ring8", "grid25", "swissroll" -> new int[] {0, 0};
            case "folder" -> {
                if (imageSize == null || imageSize < 1) {
                    throw new UserError("--dataset folder needs --image-size N (N >= 1) for info --model");
                }
                yield new int[] {3, imageSize};
            }
            default -> throw new UserError("unknown --dataset " + dataset + " for info --model"
                    + " (mnist, fashion-mnist, cifar10, cifar100, folder, ring8, grid25, swissroll)");
        };
        if (imageSize != null && imageSize != cs[1]) {
            throw new UserError("--image-size " + imageSize + " does not fit " + dataset
                    + (cs[1] > 0 ? ", whose images are " + cs[1] + "x" + cs[1] : ", which is 2-D") + " (only --dataset folder resizes)");
        }
        return cs;
    }

    /**
     * Builds G and D as {@code jgan train --model model --dataset dataset} would: the one place that
     * knows how a model is made (adapt it when the run specification changes).
     *
     * @param cs {channels, image side} of the data ({0, 0} for 2-D points)
     */
    static Models.Pair build(String model, String dataset, int[] cs) {
        DataShape shape = cs[0] > 0 ? DataShape.image(cs[0], cs[1], 10) : DataShape.points(2);
        try {
            ModelSpec spec = ModelSpec.defaults(ModelKind.parse(model), false);
            return Models.create(spec, shape, new Rng(42).split("init"));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + " (--dataset " + dataset + ")");
        }
    }

    /**
     * @param pair the model
     * @param channels image channels (0 for 2-D points)
     * @param size image side
     * @param batch the batch size
     * @return one row per convolution, the generator's first
     */
    static List<Row> rows(Models.Pair pair, int channels, int size, int batch) {
        // one image in eval mode gives every layer's shape cheaply; the plans are then made for the real batch
        pair.generator().eval();
        pair.critic().eval();
        int[] labels = new int[1]; // class 0: conditional models need labels, the shapes do not depend on them
        List<Row> out = new ArrayList<>();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            List<ConvPlan> g;
            try (ConvTrace t = ConvTrace.start()) {
                pair.generator().generate(Variable.of(Tensor.zeros(1, pair.generator().latentDim())), labels);
                g = t.plans();
            }
            out.addAll(named("G", pair.generator(), g, batch));
            Tensor x = channels > 0 ? Tensor.zeros(1, channels, size, size) : Tensor.zeros(1, 2);
            List<ConvPlan> d;
            try (ConvTrace t = ConvTrace.start()) {
                pair.critic().score(Variable.of(x), labels);
                d = t.plans();
            }
            out.addAll(named("D", pair.critic(), d, batch));
        }
        return out;
    }

    /** @return the plan of the same layer for a batch of {@code n} (the algorithm can depend on it) */
    private static ConvPlan forBatch(ConvPlan p, int n) {
        Shape in = p.input();
        Shape x = Shape.of(n, in.dim(1), in.dim(2), in.dim(3));
        if (p.op().equals("conv2d")) {
            return Linalg.planConv2d(x, p.weight(), p.stride(), p.padding());
        }
        // the output padding is what the output has beyond (h - 1) s - 2 p + k
        int outputPadding = p.output().dim(2) - ((in.dim(2) - 1) * p.stride() - 2 * p.padding() + p.weight().dim(2));
        return Linalg.planConvTranspose2d(x, p.weight(), p.stride(), p.padding(), outputPadding);
    }

    /** Pairs the traced plans with the network's convolution modules, in order; numbers them if they do not match. */
    private static List<Row> named(String net, Module root, List<ConvPlan> plans, int batch) {
        List<String> names = new ArrayList<>();
        List<Module> convs = new ArrayList<>();
        collect("", root, names, convs);
        boolean match = convs.size() == plans.size();
        for (int i = 0; match && i < plans.size(); i++) {
            match = matches(convs.get(i), plans.get(i));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            rows.add(new Row(match ? net + "." + names.get(i) : net + "#" + i, forBatch(plans.get(i), batch)));
        }
        return rows;
    }

    private static void collect(String prefix, Module m, List<String> names, List<Module> convs) {
        if (m instanceof Conv2d || m instanceof ConvTranspose2d) {
            names.add(prefix);
            convs.add(m);
        }
        for (Map.Entry<String, Module> c : m.children().entrySet()) {
            collect(prefix.isEmpty() ? c.getKey() : prefix + "." + c.getKey(), c.getValue(), names, convs);
        }
    }

    private static boolean matches(Module m, ConvPlan p) {
        if (m instanceof Conv2d c) {
            return p.op().equals("conv2d") && p.weight().equals(c.weight().value().shape())
                    && p.stride() == c.config().stride() && p.padding() == c.config().padding();
        }
        ConvTranspose2d t = (ConvTranspose2d) m;
        return p.op().equals("convTranspose2d") && p.weight().equals(t.weight().value().shape())
                && p.stride() == t.config().stride() && p.padding() == t.config().padding();
    }

    /**
     * @param model --model
     * @param dataset --dataset, or null for the model's default data (mnist; ring8 for toy)
     * @param imageSize --image-size, or null
     * @param batch --batch-size
     * @return the lines to print: a heading, then a table with one row per convolution
     */
    static List<String> lines(String model, String dataset, Integer imageSize, int batch) {
        if (batch < 1) {
            throw new UserError("--batch-size must be >= 1, got " + batch);
        }
        String data = dataset != null ? dataset : model.equals("toy") ? "ring8" : "mnist";
        int[] cs = dataShape(data, imageSize);
        List<Row> rows = rows(build(model, data, cs), cs[0], cs[1], batch);
        String shape = cs[0] > 0 ? cs[0] + "x" + cs[1] + "x" + cs[1] : "2-D points";
        List<String> out = new ArrayList<>();
        out.add("");
        out.add("convolutions of --model " + model + " on " + data + " (" + shape + "), batch " + batch + ", "
                + Linalg.current().name() + " kernels:");
        if (rows.isEmpty()) {
            out.add("  (none: this model has no convolutions)");
            return out;
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"layer", "op", "input * weight -> output", "forward", "input-grad", "weight-grad"});
        for (Row r : rows) {
            ConvPlan p = r.plan();
            table.add(new String[] {r.layer(), p.op(), p.geometry(), p.forward(), p.inputGrad(), p.weightGrad()});
        }
        out.addAll(format(table));
        out.add("  algorithms, in the order the planner tries them:");
        for (String a : ConvPlan.algorithms()) {
            out.add("    " + a);
        }
        return out;
    }

    /** @return the rows with each column padded to its widest cell, two spaces apart */
    private static List<String> format(List<String[]> table) {
        int[] width = new int[table.get(0).length];
        for (String[] row : table) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] row : table) {
            StringBuilder b = new StringBuilder(" ");
            for (int c = 0; c < row.length; c++) {
                b.append(' ').append(c == row.length - 1 ? row[c] : String.format("%-" + width[c] + "s ", row[c]));
            }
            out.add(b.toString());
        }
        return out;
    }
}
