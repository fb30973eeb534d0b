package io.jgan.cli.report;

import java.util.Map;

/**
 * TensorBoard tags and chart groups of the numbers a run logs: {@code loss/d_loss}, {@code D/d_real},
 * {@code eval/fid}, ... The group (before the slash) is TensorBoard's section and the report's chart.
 */
public final class Tags {
    private static final Map<String, String> GROUP = Map.ofEntries(
            Map.entry("d_loss", "loss"), Map.entry("g_loss", "loss"), Map.entry("penalty", "loss"),
            Map.entry("w_estimate", "estimate"), Map.entry("f_bound", "estimate"), Map.entry("value_estimate", "estimate"),
            Map.entry("d_real", "D"), Map.entry("d_fake", "D"),
            Map.entry("grad_norm_g", "grad_norm"), Map.entry("grad_norm_d", "grad_norm"),
            Map.entry("lr_g", "lr"), Map.entry("lr_d", "lr"),
            Map.entry("sec_per_step", "time"), Map.entry("critic_steps", "schedule"));

    private Tags() {}

    /**
     * @param line one parsed line of metrics.jsonl or eval.jsonl
     * @param key one of its keys
     * @param eval whether the line comes from eval.jsonl
     * @return the tag of that value
     */
    public static String of(Map<String, Object> line, String key, boolean eval) {
        if (eval) {
            return "eval/" + key;
        }
        Object event = line.get("event");
        if ("mode_coverage".equals(event)) {
            return "coverage/" + key;
        }
        if (event != null) {
            return "event/" + key; // e.g. the non-finite guard's lines: how many in a row
        }
        return GROUP.getOrDefault(key, "metrics") + "/" + key;
    }

    /**
     * @param value a JSON value of a metrics line
     * @return its number, with the strings MetricsLog writes for non-finite values read back; null if not a number
     */
    public static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            return switch (s) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> null;
            };
        }
        return null;
    }

    /**
     * @param line a parsed line
     * @return its step, or -1 without one
     */
    public static long step(Map<String, Object> line) {
        return line.get("step") instanceof Number n ? n.longValue() : -1;
    }
}
