package io.jgan.train;

import io.jgan.tensor.io.Json;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Appends one JSON object per line ({@code metrics.jsonl}); each line is flushed, so a crash loses
 * at most the line being written and other tools can follow the file while training runs.
 * Non-finite numbers are written as strings ("NaN", "Infinity"), which JSON cannot hold as numbers.
 */
public final class MetricsLog implements Closeable {
    private final BufferedWriter out;

    /**
     * @param file the .jsonl file (appended to, so a resumed run continues it)
     * @throws IOException if it cannot be opened
     */
    public MetricsLog(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * @param record the values of one line
     * @throws IOException if writing fails
     */
    public synchronized void write(Map<String, Object> record) throws IOException {
        Map<String, Object> safe = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> e : record.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Double d && !Double.isFinite(d)) {
                v = d.toString();
            } else if (v instanceof Float f && !Float.isFinite(f)) {
                v = f.toString();
            }
            safe.put(e.getKey(), v);
        }
        out.write(Json.write(safe));
        out.write('\n');
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
