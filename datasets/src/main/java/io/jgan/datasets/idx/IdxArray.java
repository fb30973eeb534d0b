package io.jgan.datasets.idx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The contents of one IDX file: element type, dimensions and the elements as the raw big-endian
 * bytes of the file. Keeping the bytes (rather than widening to int or float) is what lets a
 * 60,000-image MNIST set stay at 47 MB until the loader converts one batch at a time.
 */
public final class IdxArray {
    private final IdxType type;
    private final int[] dims;
    private final byte[] raw;
    private final ByteBuffer view;

    /**
     * @param type the element type
     * @param dims the sizes, outermost first
     * @param raw the elements, big-endian, exactly {@code product(dims) * type.bytes()} bytes; not copied
     * @throws IllegalArgumentException if the byte count does not match
     */
    public IdxArray(IdxType type, int[] dims, byte[] raw) {
        long n = type.bytes();
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
            n *= d;
        }
        if (n != raw.length) {
            throw new IllegalArgumentException("dims " + Arrays.toString(dims) + " of " + type + " need " + n
                    + " bytes, got " + raw.length);
        }
        this.type = type;
        this.dims = dims.clone();
        this.raw = raw;
        this.view = ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN).asReadOnlyBuffer();
    }

    /** @return the element type */
    public IdxType type() {
        return type;
    }

    /** @return a copy of the sizes, outermost first */
    public int[] dims() {
        return dims.clone();
    }

    /** @return the number of dimensions */
    public int rank() {
        return dims.length;
    }

    /**
     * @param axis a dimension index
     * @return its size
     */
    public int dim(int axis) {
        return dims[axis];
    }

    /** @return the number of elements */
    public int count() {
        return raw.length / type.bytes();
    }

    /**
     * The raw element bytes, shared rather than copied so that large byte images are not
     * duplicated; callers must treat the array as read-only.
     *
     * @return the big-endian element bytes
     */
    public byte[] rawBytes() {
        return raw;
    }

    /**
     * @param i a flat (row-major) element index
     * @return the element as a long: 0..255 for UBYTE, sign-extended for the other integer types
     * @throws IllegalStateException for FLOAT and DOUBLE, which have no exact integer value
     */
    public long getLong(int i) {
        return switch (type) {
            case UBYTE -> raw[i] & 0xFF;
            case BYTE -> raw[i];
            case SHORT -> view.getShort(i * 2);
            case INT -> view.getInt(i * 4);
            case FLOAT, DOUBLE -> throw new IllegalStateException("IDX array of " + type + " has no integer elements");
        };
    }

    /**
     * @param i a flat (row-major) element index
     * @return the element as a double (exact for every IDX type)
     */
    public double getDouble(int i) {
        return switch (type) {
            case FLOAT -> view.getFloat(i * 4);
            case DOUBLE -> view.getDouble(i * 8);
            default -> getLong(i);
        };
    }

    /** @return every element converted to float, row-major */
    public float[] toFloatArray() {
        float[] out = new float[count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    @Override
    public String toString() {
        return "IdxArray[" + type + " " + Arrays.toString(dims) + "]";
    }
}
