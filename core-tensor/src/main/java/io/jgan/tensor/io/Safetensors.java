package io.jgan.tensor.io;

import io.jgan.tensor.Shape;
import io.jgan.tensor.Tensor;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header mapping each tensor
 * name to {@code {dtype, shape, data_offsets}} (plus an optional {@code __metadata__} string map),
 * then the raw little-endian data. jgan reads and writes F32; other dtypes are refused by name.
 *
 * <p>Reading validates everything before allocating tensor storage: header length within the file
 * and at most 100 MiB, parsed once as a stream with capped structures (see {@code HeaderParser}),
 * strict UTF-8 JSON, known dtypes, shapes whose byte size matches the offsets, offsets inside the
 * data, no overlaps and no holes; tensor storage is then at most the file's size. Writing is atomic
 * (temp file, fsync, rename, directory fsync).
 */
public final class Safetensors {
    /** Largest header accepted: a larger one is a hostile or corrupt file. */
    public static final long MAX_HEADER = 100L << 20;
    private static final Set<String> OTHER_DTYPES = Set.of("F64", "F16", "BF16", "I64", "I32", "I16", "I8", "U8",
            "U16", "U32", "U64", "BOOL", "F8_E4M3", "F8_E5M2");

    /**
     * The tensors and metadata of a file.
     *
     * @param tensors tensors by name, in header order
     * @param metadata the {@code __metadata__} map (empty if absent)
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    private Safetensors() {}

    /**
     * Reads a whole file.
     *
     * @param file the path
     * @return its contents
     * @throws SafetensorsFormatException if the file is not valid safetensors
     * @throws IOException if it cannot be read
     */
    public static Contents read(Path file) throws IOException {
        return read(file, name -> true);
    }

    /**
     * Reads a file's metadata and the tensors a caller needs: the whole header is still checked,
     * but only the kept tensors are read, so memory follows what is used (a generator out of a
     * training checkpoint that also holds the critic and both optimisers' state).
     *
     * @param file the path
     * @param keep which tensor names to read
     * @return the metadata and the kept tensors
     * @throws SafetensorsFormatException if the file is not valid safetensors
     * @throws IOException if it cannot be read
     */
    public static Contents read(Path file, java.util.function.Predicate<String> keep) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            String name = file.toString();
            if (size < 8) {
                throw new SafetensorsFormatException(name, "file of " + size + " bytes is shorter than the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, name);
            long n = lenBuf.getLong(0);
            checkHeaderLength(name, n, size);
            ch.position(8);
            // Streamed through a small buffer: the header is never held whole, let alone as a tree of boxed values.
            InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
            HeaderParser.Header header = HeaderParser.parse(name, in, n);
            List<Entry> entries = entries(name, header, size - 8 - n);
            Map<String, Tensor> out = new LinkedHashMap<>();
            // Through one small buffer: the tensors are the only allocation as large as the file.
            ByteBuffer bb = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (Entry e : entries) {
                if (!keep.test(e.name)) {
                    continue;
                }
                int count = (int) ((e.end - e.begin) / 4);
                float[] f = new float[count];
                for (int done = 0; done < count; ) {
                    int m = Math.min(count - done, bb.capacity() / 4);
                    bb.clear().limit(4 * m);
                    readFully(ch, bb, 8 + n + e.begin + 4L * done, name);
                    bb.asFloatBuffer().get(f, done, m);
                    done += m;
                }
                out.put(e.name, Tensor.wrap(f, e.shape));
            }
            return new Contents(out, header.metadata());
        }
    }

    /**
     * Reads safetensors bytes held in memory.
     *
     * @param bytes the whole file
     * @param name a name for error messages
     * @return the contents
     * @throws SafetensorsFormatException if the bytes are not valid safetensors
     */
    public static Contents read(byte[] bytes, String name) throws SafetensorsFormatException {
        if (bytes.length < 8) {
            throw new SafetensorsFormatException(name, "only " + bytes.length + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = all.getLong(0);
        checkHeaderLength(name, n, bytes.length);
        HeaderParser.Header header;
        try {
            header = HeaderParser.parse(name, new ByteArrayInputStream(bytes, 8, (int) n), n);
        } catch (SafetensorsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new SafetensorsFormatException(name, e.getMessage()); // a byte array cannot fail to read
        }
        List<Entry> entries = entries(name, header, bytes.length - 8 - n);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            int count = (int) ((e.end - e.begin) / 4);
            float[] f = new float[count];
            all.slice((int) (8 + n + e.begin), count * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
            out.put(e.name, Tensor.wrap(f, e.shape));
        }
        return new Contents(out, header.metadata());
    }

    private static void checkHeaderLength(String name, long n, long size) throws SafetensorsFormatException {
        if (n < 2 || n > MAX_HEADER) {
            throw new SafetensorsFormatException(name, "header length " + Long.toUnsignedString(n) + " outside [2, " + MAX_HEADER + "]");
        }
        if (n > size - 8) {
            throw new SafetensorsFormatException(name, "header length " + n + " runs past the end of the file (" + size + " bytes)");
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos, String name) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) {
                throw new SafetensorsFormatException(name, "file ended early at byte " + (pos + b.position()));
            }
        }
        b.flip();
    }

    private record Entry(String name, Shape shape, long begin, long end) {}

    /** Checks each description against the data section: dtype, size, bounds, no overlaps and no holes. */
    private static List<Entry> entries(String name, HeaderParser.Header header, long dataLen) throws SafetensorsFormatException {
        List<Entry> entries = new ArrayList<>();
        for (HeaderParser.Entry e : header.entries()) {
            String key = e.name();
            String dtype = e.dtype();
            if (!"F32".equals(dtype)) {
                if (OTHER_DTYPES.contains(dtype)) {
                    throw new SafetensorsFormatException(name, "tensor \"" + key + "\" has dtype " + dtype + "; jgan reads F32 only");
                }
                throw new SafetensorsFormatException(name, "tensor \"" + key + "\" has unknown dtype " + dtype);
            }
            long begin = e.begin();
            long end = e.end();
            long[] shape = e.shape();
            int[] dims = new int[shape.length];
            long elems = 1;
            for (int i = 0; i < dims.length; i++) {
                long d = shape[i];
                if (d > Integer.MAX_VALUE) {
                    throw new SafetensorsFormatException(name, "tensor \"" + key + "\" dimension " + d + " too large");
                }
                dims[i] = (int) d;
                elems *= d; // cannot overflow: both factors are below 2^31 and the product is checked at once
                if (elems > Integer.MAX_VALUE / 4) {
                    throw new SafetensorsFormatException(name, "tensor \"" + key + "\" shape " + java.util.Arrays.toString(shape)
                            + " is too large");
                }
            }
            if (begin > end || end > dataLen) {
                throw new SafetensorsFormatException(name, "tensor \"" + key + "\" data_offsets [" + begin + ", " + end
                        + "] outside the data section of " + dataLen + " bytes");
            }
            if (end - begin != elems * 4) {
                throw new SafetensorsFormatException(name, "tensor \"" + key + "\" shape " + java.util.Arrays.toString(shape) + " needs "
                        + elems * 4 + " bytes but data_offsets span " + (end - begin));
            }
            entries.add(new Entry(key, Shape.of(dims), begin, end));
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> Long.compare(a.begin, b.begin));
        long pos = 0;
        for (Entry e : sorted) {
            if (e.begin < pos) {
                throw new SafetensorsFormatException(name, "tensor \"" + e.name + "\" overlaps the previous tensor's data");
            }
            if (e.begin > pos) {
                throw new SafetensorsFormatException(name, "hole in the data section before tensor \"" + e.name + "\"");
            }
            pos = e.end;
        }
        if (pos != dataLen) {
            throw new SafetensorsFormatException(name, "data section has " + (dataLen - pos) + " bytes that no tensor uses");
        }
        return entries;
    }

    /**
     * Encodes tensors as safetensors bytes.
     *
     * @param tensors tensors by name (written in this order)
     * @param metadata string metadata, may be empty
     * @return the file's bytes
     */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        byte[] padded = headerBytes(tensors, metadata);
        long pos = 0;
        for (Tensor t : tensors.values()) {
            pos += 4L * t.size();
        }
        if (pos + padded.length + 8 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("checkpoint of " + pos + " bytes is too large for one array");
        }
        ByteBuffer out = ByteBuffer.allocate((int) (8 + padded.length + pos)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded.length);
        out.put(padded);
        for (Tensor t : tensors.values()) {
            out.asFloatBuffer().put(t.data(), t.offset(), t.size());
            out.position(out.position() + 4 * t.size());
        }
        return out.array();
    }

    /** The JSON header, padded with spaces so the data starts 8-byte aligned (as the reference writer does). */
    private static byte[] headerBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            header.put("__metadata__", new LinkedHashMap<String, Object>(metadata));
        }
        long pos = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("a tensor cannot be named __metadata__");
            }
            Tensor t = e.getValue();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", "F32");
            info.put("shape", t.dims());
            info.put("data_offsets", List.of(pos, pos + 4L * t.size()));
            header.put(e.getKey(), info);
            pos += 4L * t.size();
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        byte[] padded = java.util.Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        java.util.Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }

    /**
     * Writes a file atomically: a temp file in the same directory, fsync, then a rename over the
     * target, so a crash never leaves a half-written checkpoint under the real name.
     *
     * @param file the target path
     * @param tensors tensors by name
     * @param metadata string metadata, may be empty
     * @throws IOException if writing fails (the target is then untouched)
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Path tmp = DurableFiles.tempBeside(file);
        try {
            writeSynced(tmp, tensors, metadata);
            DurableFiles.replace(tmp, file.toAbsolutePath());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes a file in place and syncs it to disk, for callers that commit it themselves (a
     * checkpoint pair is staged this way, then renamed into place together).
     *
     * @param file the path (created or truncated)
     * @param tensors tensors by name
     * @param metadata string metadata, may be empty
     * @throws IOException if writing fails
     */
    public static void writeSynced(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        // Streamed through a small buffer: a checkpoint is as large as the model and its optimiser
        // state, and a second copy of it on the heap is what runs a training JVM out of memory.
        byte[] header = headerBytes(tensors, metadata);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            buf.putLong(header.length);
            drain(ch, buf);
            writeFully(ch, ByteBuffer.wrap(header));
            for (Tensor t : tensors.values()) {
                float[] d = t.data();
                int off = t.offset();
                int left = t.size();
                while (left > 0) {
                    int n = Math.min(left, buf.capacity() / 4);
                    buf.asFloatBuffer().put(d, off, n);
                    buf.position(4 * n);
                    drain(ch, buf);
                    off += n;
                    left -= n;
                }
            }
            ch.force(true);
        }
    }

    private static void drain(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        writeFully(ch, buf);
        buf.clear();
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /**
     * Writes bytes to a file atomically (temp file in the same directory, fsync, rename).
     *
     * @param file the target
     * @param bytes the content
     * @throws IOException if writing fails (the target is then untouched)
     */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = DurableFiles.tempBeside(file);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            DurableFiles.replace(tmp, file.toAbsolutePath());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
