package io.jgan.cli.report;

import io.jgan.tensor.io.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a report shows of one run directory: its configuration, the lines of {@code metrics.jsonl} and
 * {@code eval.jsonl}, and the sample grids {@code samples/step-NNNNNN.png} by step. Read from the files
 * by {@link #load}, or grown line by line while the run trains.
 */
public final class RunData {
    /** The metrics file of a run directory. */
    public static final String METRICS = "metrics.jsonl";
    /** The periodic-evaluation file of a run directory. */
    public static final String EVAL = "eval.jsonl";
    private static final Pattern GRID = Pattern.compile("step-(\\d+)\\.png");

    private final Path dir;
    private final Map<String, Object> config;
    /** Only the numbers are kept, by tag, not the parsed lines: a long run logged every step stays small in memory. */
    private final Map<String, Series> series = new LinkedHashMap<>();
    private long lastLogged = -1;
    private final TreeMap<Long, Path> grids = new TreeMap<>();

    private RunData(Path dir, Map<String, Object> config) {
        this.dir = dir;
        this.config = config;
    }

    /**
     * Reads a run directory's files, up to a step.
     *
     * @param dir the run directory
     * @param upTo the last step to keep (Long.MAX_VALUE: all)
     * @return the data
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException if the directory holds no run
     */
    public static RunData load(Path dir, long upTo) throws IOException {
        if (!Files.isDirectory(dir) || !Files.exists(dir.resolve("config.json")) && !Files.exists(dir.resolve(METRICS))) {
            throw new IllegalArgumentException(dir + " is not a run directory (no config.json or " + METRICS + ")");
        }
        RunData d = new RunData(dir, readConfig(dir.resolve("config.json")));
        d.readLines(dir.resolve(METRICS), upTo, false);
        d.readLines(dir.resolve(EVAL), upTo, true);
        Path samples = dir.resolve("samples");
        if (Files.isDirectory(samples)) {
            try (Stream<Path> s = Files.list(samples)) {
                s.forEach(p -> {
                    Matcher m = GRID.matcher(p.getFileName().toString());
                    if (m.matches() && Long.parseLong(m.group(1)) <= upTo) {
                        d.grids.put(Long.parseLong(m.group(1)), p);
                    }
                });
            }
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readConfig(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            return Json.parse(Files.readString(file, StandardCharsets.UTF_8)) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage());
        }
    }

    private void readLines(Path file, long upTo, boolean eval) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            add(lines.map(JsonlFollower::parse).filter(m -> m != null && Tags.step(m) <= upTo).toList(), eval);
        }
    }

    /** @return the run directory */
    public Path dir() {
        return dir;
    }

    /** @return the run's name: its directory's name */
    public String name() {
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return n == null ? dir.toString() : n.toString();
    }

    /** @return config.json's values (empty if it has none) */
    public Map<String, Object> config() {
        return config;
    }

    /**
     * @return config.json's values with nested objects flattened to dotted keys ({@code objective.loss}) and
     *     arrays as JSON text, in file order: one table row per setting however the file nests them
     */
    public Map<String, Object> flatConfig() {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", config, out);
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> m, Map<String, Object> out) {
        m.forEach((k, v) -> {
            String key = prefix + k;
            if (v instanceof Map<?, ?> inner && !inner.isEmpty()) {
                flatten(key + ".", inner, out);
            } else {
                out.put(key, v instanceof Map<?, ?> || v instanceof List<?> ? Json.write(v) : v);
            }
        });
    }

    /**
     * Finds a setting however config.json nests it: the flat file of earlier versions ({@code model},
     * {@code dataset}) and the run specification ({@code model.kind}, {@code data.name}) alike.
     *
     * @param names the dotted keys to try, in order; then any key ending in "." + the first
     * @return the value, or null if none is there
     */
    public Object setting(String... names) {
        Map<String, Object> flat = flatConfig();
        for (String key : names) {
            if (flat.containsKey(key)) {
                return flat.get(key);
            }
        }
        return flat.entrySet().stream().filter(e -> e.getKey().endsWith("." + names[0])).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** @return the model's name (dcgan, toy, ...), or null */
    public Object model() {
        return setting("model", "model.kind", "model.name");
    }

    /** @return the dataset's name (mnist, ring8, ...), or null */
    public Object dataset() {
        return setting("dataset", "data.name", "data.dataset");
    }

    /** @return the sample grids by step */
    public TreeMap<Long, Path> grids() {
        return grids;
    }

    /**
     * Takes in lines of metrics.jsonl or eval.jsonl: every numeric value joins the series of its tag.
     *
     * @param lines parsed lines in file order
     * @param eval whether they come from eval.jsonl
     */
    void add(List<Map<String, Object>> lines, boolean eval) {
        for (Map<String, Object> line : lines) {
            long step = Tags.step(line);
            if (step < 0) {
                continue;
            }
            if (!eval) {
                lastLogged = Math.max(lastLogged, step);
            }
            for (Map.Entry<String, Object> e : line.entrySet()) {
                Double v = e.getKey().equals("step") ? null : Tags.number(e.getValue());
                if (v != null) {
                    series.computeIfAbsent(Tags.of(line, e.getKey(), eval), k -> new Series()).add(step, v);
                }
            }
        }
    }

    /** @return the latest step logged or drawn, 0 before any */
    public long lastStep() {
        return Math.max(0, Math.max(lastLogged, grids.isEmpty() ? 0 : grids.lastKey()));
    }

    void addGrid(long step, Path file) {
        grids.put(step, file);
    }

    /** @return whether the run's samples are 2-D points (scatter plots) rather than images */
    public boolean twoD() {
        return "toy".equals(model()) || java.util.Set.of("ring8", "grid25", "swissroll").contains(dataset());
    }

    /**
     * Every numeric value logged, as series by tag in the order first seen ({@code loss/d_loss} ...).
     *
     * @return x (steps) and y (values; NaN for non-finite) by tag
     */
    public Map<String, Series> series() {
        return java.util.Collections.unmodifiableMap(series);
    }

    /** One logged number over the steps. */
    public static final class Series {
        private double[] x = new double[16];
        private double[] y = new double[16];
        private int n;

        /** A step at or before the last one starts again there (a run resumed after a crash): later lines win, as in TensorBoard. */
        void add(double step, double value) {
            while (n > 0 && x[n - 1] >= step) {
                n--;
            }
            if (n == x.length) {
                x = java.util.Arrays.copyOf(x, 2 * n);
                y = java.util.Arrays.copyOf(y, 2 * n);
            }
            x[n] = step;
            y[n++] = value;
        }

        /** @return how many points */
        public int size() {
            return n;
        }

        /** @param i index @return the step of point i */
        public double x(int i) {
            return x[i];
        }

        /** @param i index @return the value of point i */
        public double y(int i) {
            return y[i];
        }
    }
}
