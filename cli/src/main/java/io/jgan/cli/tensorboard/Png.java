package io.jgan.cli.tensorboard;

/** Reads a PNG's size and channel count from its IHDR chunk, which the format requires first. */
final class Png {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** @param width pixels @param height pixels @param channels 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA (TensorBoard's colorspace) */
    record Header(int width, int height, int channels) {}

    private Png() {}

    static Header header(byte[] png) {
        if (png.length < 33 || !java.util.Arrays.equals(png, 0, 8, SIGNATURE, 0, 8) || png[12] != 'I' || png[13] != 'H'
                || png[14] != 'D' || png[15] != 'R') {
            throw new IllegalArgumentException("not a PNG file (" + png.length + " bytes without a PNG signature and IHDR chunk)");
        }
        int width = beInt(png, 16);
        int height = beInt(png, 20);
        int channels = switch (png[25]) {
            case 0 -> 1;
            case 2, 3 -> 3; // RGB; a palette decodes to RGB
            case 4 -> 2;
            case 6 -> 4;
            default -> throw new IllegalArgumentException("PNG colour type " + png[25] + " is not valid");
        };
        return new Header(width, height, channels);
    }

    private static int beInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}
