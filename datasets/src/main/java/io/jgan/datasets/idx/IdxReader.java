package io.jgan.datasets.idx;

import io.jgan.datasets.DatasetFormatException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, plain or gzip-compressed, with strict validation: every problem is a
 * {@link DatasetFormatException} naming the file, what is wrong and the byte offset.
 *
 * <p>Compression is recognised from the first two bytes (the gzip magic 1F 8B); an IDX header
 * always starts with two zero bytes, so the two can never be confused. Trailing bytes after the
 * declared data are an error too: they mean the header and the data disagree.
 */
public final class IdxReader {
    private static final int HEADER_FIXED = 4;
    private static final int CHUNK = 1 << 20;
    /** Deflate never expands more than 1032:1, which bounds what a gzip file can honestly hold. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    private IdxReader() {
    }

    /**
     * Reads one IDX file.
     *
     * @param file the file, plain or gzip
     * @return its contents
     * @throws DatasetFormatException if the contents are not a valid IDX file
     * @throws IOException if the file cannot be read
     */
    public static IdxArray read(Path file) throws IOException {
        long fileSize = Files.size(file);
        String name = file.toString();
        if (fileSize == 0) {
            throw new DatasetFormatException(name, "empty file, expected an IDX header", 0);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name, fileSize);
        }
    }

    /**
     * Reads IDX data from a stream (for example a module resource). The stream is not closed.
     *
     * @param in the bytes, plain or gzip
     * @param name the name to use in error messages
     * @return the contents
     * @throws DatasetFormatException if the contents are not a valid IDX file
     * @throws IOException if the stream fails
     */
    public static IdxArray read(InputStream in, String name) throws IOException {
        return read(in, name, -1);
    }

    private static IdxArray read(InputStream source, String name, long compressedSize) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(source, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 < 0) {
            throw new DatasetFormatException(name, "empty file, expected an IDX header", 0);
        }
        boolean gzip = b0 == 0x1F && b1 == 0x8B;
        if (!gzip) {
            return parse(buffered, name, false, compressedSize);
        }
        GZIPInputStream unzipped;
        try {
            unzipped = new GZIPInputStream(buffered, 1 << 16);
        } catch (ZipException | EOFException e) {
            throw new DatasetFormatException(name, "corrupt gzip header: " + e.getMessage(), 0, e);
        }
        long bound = compressedSize < 0 ? -1 : compressedSize * MAX_DEFLATE_RATIO + 1024;
        return parse(unzipped, name, true, bound);
    }

    /**
     * @param maxBytes an upper bound on the stream's length (to reject absurd headers before
     *     allocating), or -1 if unknown
     */
    private static IdxArray parse(InputStream in, String name, boolean gzip, long maxBytes) throws IOException {
        Where where = new Where(name, gzip);
        byte[] fixed = new byte[HEADER_FIXED];
        int got = readFully(in, fixed, 0, HEADER_FIXED, where, 0);
        if (got == 0) {
            throw where.error("empty file, expected an IDX header", 0);
        }
        if (got < HEADER_FIXED) {
            throw where.error("truncated header: " + got + " of 4 magic bytes", got);
        }
        if (fixed[0] != 0 || fixed[1] != 0) {
            throw where.error(String.format(
                    "wrong magic: expected 00 00 <type> <rank>, found %02X %02X %02X %02X (not an IDX file)",
                    fixed[0], fixed[1], fixed[2], fixed[3]), 0);
        }
        IdxType type = IdxType.ofCode(fixed[2] & 0xFF);
        if (type == null) {
            throw where.error(String.format(
                    "unknown IDX type code 0x%02X (expected 08, 09, 0B, 0C, 0D or 0E)", fixed[2] & 0xFF), 2);
        }
        int rank = fixed[3] & 0xFF;
        if (rank == 0) {
            throw where.error("rank 0: an IDX file needs at least one dimension", 3);
        }
        int headerBytes = HEADER_FIXED + 4 * rank;
        byte[] dimBytes = new byte[4 * rank];
        got = readFully(in, dimBytes, 0, dimBytes.length, where, HEADER_FIXED);
        if (got < dimBytes.length) {
            throw where.error("truncated header: rank " + rank + " needs " + headerBytes
                    + " header bytes, the file has " + (HEADER_FIXED + got), HEADER_FIXED + got);
        }
        int[] dims = new int[rank];
        long dataBytes = type.bytes();
        for (int i = 0; i < rank; i++) {
            int p = 4 * i;
            dims[i] = ((dimBytes[p] & 0xFF) << 24) | ((dimBytes[p + 1] & 0xFF) << 16)
                    | ((dimBytes[p + 2] & 0xFF) << 8) | (dimBytes[p + 3] & 0xFF);
            if (dims[i] < 0) {
                throw where.error("dimension " + i + " is negative (" + dims[i] + ")",
                        HEADER_FIXED + p);
            }
            dataBytes *= dims[i];
            if (dataBytes > Integer.MAX_VALUE - 8) {
                throw where.error("header declares " + Arrays.toString(dims)
                        + " which exceeds 2 GiB of data", HEADER_FIXED);
            }
        }
        String declared = Arrays.toString(dims) + " " + type + " (" + dataBytes + " data bytes from offset "
                + headerBytes + ")";
        if (maxBytes >= 0 && headerBytes + dataBytes > maxBytes) {
            // A lying header must not make us allocate gigabytes before the truncation shows.
            throw where.error("truncated data: header declares " + declared
                    + " but the file is only " + maxBytes + " bytes" + (gzip ? " (bound for its gzip size)" : ""),
                    Math.min(maxBytes, headerBytes + dataBytes));
        }
        byte[] data = new byte[(int) dataBytes];
        got = readFully(in, data, 0, data.length, where, headerBytes);
        if (got < data.length) {
            throw where.error("truncated data: header declares " + declared
                    + " but the data ends after " + got + " bytes", headerBytes + got);
        }
        int extra;
        try {
            extra = in.read();
        } catch (ZipException | EOFException e) {
            throw where.error("corrupt gzip data: " + e.getMessage(), headerBytes + dataBytes, e);
        }
        if (extra >= 0) {
            throw where.error("trailing bytes after the data the header declares ("
                    + declared + ")", headerBytes + dataBytes);
        }
        return new IdxArray(type, dims, data);
    }

    /** The file being parsed, and whether offsets refer to decompressed bytes. */
    private record Where(String name, boolean gzip) {
        DatasetFormatException error(String problem, long offset) {
            return error(problem, offset, null);
        }

        DatasetFormatException error(String problem, long offset, Throwable cause) {
            String note = gzip && offset >= 0 ? " [gzip file: offsets count decompressed bytes]" : "";
            return new DatasetFormatException(name, problem + note, offset, cause);
        }
    }

    /**
     * Reads up to {@code len} bytes, stopping early only at the end of the stream, and turns a
     * gzip failure into a format error at the decompressed position it happened.
     */
    private static int readFully(InputStream in, byte[] buf, int off, int len, Where where, long base)
            throws IOException {
        int n = 0;
        while (n < len) {
            int r;
            try {
                r = in.read(buf, off + n, Math.min(len - n, CHUNK));
            } catch (ZipException e) {
                throw where.error("corrupt gzip data: " + e.getMessage(), base + n, e);
            } catch (EOFException e) {
                throw where.error("truncated gzip stream: " + e.getMessage(), base + n, e);
            }
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }
}
