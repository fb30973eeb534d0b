package io.jgan.cli;

import io.jgan.eval.PeriodicEval;
import io.jgan.train.CheckpointPair;
import io.jgan.train.JsonlRepair;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A run directory used as a small database by the one {@code jgan train} that holds its lock
 * ({@code run.lock}, an OS file lock that dies with the process, so a crash never leaves the run
 * locked). While locked: an interrupted checkpoint-pair commit is finished, and on resume the
 * JSON-lines logs are cut back to the checkpoint's step.
 */
final class RunDirectory implements AutoCloseable {
    /** The lock file's name. */
    static final String LOCK = "run.lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private RunDirectory(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the directory (creating it) and settles its checkpoints.
     *
     * @param dir the run directory
     * @return the held directory; close it to release the lock
     * @throws UserError if another process (or this one) trains in it
     * @throws IOException if the lock file cannot be created
     */
    static RunDirectory lock(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(LOCK);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM (a test running two commands)
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(ch);
            ch.close();
            throw new UserError("run directory " + dir + " is in use by another jgan train" + holder + " (" + file + " is locked)");
        }
        // Who holds it, for the message of the next one who tries; the lock, not the text, is what counts.
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        RunDirectory held = new RunDirectory(dir, ch, lock);
        try {
            CheckpointPair.settle(dir.resolve("checkpoints"));
        } catch (IOException | RuntimeException e) {
            held.close();
            throw e;
        }
        return held;
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(64);
            ch.read(b, 0);
            String text = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
            return text.matches("pid [0-9]+") ? " (" + text + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Cuts {@code metrics.jsonl} and {@code eval.jsonl} back to the checkpoint's step, printing one
     * line per repaired file.
     *
     * @param step the step of the checkpoint being resumed
     * @param err where notices go
     * @throws IOException if a log cannot be read or rewritten
     */
    void repairLogs(long step, PrintStream err) throws IOException {
        for (String name : new String[] {"metrics.jsonl", PeriodicEval.FILE_NAME}) {
            JsonlRepair.Result r = JsonlRepair.truncate(dir.resolve(name), step);
            if (r.changed()) {
                err.println("jgan train: " + r.notice(step));
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
