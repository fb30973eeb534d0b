package io.jgan.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which charts a page draws and their data as JSON: one chart per group of related numbers for a run
 * (losses together, D(x) with D(G(z)), both gradient norms, both learning rates), one per number for
 * the rest; for several runs, one chart per number with a line per run.
 */
final class Charts {
    /** Points per line at most: the page stays small and fast on a long run; TensorBoard samples 1,000. */
    static final int MAX_POINTS = 4000;
    private static final List<String> GROUPED = List.of("loss", "D", "estimate", "grad_norm", "lr");
    private static final List<String> ORDER = List.of("loss", "D", "estimate", "grad_norm", "lr", "eval", "coverage", "event", "metrics",
            "time", "schedule");
    private static final Map<String, String> TITLES = Map.ofEntries(Map.entry("loss", "Losses"),
            Map.entry("D", "Discriminator outputs: D(x) and D(G(z))"), Map.entry("grad_norm", "Gradient norms"),
            Map.entry("lr", "Learning rates"), Map.entry("time/sec_per_step", "Seconds per step"),
            Map.entry("schedule/critic_steps", "Critic steps per generator step"), Map.entry("eval/fid", "FID (lower is better)"),
            Map.entry("eval/kid_mean", "KID, mean over subsets (lower is better)"), Map.entry("eval/kid_std", "KID, standard deviation"),
            Map.entry("eval/is_mean", "Inception score (higher is better)"), Map.entry("eval/is_std", "Inception score, standard deviation"),
            Map.entry("eval/pr", "Precision and recall"), Map.entry("eval/class_entropy", "Entropy of the predicted classes"),
            Map.entry("coverage/modes_covered", "Modes covered"), Map.entry("coverage/high_quality", "High-quality samples (fraction)"),
            Map.entry("coverage/kl_uniform", "KL of the mode histogram from uniform"));
    /** Numbers TensorBoard gets but a chart would only show as a flat line: how many samples an evaluation drew, how many modes exist. */
    private static final java.util.Set<String> FLAT = java.util.Set.of("eval/samples", "coverage/modes");
    private static final Map<String, String> NAMES = Map.of("d_real", "D(x)", "d_fake", "D(G(z))", "w_estimate",
            "Wasserstein estimate", "f_bound", "f-divergence lower bound", "value_estimate", "value-function estimate");

    private Charts() {}

    /** One line: a name, a colour index (-1: by position) and the points. */
    record Line(String name, int colour, RunData.Series series) {}

    /** One chart: an id (its tag or group), a title and its lines. */
    record Chart(String id, String title, List<Line> lines) {}

    static List<Chart> forRun(RunData run) {
        Map<String, Chart> charts = new LinkedHashMap<>();
        run.series().forEach((tag, s) -> {
            if (FLAT.contains(tag)) {
                return;
            }
            String group = group(tag);
            String key = tag.substring(tag.indexOf('/') + 1);
            String id = GROUPED.contains(group) ? group : tag.equals("eval/precision") || tag.equals("eval/recall") ? "eval/pr" : tag;
            String title = group.equals("estimate") ? capitalised(NAMES.getOrDefault(key, key)) : TITLES.getOrDefault(id, tag);
            charts.computeIfAbsent(id, k -> new Chart(id, title, new ArrayList<>())).lines()
                    .add(new Line(group.equals("D") ? NAMES.getOrDefault(key, key) : key, -1, s));
        });
        return sorted(charts);
    }

    static List<Chart> forRuns(List<RunData> runs) {
        Map<String, Chart> charts = new LinkedHashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            RunData run = runs.get(r);
            int colour = r;
            run.series().forEach((tag, s) -> {
                if (FLAT.contains(tag)) {
                    return;
                }
                String key = tag.substring(tag.indexOf('/') + 1);
                String title = NAMES.containsKey(key) ? NAMES.get(key) + " (" + key + ")" : TITLES.getOrDefault(tag, tag);
                charts.computeIfAbsent(tag, k -> new Chart(tag, title, new ArrayList<>())).lines().add(new Line(run.name(), colour, s));
            });
        }
        return sorted(charts);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static List<Chart> sorted(Map<String, Chart> charts) {
        List<Chart> out = new ArrayList<>(charts.values());
        out.sort(java.util.Comparator.comparingInt((Chart c) -> rank(group(c.id()))));
        return out;
    }

    private static int rank(String group) {
        int i = ORDER.indexOf(group);
        return i < 0 ? ORDER.size() : i;
    }

    private static String group(String tagOrGroup) {
        int slash = tagOrGroup.indexOf('/');
        return slash < 0 ? tagOrGroup : tagOrGroup.substring(0, slash);
    }

    /** Writes {@code [{id, title, series: [{name, c?, x: [...], y: [...]}]}]}, thinned to MAX_POINTS a line. */
    static void json(List<Chart> charts, StringBuilder b) {
        b.append('[');
        for (int c = 0; c < charts.size(); c++) {
            Chart chart = charts.get(c);
            b.append(c > 0 ? "," : "").append("{\"id\":");
            string(b, chart.id());
            b.append(",\"title\":");
            string(b, chart.title());
            b.append(",\"series\":[");
            for (int l = 0; l < chart.lines().size(); l++) {
                Line line = chart.lines().get(l);
                b.append(l > 0 ? "," : "").append("{\"name\":");
                string(b, line.name());
                if (line.colour() >= 0) {
                    b.append(",\"c\":").append(line.colour());
                }
                RunData.Series s = line.series();
                int stride = Math.max(1, (s.size() + MAX_POINTS - 1) / MAX_POINTS);
                StringBuilder x = new StringBuilder();
                StringBuilder y = new StringBuilder();
                for (int i = 0; i < s.size(); i += stride) {
                    point(s, i, x, y);
                }
                if (s.size() > 0 && (s.size() - 1) % stride != 0) {
                    point(s, s.size() - 1, x, y); // the latest value is always drawn
                }
                b.append(",\"x\":[").append(x);
                b.append("],\"y\":[").append(y).append("]}");
            }
            b.append("]}");
        }
        b.append(']');
    }

    private static void point(RunData.Series s, int i, StringBuilder x, StringBuilder y) {
        x.append(x.isEmpty() ? "" : ",").append((long) s.x(i));
        y.append(y.isEmpty() ? "" : ",").append(Double.isFinite(s.y(i)) ? Double.toString(s.y(i)) : "null");
    }

    static void string(StringBuilder b, String s) {
        b.append(io.jgan.tensor.io.Json.write(s));
    }
}
