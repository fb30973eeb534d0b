package io.jgan.cli.report;

import io.jgan.tensor.io.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Follows a JSON-lines file another part of the program appends to ({@code metrics.jsonl},
 * {@code eval.jsonl}): each poll returns the whole lines added since the last, and leaves a line still
 * being written for the next poll. A poll with nothing new costs one {@code stat}.
 *
 * <p>If the file shrinks (a resumed run truncated back to its checkpoint), it is read again from the
 * start, skipping the lines at or before the step the run resumed from, which the caller already has.
 */
final class JsonlFollower {
    private final Path file;
    private final long resumedAt;
    private long offset;
    private boolean skipOld;

    /**
     * @param file the file (it may not exist yet)
     * @param offset where new lines start (the file's size when the run starts)
     * @param resumedAt the step the run resumed from (0 for a new run)
     */
    JsonlFollower(Path file, long offset, long resumedAt) {
        this.file = file;
        this.offset = offset;
        this.resumedAt = resumedAt;
    }

    /**
     * @return the lines appended since the last poll, parsed; lines that are not JSON objects are skipped
     * @throws IOException if the file cannot be read
     */
    List<Map<String, Object>> poll() throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        if (size < offset) {
            offset = 0;
            skipOld = true;
        }
        if (size == offset) {
            return List.of();
        }
        byte[] bytes = new byte[(int) (size - offset)];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining() && ch.read(b, offset + b.position()) > 0) {
                // read until the size seen by stat
            }
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--; // a line still being written: the next poll takes it whole
        }
        offset += end;
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
            Map<String, Object> m = parse(line);
            if (m != null && !(skipOld && Tags.step(m) <= resumedAt)) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * @param line one line of a JSON-lines file
     * @return the object, or null for a blank line or one that is not a JSON object
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            return Json.parse(line) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        } catch (IllegalArgumentException e) {
            return null; // a line cut by a crash before the run was resumed
        }
    }
}
