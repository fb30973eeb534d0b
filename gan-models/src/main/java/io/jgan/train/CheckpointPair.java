package io.jgan.train;

import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.DurableFiles;
import io.jgan.tensor.io.Safetensors;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Files that must change together ({@code last.safetensors} and {@code generator.safetensors}),
 * replaced as one: a crash leaves either the old set or the new one, never a mix.
 *
 * <p>A small redo log on the file system: the new files are written and synced in a staging
 * directory {@code .pair.tmp}; renaming it to {@code .pair.commit} (one atomic rename, then a
 * directory sync) is the commit point; the files are then moved into place in order and the
 * commit directory removed. {@link #settle} finishes an interrupted commit (or drops an uncommitted
 * staging directory) and runs before a run directory is used again; readers that must not write use
 * {@link #resolve}, which sees a committed set before it has been moved into place.
 */
public final class CheckpointPair {
    /** The staging directory of a set being written (not yet committed). */
    public static final String STAGING = ".pair.tmp";
    /** The directory of a committed set not yet moved into place. */
    public static final String COMMITTED = ".pair.commit";

    /**
     * One file of the set.
     *
     * @param name its file name in the directory
     * @param tensors its tensors
     * @param metadata its metadata
     */
    public record Member(String name, Map<String, Tensor> tensors, Map<String, String> metadata) {}

    private CheckpointPair() {}

    /**
     * Replaces the files as one. Members are moved into place in the order given, so put the file
     * readers open first (the training state) last.
     *
     * @param dir the directory (created if needed)
     * @param members the files
     * @throws IOException if writing fails (the old set is then intact, or the new one complete)
     */
    public static void write(Path dir, List<Member> members) throws IOException {
        Files.createDirectories(dir);
        settle(dir);
        Path staging = dir.resolve(STAGING);
        Files.createDirectories(staging);
        for (Member m : members) {
            Safetensors.writeSynced(staging.resolve(m.name()), m.tensors(), m.metadata());
        }
        DurableFiles.syncDirectory(staging);
        Path committed = dir.resolve(COMMITTED);
        Files.move(staging, committed, StandardCopyOption.ATOMIC_MOVE);
        DurableFiles.syncDirectory(dir);
        for (Member m : members) {
            moveIn(committed.resolve(m.name()), dir.resolve(m.name()));
        }
        DurableFiles.syncDirectory(dir);
        Files.delete(committed);
        DurableFiles.syncDirectory(dir);
    }

    /**
     * Brings the directory to a consistent set: finishes a committed set's moves (in file-name order
     * of what is left; {@code last.safetensors} sorts after {@code generator.safetensors}), removes
     * an uncommitted staging directory. Only the process that owns the directory (holding its lock)
     * may call this.
     *
     * @param dir the checkpoint directory
     * @throws IOException if the file system refuses
     */
    public static void settle(Path dir) throws IOException {
        Path committed = dir.resolve(COMMITTED);
        if (Files.isDirectory(committed)) {
            for (Path f : sorted(committed)) {
                moveIn(f, dir.resolve(f.getFileName().toString()));
            }
            DurableFiles.syncDirectory(dir);
            Files.delete(committed);
        }
        Path staging = dir.resolve(STAGING);
        if (Files.isDirectory(staging)) {
            for (Path f : sorted(staging)) {
                Files.delete(f);
            }
            Files.delete(staging);
        }
        DurableFiles.syncDirectory(dir);
    }

    /**
     * Where a reader finds the current version of a member without changing the directory.
     *
     * @param dir the checkpoint directory
     * @param name the member's file name
     * @return the committed copy not yet moved into place, if any, else {@code dir/name}
     */
    public static Path resolve(Path dir, String name) {
        Path pending = dir.resolve(COMMITTED).resolve(name);
        return Files.isRegularFile(pending) ? pending : dir.resolve(name);
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            List<Path> files = new java.util.ArrayList<>();
            s.forEach(files::add);
            files.sort(null);
            return files;
        }
    }

    private static void moveIn(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
