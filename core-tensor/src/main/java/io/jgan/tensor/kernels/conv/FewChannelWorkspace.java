package io.jgan.tensor.kernels.conv;

/**
 * Per-thread buffers of {@link FewChannelConv}, grown on demand and kept for the next call so the
 * steady state allocates nothing.
 */
final class FewChannelWorkspace {
    private static final ThreadLocal<FewChannelWorkspace> LOCAL = ThreadLocal.withInitial(FewChannelWorkspace::new);

    private float[] planes = new float[0];
    private float[] weights = new float[0];
    private float[] bias = new float[0];
    private int[] channels = new int[0];
    private float[] partials = new float[0];
    private float[] scratch = new float[0];
    private float[] row = new float[0];
    private float[] partialLanes = new float[0];

    private FewChannelWorkspace() {}

    /** @return this thread's workspace */
    static FewChannelWorkspace get() {
        return LOCAL.get();
    }

    /** @return input planes (or padded gradients), at least {@code size} floats, contents undefined */
    float[] planes(int size) {
        if (planes.length < size) {
            planes = new float[size];
        }
        return planes;
    }

    /** @return packed weights, at least {@code size} floats */
    float[] weights(int size) {
        if (weights.length < size) {
            weights = new float[size];
        }
        return weights;
    }

    /** @return packed biases, at least {@code size} floats */
    float[] bias(int size) {
        if (bias.length < size) {
            bias = new float[size];
        }
        return bias;
    }

    /** @return output channel offsets, at least {@code size} */
    int[] channels(int size) {
        if (channels.length < size) {
            channels = new int[size];
        }
        return channels;
    }

    /** @return weight-gradient partial sums, at least {@code size} floats */
    float[] partials(int size) {
        if (partials.length < size) {
            partials = new float[size];
        }
        return partials;
    }

    /** @return scratch output, at least {@code size} floats */
    float[] scratch(int size) {
        if (scratch.length < size) {
            scratch = new float[size];
        }
        return scratch;
    }

    /** @return one padded input row, at least {@code size} floats */
    float[] row(int size) {
        if (row.length < size) {
            row = new float[size];
        }
        return row;
    }

    /** @return the weight gradient's per-lane sums of one chunk, at least {@code size} floats */
    float[] partialLanes(int size) {
        if (partialLanes.length < size) {
            partialLanes = new float[size];
        }
        return partialLanes;
    }
}
