package io.jgan.train.spec;

import io.jgan.losses.FDivergence;
import io.jgan.models.CriticNorm;
import io.jgan.models.DataShape;
import io.jgan.models.ModelKind;
import io.jgan.tensor.io.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of a {@link RunSpec}: a run's {@code config.json} and the {@code config} entry of
 * its checkpoints. One object per part, keyed as the records' components, with
 * {@code "format": "jgan-run-2"}. Reading is strict (unknown keys and inexact numbers are refused,
 * see {@link JsonFields}); a missing part takes the builder's defaults, except the data. Files
 * without the format key are the flat configuration of earlier versions and are read by
 * {@link LegacyConfig}, so their runs resume bit-identically.
 */
public final class RunSpecJson {
    /** The format tag this version writes. */
    public static final String FORMAT = "jgan-run-2";
    private static final Set<String> TOP = Set.of("format", "recipe", "seed", "model", "data", "objective", "optimizerG", "optimizerD",
            "schedule", "tricks", "outputs");

    private RunSpecJson() {}

    /** @param s the spec @return its JSON text */
    public static String write(RunSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("recipe", s.recipe());
        m.put("seed", s.seed());
        m.put("model", model(s));
        m.put("data", data(s));
        m.put("objective", objective(s.objective()));
        m.put("optimizerG", optimizer(s.optimizerG()));
        m.put("optimizerD", optimizer(s.optimizerD()));
        m.put("schedule", schedule(s.schedule()));
        m.put("tricks", tricks(s.tricks()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sampleEvery", s.outputs().sampleEvery());
        out.put("checkpointEvery", s.outputs().checkpointEvery());
        out.put("logEvery", s.outputs().logEvery());
        m.put("outputs", out);
        return Json.write(m);
    }

    private static Map<String, Object> model(RunSpec s) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("kind", s.model().kind().cliName());
        model.put("latent", s.model().latent());
        model.put("criticNorm", s.model().criticNorm() == null ? null : s.model().criticNorm().cliName());
        model.put("dropoutG", s.model().dropoutG());
        model.put("init", s.model().init().cliName());
        return model;
    }

    private static Map<String, Object> data(RunSpec s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", s.data().name());
        data.put("dir", s.data().dir());
        List<Object> shape = new ArrayList<>();
        for (int d : s.shape().sample()) {
            shape.add(d);
        }
        data.put("shape", shape);
        data.put("classes", s.shape().classes());
        return data;
    }

    private static Map<String, Object> objective(ObjectiveSpec o) {
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("loss", o.loss());
        List<Object> pens = new ArrayList<>();
        for (PenaltySpec p : o.penalties()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("kind", p.kind().cliName());
            one.put("weight", p.weight());
            pens.add(one);
        }
        obj.put("penalties", pens);
        obj.put("labelSmoothing", o.labelSmoothing());
        obj.put("labelFlip", o.labelFlip());
        if (o.generatorForm() != null) {
            obj.put("generatorForm", o.generatorForm().cliName());
        }
        return obj;
    }

    private static Map<String, Object> schedule(ScheduleSpec sc) {
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("steps", sc.steps());
        schedule.put("epochs", sc.epochs());
        schedule.put("timeLimitSeconds", sc.timeLimitSeconds());
        schedule.put("batchSize", sc.batchSize());
        schedule.put("microBatches", sc.microBatches());
        schedule.put("nCritic", sc.nCritic());
        schedule.put("updates", sc.updates().cliName());
        return schedule;
    }

    private static Map<String, Object> tricks(Tricks t) {
        Map<String, Object> tricks = new LinkedHashMap<>();
        tricks.put("clip", t.clip());
        tricks.put("instanceNoise", t.instanceNoise());
        tricks.put("instanceNoiseSteps", t.instanceNoiseSteps());
        tricks.put("emaDecay", t.emaDecay());
        tricks.put("emaWarmup", t.emaWarmup());
        tricks.put("nanRetries", t.nanRetries());
        tricks.put("nanHalveAfter", t.nanHalveAfter());
        return tricks;
    }

    private static Map<String, Object> optimizer(OptimizerSpec o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", o.kind().cliName());
        m.put("lr", o.lr());
        m.put("beta1", o.beta1());
        m.put("beta2", o.beta2());
        return m;
    }

    /**
     * @param json a {@code config.json}: this format, or the flat one of earlier versions
     * @return the spec
     * @throws IllegalArgumentException naming a bad key or value
     */
    public static RunSpec read(String json) {
        Object parsed = Json.parse(json);
        JsonFields f = new JsonFields("", parsed);
        if (!f.present("format")) {
            return LegacyConfig.read(f);
        }
        if (!FORMAT.equals(f.string("format"))) {
            throw new IllegalArgumentException("config format " + Json.write(f.raw("format")) + " is not one this version reads ("
                    + FORMAT + ")");
        }
        f.allow(TOP);
        if (!f.has("data")) {
            throw new IllegalArgumentException("config has no \"data\" object (name, shape, classes)");
        }
        RunSpecBuilder b = RunSpec.builder();
        String recipe = f.string("recipe");
        if (recipe != null) {
            b.loss(recipe);
        }
        Long seed = f.integer("seed");
        if (seed != null) {
            b.seed(seed);
        }
        readModel(f, b);
        readData(f.object("data"), b);
        String loss = readObjective(f, b);
        readOptimizer(f, "optimizerG", b, true);
        readOptimizer(f, "optimizerD", b, false);
        readSchedule(f, b);
        readTricks(f, b);
        readOutputs(f, b);
        RunSpec spec = b.build();
        if (loss != null && !loss.equals(spec.objective().loss())) {
            throw new IllegalArgumentException("config key \"objective.loss\" is " + loss + " but recipe " + spec.recipe() + " uses "
                    + spec.objective().loss());
        }
        return spec;
    }

    private static void readModel(JsonFields top, RunSpecBuilder b) {
        if (!top.has("model")) {
            return;
        }
        JsonFields f = top.object("model");
        f.allow(Set.of("kind", "latent", "criticNorm", "dropoutG", "init"));
        String kind = f.string("kind");
        if (kind != null) {
            b.model(ModelKind.parse(kind));
        }
        Integer latent = f.int32("latent");
        if (latent != null) {
            b.latent(latent);
        }
        if (f.present("criticNorm")) {
            String n = f.string("criticNorm");
            b.criticNorm(n == null ? null : CriticNorm.parse(n));
        }
        Double drop = f.number("dropoutG");
        if (drop != null) {
            b.dropoutG(drop);
        }
        // Absent in configs written before the choice existed: those models were initialised the DCGAN example's way.
        String init = f.string("init");
        b.init(init == null ? io.jgan.models.WeightInit.DCGAN : io.jgan.models.WeightInit.parse(init));
    }

    private static void readData(JsonFields f, RunSpecBuilder b) {
        f.allow(Set.of("name", "dir", "shape", "classes"));
        List<?> shape = f.list("shape");
        if (shape == null) {
            throw new IllegalArgumentException("config key \"data.shape\" is missing (e.g. [1, 28, 28] or [2])");
        }
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonFields one = new JsonFields("data", Map.of("shape", shape.get(i)));
            dims[i] = one.int32("shape");
        }
        Integer classes = f.int32("classes");
        String name = f.string("name");
        b.data(new DataSpec(name == null ? "data" : name, f.string("dir"), DataShape.of(dims, classes == null ? 0 : classes)));
    }

    private static String readObjective(JsonFields top, RunSpecBuilder b) {
        if (!top.has("objective")) {
            return null;
        }
        JsonFields f = top.object("objective");
        f.allow(Set.of("loss", "penalties", "labelSmoothing", "labelFlip", "generatorForm"));
        List<?> pens = f.list("penalties");
        if (pens != null) {
            List<PenaltySpec> list = new ArrayList<>();
            for (int i = 0; i < pens.size(); i++) {
                JsonFields p = new JsonFields("objective.penalties[" + i + "]", pens.get(i));
                p.allow(Set.of("kind", "weight"));
                PenaltyKind kind = PenaltyKind.parse(p.string("kind"));
                Double w = p.number("weight");
                list.add(new PenaltySpec(kind, w == null ? kind.defaultWeight() : w));
            }
            b.penalties(list);
        }
        Double ls = f.number("labelSmoothing");
        if (ls != null) {
            b.labelSmoothing(ls);
        }
        Double lf = f.number("labelFlip");
        if (lf != null) {
            b.labelFlip(lf);
        }
        String loss = f.string("loss");
        String form = f.string("generatorForm");
        if (form != null) {
            b.generatorForm(FDivergence.GeneratorForm.parse(form));
        } else if (loss != null && loss.startsWith("fgan:")) {
            b.generatorForm(FDivergence.GeneratorForm.SATURATING); // written before the key existed: the only form then
        }
        return loss;
    }

    private static void readOptimizer(JsonFields top, String key, RunSpecBuilder b, boolean generator) {
        if (!top.has(key)) {
            return;
        }
        JsonFields f = top.object(key);
        f.allow(Set.of("kind", "lr", "beta1", "beta2"));
        String kind = f.string("kind");
        if (kind != null) {
            OptimizerKind k = OptimizerKind.parse(kind);
            if (generator) {
                b.optimizerG(k);
            } else {
                b.optimizerD(k);
            }
        }
        Double lr = f.number("lr");
        if (lr != null) {
            if (generator) {
                b.lrG(lr);
            } else {
                b.lrD(lr);
            }
        }
        Double b1 = f.number("beta1");
        Double b2 = f.number("beta2");
        if (b1 != null || b2 != null) {
            OptimizerSpec rec = Recipe.byName("ns").optimizerG();
            double v1 = b1 != null ? b1 : rec.beta1();
            double v2 = b2 != null ? b2 : rec.beta2();
            if (generator) {
                b.betasG(v1, v2);
            } else {
                b.betasD(v1, v2);
            }
        }
    }

    private static void readSchedule(JsonFields top, RunSpecBuilder b) {
        if (!top.has("schedule")) {
            return;
        }
        JsonFields f = top.object("schedule");
        f.allow(Set.of("steps", "epochs", "timeLimitSeconds", "batchSize", "microBatches", "nCritic", "updates"));
        Long steps = f.integer("steps");
        Integer epochs = f.int32("epochs");
        if (epochs != null && epochs > 0) {
            b.epochs(epochs);
        }
        if (steps != null && (steps > 0 || epochs == null || epochs == 0)) {
            b.steps(steps);
        }
        Long tl = f.integer("timeLimitSeconds");
        if (tl != null) {
            b.timeLimitSeconds(tl);
        }
        Integer bs = f.int32("batchSize");
        if (bs != null) {
            b.batchSize(bs);
        }
        Integer mb = f.int32("microBatches");
        if (mb != null) {
            b.microBatches(mb);
        }
        Integer nc = f.int32("nCritic");
        if (nc != null) {
            b.nCritic(nc);
        }
        String u = f.string("updates");
        if (u != null) {
            b.updates(UpdateSchedule.parse(u));
        }
    }

    private static void readTricks(JsonFields top, RunSpecBuilder b) {
        if (!top.has("tricks")) {
            return;
        }
        JsonFields f = top.object("tricks");
        f.allow(Set.of("clip", "instanceNoise", "instanceNoiseSteps", "emaDecay", "emaWarmup", "nanRetries", "nanHalveAfter"));
        Double clip = f.number("clip");
        if (clip != null) {
            b.clip(clip);
        }
        Double noise = f.number("instanceNoise");
        if (noise != null) {
            b.instanceNoise(noise);
        }
        Long noiseSteps = f.integer("instanceNoiseSteps");
        if (noiseSteps != null) {
            b.instanceNoiseSteps(noiseSteps);
        }
        Double ema = f.number("emaDecay");
        if (ema != null) {
            b.emaDecay(ema);
        }
        // Absent in the configs written before the warm-up existed: those EMAs ran without it.
        Boolean warmup = f.bool("emaWarmup");
        b.emaWarmup(warmup != null && warmup);
        Integer retries = f.int32("nanRetries");
        if (retries != null) {
            b.nanRetries(retries);
        }
        Integer halve = f.int32("nanHalveAfter");
        if (halve != null) {
            b.nanHalveAfter(halve);
        }
    }

    private static void readOutputs(JsonFields top, RunSpecBuilder b) {
        if (!top.has("outputs")) {
            return;
        }
        JsonFields f = top.object("outputs");
        f.allow(Set.of("sampleEvery", "checkpointEvery", "logEvery"));
        Integer s = f.int32("sampleEvery");
        if (s != null) {
            b.sampleEvery(s);
        }
        Integer c = f.int32("checkpointEvery");
        if (c != null) {
            b.checkpointEvery(c);
        }
        Integer l = f.int32("logEvery");
        if (l != null) {
            b.logEvery(l);
        }
    }
}
