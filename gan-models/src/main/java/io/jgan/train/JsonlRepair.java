package io.jgan.train;

import io.jgan.tensor.io.DurableFiles;
import io.jgan.tensor.io.Json;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Brings a run's JSON-lines log ({@code metrics.jsonl}, {@code eval.jsonl}) back to the state of the
 * checkpoint a run resumes from, so that the resumed run's lines follow without gaps or repeats:
 * lines of steps after the checkpoint (written before a crash, and about to be written again) go,
 * a torn line (the disk filled, the process died mid-write) goes, and of lines repeated for the
 * same step and kind by an earlier resume only the latest stays. Two streaming passes: memory holds
 * two numbers a line, never the file.
 */
public final class JsonlRepair {
    /** Longest line read; anything longer is not a line jgan wrote. */
    static final int MAX_LINE = 1 << 20;

    /**
     * What a repair removed.
     *
     * @param file the log
     * @param afterCheckpoint lines of steps after the checkpoint
     * @param torn lines that were not whole JSON objects
     * @param repeated lines superseded by a later line of the same step and kind
     */
    public record Result(Path file, int afterCheckpoint, int torn, int repeated) {
        /** @return true when the file was rewritten */
        public boolean changed() {
            return afterCheckpoint + torn + repeated > 0;
        }

        /** @return a one-line notice for the user, naming the file */
        public String notice(long step) {
            List<String> parts = new ArrayList<>();
            if (afterCheckpoint > 0) {
                parts.add(afterCheckpoint + " line(s) after the checkpoint's step " + step);
            }
            if (torn > 0) {
                parts.add(torn + " torn line(s)");
            }
            if (repeated > 0) {
                parts.add(repeated + " repeated line(s)");
            }
            return file + ": removed " + String.join(", ", parts) + " (the resumed run writes its own)";
        }
    }

    private JsonlRepair() {}

    /**
     * @param file the log (nothing happens if it does not exist)
     * @param step the checkpoint's step: lines of later steps are removed
     * @return what was removed; the file is rewritten atomically only if something was
     * @throws IOException if the file cannot be read or rewritten
     */
    public static Result truncate(Path file, long step) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new Result(file, 0, 0, 0);
        }
        // Pass 1: each line's step and kind (-1: no step, -2: torn).
        long[] steps = new long[1024];
        int[] kinds = new int[1024];
        Map<String, Integer> kindIds = new HashMap<>();
        int n = 0;
        boolean endsWithNewline = true;
        try (LineReader r = new LineReader(Files.newInputStream(file))) {
            byte[] line;
            while ((line = r.next()) != null) {
                if (n == steps.length) {
                    steps = java.util.Arrays.copyOf(steps, 2 * n);
                    kinds = java.util.Arrays.copyOf(kinds, 2 * n);
                }
                steps[n] = -2;
                kinds[n] = -1;
                if (line.length <= MAX_LINE) {
                    parseLine(line, steps, kinds, n, kindIds);
                }
                endsWithNewline = r.lastEndedWithNewline();
                n++;
            }
        }
        // Backwards: a line is superseded when a later line of its kind has a step <= its own.
        boolean[] keep = new boolean[n];
        Map<Integer, Long> minLater = new HashMap<>();
        int after = 0;
        int torn = 0;
        int repeated = 0;
        for (int i = n - 1; i >= 0; i--) {
            long s = steps[i];
            if (s == -2) {
                torn++;
            } else if (s == -1) {
                keep[i] = true;
            } else if (s > step) {
                after++;
            } else {
                Long later = minLater.get(kinds[i]);
                if (later != null && later <= s) {
                    repeated++;
                } else {
                    keep[i] = true;
                    minLater.put(kinds[i], s);
                }
            }
        }
        Result result = new Result(file, after, torn, repeated);
        if (!result.changed() && endsWithNewline) {
            return result;
        }
        // Pass 2: copy the kept lines to a temp file and rename it over the log.
        Path tmp = DurableFiles.tempBeside(file);
        try {
            try (LineReader r = new LineReader(Files.newInputStream(file));
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                byte[] line;
                for (int i = 0; (line = r.next()) != null; i++) {
                    if (keep[i]) {
                        out.write(line);
                        out.write('\n');
                    }
                }
            }
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            DurableFiles.replace(tmp, file.toAbsolutePath());
        } finally {
            Files.deleteIfExists(tmp);
        }
        return result;
    }

    private static void parseLine(byte[] line, long[] steps, int[] kinds, int i, Map<String, Integer> kindIds) {
        Object v;
        try {
            v = Json.parse(new String(line, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return; // torn
        }
        if (!(v instanceof Map<?, ?> m)) {
            return;
        }
        if (!(m.get("step") instanceof Long s) || s < 0) {
            steps[i] = -1;
            return;
        }
        // The kind of a line: an event names itself; otherwise its set of keys (a metrics line, a coverage line).
        String kind = m.get("event") instanceof String e ? "event:" + e : new TreeSet<>(keys(m)).toString();
        steps[i] = s;
        kinds[i] = kindIds.computeIfAbsent(kind, k -> kindIds.size());
    }

    private static List<String> keys(Map<?, ?> m) {
        List<String> k = new ArrayList<>();
        m.keySet().forEach(o -> k.add(String.valueOf(o)));
        return k;
    }

    /** Lines of bytes, split at '\n'; remembers whether the last one had its newline. */
    private static final class LineReader implements AutoCloseable {
        private final InputStream in;
        private boolean lastNewline = true;

        LineReader(InputStream in) {
            this.in = new BufferedInputStream(in, 1 << 16);
        }

        byte[] next() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            boolean any = false;
            while ((c = in.read()) >= 0) {
                any = true;
                if (c == '\n') {
                    lastNewline = true;
                    return b.toByteArray();
                }
                if (b.size() <= MAX_LINE) { // a longer line is dropped as torn; stop holding its bytes
                    b.write(c);
                }
            }
            if (!any) {
                return null;
            }
            lastNewline = false;
            return b.toByteArray();
        }

        boolean lastEndedWithNewline() {
            return lastNewline;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
