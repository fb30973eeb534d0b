package io.jgan.tensor;

import java.util.Arrays;

/**
 * An immutable tensor shape: the sizes of each dimension, outermost first (row-major).
 * A rank-0 shape (no dimensions) describes a scalar with one element.
 */
public final class Shape {
    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than 2^31 elements");
            }
        }
        this.dims = dims;
        this.size = (int) n;
    }

    /**
     * Creates a shape.
     *
     * @param dims the sizes, outermost first; none for a scalar
     * @return the shape
     * @throws IllegalArgumentException if a size is negative or the element count overflows
     */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** @return the number of dimensions */
    public int rank() {
        return dims.length;
    }

    /** @return the number of elements (1 for a scalar) */
    public int size() {
        return size;
    }

    /**
     * @param axis a dimension index; negative counts from the end
     * @return the size of that dimension
     */
    public int dim(int axis) {
        return dims[normalizeAxis(axis)];
    }

    /** @return a copy of the sizes */
    public int[] dims() {
        return dims.clone();
    }

    /**
     * @param axis a dimension index, negative counts from the end
     * @return the index in {@code [0, rank)}
     * @throws IllegalArgumentException if out of range
     */
    public int normalizeAxis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " out of range for shape " + this);
        }
        return a;
    }

    /** @return the row-major strides, in elements */
    public int[] strides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /**
     * The product of the sizes from {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param from first axis
     * @param to one past the last axis
     * @return the element count of that block of dimensions
     */
    public int sizeBetween(int from, int to) {
        int n = 1;
        for (int i = from; i < to; i++) {
            n *= dims[i];
        }
        return n;
    }

    /**
     * The NumPy/PyTorch broadcast of two shapes: align from the right, sizes equal or one is 1.
     *
     * @param a a shape
     * @param b another shape
     * @return the broadcast shape
     * @throws IllegalArgumentException naming both shapes if they do not broadcast
     */
    public static Shape broadcast(Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
            int db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
