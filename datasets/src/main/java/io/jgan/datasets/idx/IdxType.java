package io.jgan.datasets.idx;

/** The element types an IDX file can declare, with their type codes and sizes in bytes. */
public enum IdxType {
    /** Unsigned 8-bit integer (code 0x08): MNIST's pixels and labels. */
    UBYTE(0x08, 1),
    /** Signed 8-bit integer (code 0x09). */
    BYTE(0x09, 1),
    /** Signed 16-bit big-endian integer (code 0x0B). */
    SHORT(0x0B, 2),
    /** Signed 32-bit big-endian integer (code 0x0C). */
    INT(0x0C, 4),
    /** 32-bit big-endian IEEE float (code 0x0D). */
    FLOAT(0x0D, 4),
    /** 64-bit big-endian IEEE double (code 0x0E). */
    DOUBLE(0x0E, 8);

    private final int code;
    private final int bytes;

    IdxType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** @return the type code stored in the header's third byte */
    public int code() {
        return code;
    }

    /** @return the size of one element in bytes */
    public int bytes() {
        return bytes;
    }

    /**
     * @param code a header type code
     * @return the type, or null if the code is not one of the six IDX types
     */
    public static IdxType ofCode(int code) {
        for (IdxType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
