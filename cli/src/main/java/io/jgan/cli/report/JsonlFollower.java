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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Follows a JSON-lines file another part of the program appends to ({@code metrics.jsonl},
 * {@code eval.jsonl}): each poll returns the whole lines added since the last, and leaves a line still
 * being written for the next poll. A poll with nothing new costs one {@code stat}.
 *
 * <p>If the file is rewritten (a resumed run truncating it back to its checkpoint, then appending), which
 * shows as a shrink or as different bytes just before the point reached, it is read again from the start,
 * skipping the lines at or before the step the run resumed from, which the caller already has.
 */
final class JsonlFollower {
    /** Bytes before the point reached that are compared at each read to notice a rewrite. */
    private static final int TAIL = 256;

    private final Path file;
    private final long resumedAt;
    private long offset;
    private byte[] tail = new byte[0];
    private boolean skipOld;

    /**
     * @param file the file (it may not exist yet)
     * @param offset where new lines start (the file's size when the run starts)
     * @param resumedAt the step the run resumed from (0 for a new run)
     * @throws IOException if the file exists and cannot be read
     */
    JsonlFollower(Path file, long offset, long resumedAt) throws IOException {
        this.file = file;
        this.resumedAt = resumedAt;
        if (offset > 0) {
            int n = (int) Math.min(TAIL, offset);
            this.tail = read(offset - n, n);
            if (tail.length < n) {
                offset = 0; // already shorter than the caller saw: read it all, past the resumed step
                skipOld = true;
                tail = new byte[0];
            }
        }
        this.offset = offset;
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
        if (size == offset) {
            return List.of();
        }
        byte[] bytes = size < offset ? null : read(offset - tail.length, (int) (size - offset + tail.length));
        if (bytes == null || bytes.length < tail.length || !Arrays.equals(bytes, 0, tail.length, tail, 0, tail.length)) {
            offset = 0; // rewritten under us: start again, skipping what the caller already has
            tail = new byte[0];
            skipOld = true;
            bytes = read(0, (int) size);
        }
        int from = tail.length;
        int end = bytes.length;
        while (end > from && bytes[end - 1] != '\n') {
            end--; // a line still being written: the next poll takes it whole
        }
        offset += end - from;
        tail = Arrays.copyOfRange(bytes, Math.max(0, end - TAIL), end);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : new String(bytes, from, end - from, StandardCharsets.UTF_8).split("\n")) {
            Map<String, Object> m = parse(line);
            if (m != null && !(skipOld && Tags.step(m) <= resumedAt)) {
                out.add(m);
            }
        }
        return out;
    }

    /** @return up to n bytes from position, fewer if the file ends first */
    private byte[] read(long position, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (b.hasRemaining() && ch.read(b, position + b.position()) > 0) {
                // until n bytes or the end of the file
            }
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
        return Arrays.copyOf(b.array(), b.position());
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
