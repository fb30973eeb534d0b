package io.jgan.tensor.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The steps of a crash-safe file replacement: a temp file in the target's directory, fsync, rename
 * over the target, then fsync of the directory so the rename itself survives a power loss (POSIX
 * makes a rename durable only once its directory is synced).
 */
public final class DurableFiles {
    private DurableFiles() {}

    /**
     * @param file the target the temp file will replace
     * @return a new empty temp file beside it (hidden, ends in .tmp)
     * @throws IOException if it cannot be created
     */
    public static Path tempBeside(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    }

    /**
     * Renames {@code from} over {@code to} (atomically where the file system allows), then syncs the directory.
     *
     * @param from a complete, synced file
     * @param to the target
     * @throws IOException if the rename fails
     */
    public static void replace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(to.toAbsolutePath().getParent());
    }

    /**
     * Makes the directory's entries (renames, creations, deletions) durable. Best effort: some
     * platforms (Windows) cannot open a directory, and there a rename is already journalled.
     *
     * @param dir the directory
     */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here: nothing more can be done portably
        }
    }
}
