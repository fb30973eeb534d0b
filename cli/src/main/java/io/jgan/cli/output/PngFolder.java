package io.jgan.cli.output;

import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.DurableFiles;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A folder of one PNG per image ({@code 000000.png}, {@code 000001.png}, ...), written file by file
 * as batches arrive: what pytorch-fid and clean-fid read. Each file is written atomically; the
 * folder must be new or empty, so no file of the user's is ever overwritten.
 */
public final class PngFolder {
    private final Path dir;
    private long next;

    /**
     * @param dir the folder (created if absent)
     * @throws FileAlreadyExistsException if it exists and is not an empty directory
     * @throws IOException if it cannot be created
     */
    public PngFolder(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new FileAlreadyExistsException(dir.toString(), null, "a file, not a folder for the PNGs");
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                if (s.iterator().hasNext()) {
                    throw new FileAlreadyExistsException(dir.toString(), null, "the folder is not empty; name a new one");
                }
            }
        }
        Files.createDirectories(dir);
        this.dir = dir;
    }

    /**
     * @param images N x C x H x W (C = 1 or 3) in [-1, 1]
     * @throws IOException if a file cannot be written
     */
    public void write(Tensor images) throws IOException {
        for (int i = 0; i < images.dim(0); i++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(ImageGrid.render(images.slice(i, i + 1), 1, 0), "png", bytes);
            // temp file + rename, so no half-written PNG ever carries a final name; the directory
            // is synced once at the end rather than once per file (a 10,000-file folder)
            Path target = dir.resolve(name(next++));
            Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
            try {
                Files.write(tmp, bytes.toByteArray());
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Makes the folder's new entries durable. */
    public void finish() {
        DurableFiles.syncDirectory(dir);
    }

    /**
     * @param index the image's index
     * @return its file name: six digits at least, so names sort in order
     */
    public static String name(long index) {
        return String.format("%06d.png", index);
    }

    /** @return how many images were written */
    public long count() {
        return next;
    }
}
