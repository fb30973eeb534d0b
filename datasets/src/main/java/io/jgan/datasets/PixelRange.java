package io.jgan.datasets;

/** The value range a {@link DataLoader} maps pixel bytes 0..255 to. */
public enum PixelRange {
    /** {@code v / 127.5 - 1}: the range of a tanh generator, the GAN default. */
    MINUS_ONE_TO_ONE,
    /** {@code v / 255}: for sigmoid outputs, or followed by a {@code Normalize} transform. */
    ZERO_TO_ONE;

    /**
     * Maps a value in [0, 1] to this range.
     *
     * @param unit a value in [0, 1]
     * @return the value in this range
     */
    public float fromUnit(float unit) {
        return this == MINUS_ONE_TO_ONE ? unit * 2f - 1f : unit;
    }
}
