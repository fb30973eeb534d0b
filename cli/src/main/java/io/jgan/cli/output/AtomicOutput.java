package io.jgan.cli.output;

import io.jgan.tensor.io.DurableFiles;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file written as a stream and published whole: the bytes go to a hidden temp file beside the
 * target, and only {@link #commit()} syncs and renames it over the target. Closing without
 * committing (an exception, an interrupted command) deletes the temp file and leaves the target as
 * it was, so an output of any size never needs to be held in memory to be written atomically.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean committed;

    private AtomicOutput(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        this.temp = DurableFiles.tempBeside(this.target);
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    /**
     * @param target the file to write
     * @return an open output
     * @throws IOException if the temp file cannot be created
     */
    public static AtomicOutput create(Path target) throws IOException {
        return new AtomicOutput(target);
    }

    /** @return where to write the bytes (buffered; do not close it) */
    public OutputStream stream() {
        return stream;
    }

    /**
     * Flushes, syncs and renames the file over the target.
     *
     * @throws IOException if any step fails (the target is then untouched)
     */
    public void commit() throws IOException {
        stream.flush();
        channel.force(true);
        channel.close();
        DurableFiles.replace(temp, target);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
