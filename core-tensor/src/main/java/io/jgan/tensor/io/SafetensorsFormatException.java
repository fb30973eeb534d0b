package io.jgan.tensor.io;

import java.io.IOException;

/** A file is not valid safetensors (or holds a dtype jgan does not read); the message names the file and the problem. */
public class SafetensorsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the file (or a name for in-memory data)
     * @param problem what is wrong
     */
    public SafetensorsFormatException(String file, String problem) {
        super(file + ": not a valid safetensors file: " + problem);
    }
}
