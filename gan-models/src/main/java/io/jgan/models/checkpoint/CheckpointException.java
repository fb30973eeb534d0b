package io.jgan.models.checkpoint;

import java.io.IOException;

/**
 * A well-formed safetensors file that is not a valid checkpoint for what is being loaded: missing or
 * unexpected tensors, shape mismatches, invalid optimiser or RNG state. The message names the file
 * and every problem. (A file that is not valid safetensors at all raises
 * {@link io.jgan.tensor.io.SafetensorsFormatException} instead.)
 */
public class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the file (or a name for in-memory data)
     * @param problem what is wrong
     */
    public CheckpointException(String file, String problem) {
        super(file + ": cannot load checkpoint: " + problem);
    }
}
