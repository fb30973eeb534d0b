package io.jgan.datasets.download;

import io.jgan.datasets.DatasetFormatException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks tar.gz archives (how CIFAR is published) defensively. Every entry must be a regular
 * file or a directory whose normalised path stays inside the target directory (no {@code ..},
 * no absolute paths, no links), and the entries must respect the {@link Limits}. The archive is
 * unpacked into a hidden staging directory first and moved into place only when all of it passed,
 * so a refused archive leaves nothing behind.
 */
public final class ArchiveExtractor {
    /**
     * Size limits against archive bombs.
     *
     * @param maxEntryBytes the largest single file
     * @param maxTotalBytes the largest total of all files
     * @param maxEntries the most entries
     */
    public record Limits(long maxEntryBytes, long maxTotalBytes, int maxEntries) {
        /**
         * @throws IllegalArgumentException if a limit is not positive
         */
        public Limits {
            if (maxEntryBytes <= 0 || maxTotalBytes <= 0 || maxEntries <= 0) {
                throw new IllegalArgumentException("archive limits must be positive");
            }
        }
    }

    /** Generous for the datasets here (CIFAR-10 unpacks to 185 MB in 8 files). */
    public static final Limits DEFAULT_LIMITS = new Limits(1L << 30, 4L << 30, 10_000);

    private ArchiveExtractor() {
    }

    /**
     * Unpacks a tar.gz archive into a directory.
     *
     * @param archive the archive; not modified
     * @param targetDir the directory to unpack into (created if needed)
     * @param limits the size limits
     * @return the files written, in archive order
     * @throws DatasetFormatException naming the archive and entry if an entry is refused or the
     *     archive is corrupt; nothing is left in {@code targetDir} then
     * @throws IOException if reading or writing fails
     */
    public static List<Path> extractTarGz(Path archive, Path targetDir, Limits limits) throws IOException {
        Files.createDirectories(targetDir);
        Path staging = Files.createTempDirectory(targetDir, ".extract-");
        boolean done = false;
        List<Path> written = new ArrayList<>();
        try {
            List<Path> relative = unpack(archive, staging, limits);
            for (Path rel : relative) {
                Path dest = targetDir.resolve(rel);
                Files.createDirectories(dest.getParent());
                Files.move(staging.resolve(rel), dest, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                written.add(dest);
            }
            done = true;
            return written;
        } finally {
            deleteTree(staging);
            if (!done) {
                // Files moved before a failed move are removed too: all or nothing.
                for (Path p : written) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static List<Path> unpack(Path archive, Path staging, Limits limits) throws IOException {
        String name = archive.toString();
        List<Path> files = new ArrayList<>();
        long total = 0;
        int entries = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                GzipCompressorInputStream gz = new GzipCompressorInputStream(raw);
                TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                long at = tar.getBytesRead();
                if (++entries > limits.maxEntries()) {
                    throw new DatasetFormatException(name, "more than " + limits.maxEntries() + " entries", at);
                }
                Path rel = safeRelative(name, entry.getName(), at);
                if (rel == null && entry.isDirectory()) {
                    continue; // "./", the archive's own root
                }
                if (rel == null) {
                    throw new DatasetFormatException(name, "file entry '" + entry.getName() + "' has no name", at);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(staging.resolve(rel));
                    continue;
                }
                // isFile() alone is not enough: Commons Compress counts links as files.
                if (entry.isSymbolicLink() || entry.isLink() || entry.isCharacterDevice() || entry.isBlockDevice()
                        || entry.isFIFO() || !entry.isFile()) {
                    throw new DatasetFormatException(name, "entry '" + entry.getName()
                            + "' is a link or special file; only files and directories are unpacked", at);
                }
                if (entry.getSize() > limits.maxEntryBytes()) {
                    throw new DatasetFormatException(name, "entry '" + entry.getName() + "' is " + entry.getSize()
                            + " bytes, over the limit of " + limits.maxEntryBytes(), at);
                }
                total += entry.getSize();
                if (total > limits.maxTotalBytes()) {
                    throw new DatasetFormatException(name, "entries total over the limit of " + limits.maxTotalBytes()
                            + " bytes at entry '" + entry.getName() + "'", at);
                }
                Path dest = staging.resolve(rel);
                Files.createDirectories(dest.getParent());
                try (OutputStream out = Files.newOutputStream(dest)) {
                    long copied = tar.transferTo(out);
                    if (copied != entry.getSize()) {
                        throw new DatasetFormatException(name, "entry '" + entry.getName() + "' is truncated: "
                                + copied + " of " + entry.getSize() + " bytes", tar.getBytesRead());
                    }
                }
                files.add(rel);
            }
        } catch (DatasetFormatException e) {
            throw e;
        } catch (IOException e) {
            // Commons Compress reports corrupt gzip or tar data as plain IOExceptions.
            throw new DatasetFormatException(name, "corrupt or truncated tar.gz archive: " + e.getMessage(),
                    DatasetFormatException.NO_OFFSET, e);
        }
        if (entries == 0) {
            throw new DatasetFormatException(name, "archive holds no entries", 0);
        }
        return files;
    }

    /** The entry's path relative to the target (null for the root itself), or a refusal if it could land outside it. */
    private static Path safeRelative(String archive, String entryName, long at) throws DatasetFormatException {
        String n = entryName.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            throw new DatasetFormatException(archive, "entry '" + entryName + "' has an absolute path", at);
        }
        Path rel = Path.of("").resolve(n).normalize();
        if (rel.toString().isEmpty()) {
            return null;
        }
        if (rel.startsWith("..") || rel.isAbsolute()) {
            throw new DatasetFormatException(archive, "entry '" + entryName + "' escapes the target directory", at);
        }
        for (Path part : Path.of(n)) {
            if (part.toString().equals("..")) {
                throw new DatasetFormatException(archive, "entry '" + entryName + "' contains '..'", at);
            }
        }
        return rel;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
