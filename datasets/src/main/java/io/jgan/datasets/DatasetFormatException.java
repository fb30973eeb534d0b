package io.jgan.datasets;

import java.io.IOException;

/**
 * A data file exists and could be read, but its contents are not what its format requires: wrong
 * magic number, unknown type code, truncated data, corrupt compression, a record size that does
 * not divide the file, an image no reader can decode, a checksum that does not match.
 *
 * <p>It is a checked {@link IOException} on purpose: every loader already declares
 * {@code IOException} for missing or unreadable files, so a caller that handles I/O failures
 * handles bad files too, and one that wants to tell "the file is broken" from "the disk failed"
 * catches this type first. Bad <em>arguments</em> (a negative batch size, an unknown split) are
 * {@link IllegalArgumentException}s instead.
 *
 * <p>The message always starts with the file (or resource) name, says what is wrong and, when a
 * position applies, ends with the byte offset; {@link #source()} and {@link #offset()} give the
 * same facts to programs. Offsets inside gzip files count decompressed bytes. A loader that
 * throws this never returns a partially filled dataset and never modifies its input.
 */
public final class DatasetFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The offset value meaning "no position applies". */
    public static final long NO_OFFSET = -1;

    private final String source;
    private final long offset;

    /**
     * @param source the file or resource name
     * @param problem what is wrong, phrased to follow "source: "
     * @param offset the byte offset the problem was found at, or {@link #NO_OFFSET}
     */
    public DatasetFormatException(String source, String problem, long offset) {
        this(source, problem, offset, null);
    }

    /**
     * @param source the file or resource name
     * @param problem what is wrong, phrased to follow "source: "
     * @param offset the byte offset the problem was found at, or {@link #NO_OFFSET}
     * @param cause the underlying exception, or null
     */
    public DatasetFormatException(String source, String problem, long offset, Throwable cause) {
        super(source + ": " + problem + (offset >= 0 ? " (at byte offset " + offset + ")" : ""), cause);
        this.source = source;
        this.offset = offset;
    }

    /** @return the file or resource the problem is in */
    public String source() {
        return source;
    }

    /** @return the byte offset of the problem, or {@link #NO_OFFSET} */
    public long offset() {
        return offset;
    }
}
