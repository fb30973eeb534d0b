package io.jgan.eval;

import io.jgan.tensor.Tensor;

/**
 * Images as unsigned bytes with their class labels, the form the dataset readers hold them in.
 * This module never depends on the datasets module: the command line copies a dataset into this
 * record. Pixels map to [-1, 1] ({@code v / 127.5 - 1}), the range of a tanh generator, so the
 * classifier sees real and generated images alike.
 *
 * @param pixels N * channels * height * width bytes, image after image, NCHW
 * @param labels N class indices
 * @param channels channels per image
 * @param height rows per image
 * @param width columns per image
 */
public record LabelledImages(byte[] pixels, int[] labels, int channels, int height, int width) {

    /** Checks that the sizes agree. */
    public LabelledImages {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("invalid image size " + channels + "x" + height + "x" + width);
        }
        long per = (long) channels * height * width;
        if (pixels.length != per * labels.length) {
            throw new IllegalArgumentException(labels.length + " labels need " + per * labels.length + " pixel bytes, got "
                    + pixels.length);
        }
    }

    /** @return the number of images */
    public int size() {
        return labels.length;
    }

    /**
     * @param from first image
     * @param to one past the last image
     * @return images [to - from, channels, height, width] in [-1, 1]
     */
    public Tensor images(int from, int to) {
        return images(range(from, to));
    }

    /**
     * @param indices image indices
     * @return those images [indices.length, channels, height, width] in [-1, 1]
     */
    public Tensor images(int[] indices) {
        int per = channels * height * width;
        float[] out = new float[indices.length * per];
        for (int i = 0; i < indices.length; i++) {
            int src = indices[i] * per;
            int dst = i * per;
            for (int p = 0; p < per; p++) {
                out[dst + p] = (pixels[src + p] & 0xff) / 127.5f - 1f;
            }
        }
        return Tensor.wrap(out, indices.length, channels, height, width);
    }

    /**
     * @param from first image
     * @param to one past the last image
     * @return a copy of those images and labels
     */
    public LabelledImages subset(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("subset [" + from + ", " + to + ") out of range for " + size() + " images");
        }
        int per = channels * height * width;
        byte[] p = java.util.Arrays.copyOfRange(pixels, from * per, to * per);
        return new LabelledImages(p, java.util.Arrays.copyOfRange(labels, from, to), channels, height, width);
    }

    private static int[] range(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return idx;
    }
}
