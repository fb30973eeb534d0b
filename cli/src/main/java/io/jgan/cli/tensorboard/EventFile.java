package io.jgan.cli.tensorboard;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A TensorBoard event file in a run directory, {@code events.out.tfevents.SECONDS.HOST}, that
 * {@code tensorboard --logdir runs} reads as the run goes: every record is written whole and handed to
 * the operating system at once (no buffering), so a reader following the file sees each log line as it
 * is written and a crash leaves at most one record cut short.
 *
 * <p>A resumed run continues the newest event file of its directory that jgan wrote (its first record names
 * jgan in {@code source_metadata.writer}; other programs' event files are never touched). Records past the checkpoint's step
 * (written after the checkpoint by a run that then crashed) are dropped first, by rewriting the file
 * without them, so the resumed steps are not shown twice; a file with none is appended to as it is.
 */
public final class EventFile implements Closeable {
    /** The name prefix TensorBoard looks for. */
    public static final String PREFIX = "events.out.tfevents.";

    private final Path file;
    private final OutputStream out;

    private EventFile(Path file, boolean append) throws IOException {
        this.file = file;
        this.out = new FileOutputStream(file.toFile(), append);
    }

    /**
     * Starts a new event file with its version record.
     *
     * @param dir the run directory (created if missing)
     * @return the open file
     * @throws IOException if it cannot be written
     */
    public static EventFile create(Path dir) throws IOException {
        Files.createDirectories(dir);
        long seconds = System.currentTimeMillis() / 1000;
        Path file = dir.resolve(PREFIX + seconds + "." + host());
        for (int i = 1; Files.exists(file); i++) {
            file = dir.resolve(PREFIX + seconds + "." + host() + "." + i);
        }
        EventFile f = new EventFile(file, false);
        f.write(Events.fileVersion(now()));
        return f;
    }

    /**
     * Continues the newest event file of a run at a checkpoint's step, or starts one if it has none.
     *
     * @param dir the run directory
     * @param step the step the run resumes from: records after it are dropped
     * @return the open file
     * @throws IOException if it cannot be read or written
     */
    public static EventFile resume(Path dir, long step) throws IOException {
        Optional<Path> newest = newest(dir);
        if (newest.isEmpty()) {
            return create(dir);
        }
        Path file = newest.get();
        byte[] bytes = Files.readAllBytes(file);
        List<byte[]> records = TfRecord.readValid(bytes);
        int keep = 0;
        long kept = 0;
        for (byte[] r : records) {
            if (Events.step(r) > step) {
                break;
            }
            keep++;
            kept += r.length + 16L;
        }
        if (kept != bytes.length) {
            // Later steps (or a record a crash cut short) follow: rewrite without them, atomically.
            Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            try {
                try (OutputStream o = Files.newOutputStream(tmp)) {
                    for (byte[] r : records.subList(0, keep)) {
                        o.write(TfRecord.frame(r));
                    }
                }
                move(tmp, file);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return new EventFile(file, true);
    }

    /**
     * @param dir a run directory
     * @return its event file with the latest creation time in its name, if any
     * @throws IOException if the directory cannot be listed
     */
    public static Optional<Path> newest(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isRegularFile(p) && ours(p))
                    .max(java.util.Comparator.comparingLong((Path p) -> seconds(p)).thenComparing(p -> p.getFileName().toString()));
        }
    }

    /** Whether jgan wrote the file: its first record names jgan as the writer. Another program's file is left alone. */
    private static boolean ours(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(512); // the version record is about 40 bytes
            List<byte[]> first = TfRecord.readValid(head);
            return !first.isEmpty() && Events.JGAN.equals(Events.writer(first.getFirst()));
        } catch (IOException e) {
            return false;
        }
    }

    private static long seconds(Path p) {
        String rest = p.getFileName().toString().substring(PREFIX.length());
        int dot = rest.indexOf('.');
        try {
            return Long.parseLong(dot < 0 ? rest : rest.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1; // a name we do not write: continue it only if nothing else is there
        }
    }

    /** @return the file written */
    public Path file() {
        return file;
    }

    /**
     * Appends one event of scalar summaries.
     *
     * @param step the training step
     * @param values values by tag (e.g. {@code loss/d_loss})
     * @throws IOException if writing fails
     */
    public void scalars(long step, Map<String, Float> values) throws IOException {
        if (!values.isEmpty()) {
            write(Events.scalars(now(), step, values));
        }
    }

    /**
     * Appends one image summary.
     *
     * @param step the training step
     * @param tag the tag (e.g. {@code samples})
     * @param png the PNG file's bytes
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the bytes are not a PNG
     */
    public void image(long step, String tag, byte[] png) throws IOException {
        write(Events.image(now(), step, tag, png));
    }

    private void write(byte[] event) throws IOException {
        out.write(TfRecord.frame(event)); // one write call, unbuffered: the record reaches the OS whole
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = Files.readString(Path.of("/etc/hostname")).trim();
            } catch (IOException | RuntimeException e) {
                h = "localhost";
            }
        }
        return h.isBlank() ? "localhost" : h.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
