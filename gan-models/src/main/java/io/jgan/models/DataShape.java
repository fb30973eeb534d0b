package io.jgan.models;

import java.util.Arrays;

/**
 * What a model must fit: the shape of one sample ({@code [2]} for 2-D points, {@code [C, S, S]}
 * for square images) and the number of classes (0 when unlabelled). Any data of such a shape
 * trains: the models never ask which dataset it came from.
 */
public final class DataShape {
    private final int[] sample;
    private final int classes;

    private DataShape(int[] sample, int classes) {
        this.sample = sample;
        this.classes = classes;
    }

    /**
     * @param sample the shape of one sample: [D] (points) or [C, H, W] with H = W
     * @param classes the number of classes, 0 for unlabelled data
     * @return the shape
     * @throws IllegalArgumentException for an empty, non-positive or non-square shape, or negative classes
     */
    public static DataShape of(int[] sample, int classes) {
        int[] s = sample == null ? new int[0] : sample.clone();
        boolean ok = s.length == 1 || s.length == 3 && s[1] == s[2];
        for (int d : s) {
            ok &= d > 0;
        }
        if (!ok) {
            throw new IllegalArgumentException("a sample shape is [D] (points) or [C, S, S] (square images) with positive sizes, got "
                    + Arrays.toString(s));
        }
        if (classes < 0) {
            throw new IllegalArgumentException("classes must be >= 0, got " + classes);
        }
        return new DataShape(s, classes);
    }

    /** @param channels C @param size S @param classes classes (0: unlabelled) @return images [C, S, S] */
    public static DataShape image(int channels, int size, int classes) {
        return of(new int[] {channels, size, size}, classes);
    }

    /** @param dim D @return unlabelled points [D] */
    public static DataShape points(int dim) {
        return of(new int[] {dim}, 0);
    }

    /** @return the shape of one sample (a copy) */
    public int[] sample() {
        return sample.clone();
    }

    /** @return the number of classes, 0 when unlabelled */
    public int classes() {
        return classes;
    }

    /** @return true for points ([D]) */
    public boolean points() {
        return sample.length == 1;
    }

    /** @return image channels (0 for points) */
    public int channels() {
        return points() ? 0 : sample[0];
    }

    /** @return image side (0 for points) */
    public int size() {
        return points() ? 0 : sample[1];
    }

    /** @return the number of values in one sample */
    public int features() {
        int n = 1;
        for (int d : sample) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataShape d && Arrays.equals(sample, d.sample) && classes == d.classes;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sample) + classes;
    }

    @Override
    public String toString() {
        return Arrays.toString(sample) + (classes > 0 ? " with " + classes + " classes" : "");
    }
}
