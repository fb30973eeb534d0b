package io.jgan.cli.train;

import io.jgan.tensor.io.Json;
import io.jgan.train.spec.RunSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The fields in which two run specifications differ, by dotted name, ignoring the length and output cadence. */
final class SpecDiff {
    private static final Set<String> RESUMABLE = Set.of("schedule.steps", "schedule.epochs", "schedule.timeLimitSeconds",
            "outputs.sampleEvery", "outputs.checkpointEvery", "outputs.logEvery");

    private SpecDiff() {}

    static List<String> between(RunSpec a, RunSpec b) {
        List<String> out = new ArrayList<>();
        diff("", Json.parse(a.toJson()), Json.parse(b.toJson()), out);
        out.removeAll(RESUMABLE);
        return out;
    }

    private static void diff(String path, Object a, Object b, List<String> out) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            for (Object k : ma.keySet()) {
                diff(path.isEmpty() ? String.valueOf(k) : path + "." + k, ma.get(k), mb.get(k), out);
            }
        } else if (!Objects.equals(a, b)) {
            out.add(path);
        }
    }
}
