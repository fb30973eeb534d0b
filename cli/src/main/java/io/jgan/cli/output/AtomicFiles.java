package io.jgan.cli.output;

import io.jgan.tensor.io.Safetensors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Every file the command line writes goes through here: temp file, fsync, rename — never a half-written file. */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * @param file the target
     * @param bytes the content
     * @throws IOException if writing fails (the target is then untouched)
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Safetensors.writeAtomically(file, bytes);
    }

    /**
     * @param file the target
     * @param text UTF-8 content
     * @throws IOException if writing fails
     */
    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
