package io.jgan.cli.output;

import io.jgan.tensor.Tensor;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a NumPy {@code .npy} array of little-endian float32 or float64 in C order, a block of
 * leading-axis rows at a time, so that a file of many samples never has to fit in the heap at once
 * (what {@code numpy.save} writes for {@code np.float32}/{@code np.float64} arrays: PyTorch's
 * {@code tensor.numpy()} included). Malformed headers, other dtypes and Fortran order are refused
 * with an {@link IllegalArgumentException} naming what was found.
 */
public final class NpyReader implements AutoCloseable {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
    private final FileChannel channel;
    private final int[] dims;
    private final int bytesPerValue;
    private final int rowValues;
    private int rowsRead;

    /**
     * Opens a file and parses its header.
     *
     * @param file the .npy file
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if it is not a float32/float64 C-order .npy array of rank >= 1
     */
    public NpyReader(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            String header = readHeader(file);
            Matcher d = DESCR.matcher(header);
            Matcher f = FORTRAN.matcher(header);
            Matcher s = SHAPE.matcher(header);
            if (!d.find() || !f.find() || !s.find()) {
                throw new IllegalArgumentException(file + " has a malformed .npy header: " + header.strip());
            }
            bytesPerValue = switch (d.group(1)) {
                case "<f4" -> 4;
                case "<f8" -> 8;
                default -> throw new IllegalArgumentException(file + " holds " + d.group(1)
                        + " values; jgan reads little-endian float32 ('<f4') or float64 ('<f8')");
            };
            if (f.group(1).equals("True")) {
                throw new IllegalArgumentException(file + " is in Fortran order; save it in C order (numpy's default)");
            }
            dims = parseShape(file, s.group(1));
            long row = 1;
            for (int i = 1; i < dims.length; i++) {
                row *= dims[i];
            }
            if (row > Integer.MAX_VALUE / 8) {
                throw new IllegalArgumentException(file + " has rows of " + row + " values, too many for one array");
            }
            rowValues = (int) row;
            long want = channel.position() + (long) dims[0] * rowValues * bytesPerValue;
            if (channel.size() < want) {
                throw new IllegalArgumentException(file + " is truncated: its header " + Arrays.toString(dims) + " needs "
                        + want + " bytes, the file has " + channel.size());
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private String readHeader(Path file) throws IOException {
        ByteBuffer pre = read(10, file);
        byte[] magic = new byte[6];
        pre.get(magic);
        if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IllegalArgumentException(file + " is not a .npy file (no \\x93NUMPY magic)");
        }
        int major = pre.get() & 0xff;
        pre.get();
        int len;
        if (major == 1) {
            len = pre.getShort() & 0xffff;
        } else if (major == 2 || major == 3) {
            ByteBuffer more = read(2, file);
            len = (pre.getShort() & 0xffff) | ((more.getShort() & 0xffff) << 16);
        } else {
            throw new IllegalArgumentException(file + " is a .npy file of format version " + major + ", jgan reads 1 to 3");
        }
        if (len < 0 || len > 1 << 20) {
            throw new IllegalArgumentException(file + " has a .npy header of " + len + " bytes");
        }
        return StandardCharsets.ISO_8859_1.decode(read(len, file)).toString();
    }

    private static int[] parseShape(Path file, String tuple) {
        String[] parts = tuple.split(",");
        int n = 0;
        int[] out = new int[parts.length];
        for (String p : parts) {
            String t = p.strip();
            if (t.isEmpty()) {
                continue;
            }
            try {
                long v = Long.parseLong(t);
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                out[n++] = (int) v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " has a .npy shape (" + tuple + ") with a bad dimension " + t);
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException(file + " holds a scalar; jgan reads arrays of samples (N x ...)");
        }
        return Arrays.copyOf(out, n);
    }

    private ByteBuffer read(int n, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new EOFException(file + " ends inside its .npy header");
            }
        }
        return b.flip();
    }

    /** @return the array's shape, the first axis counting the rows (samples) */
    public int[] dims() {
        return dims.clone();
    }

    /** @return the rows not read yet */
    public int remaining() {
        return dims[0] - rowsRead;
    }

    /**
     * Reads the next rows as float32 (float64 values are rounded to nearest).
     *
     * @param rows how many, at most {@link #remaining()}
     * @return a tensor of shape [rows, dims[1], ...]
     * @throws IOException if reading fails
     */
    public Tensor next(int rows) throws IOException {
        if (rows < 0 || rows > remaining()) {
            throw new IllegalArgumentException("asked for " + rows + " rows, " + remaining() + " remain");
        }
        int values = rows * rowValues;
        ByteBuffer b = ByteBuffer.allocate(values * bytesPerValue).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new EOFException("the .npy file ended early");
            }
        }
        b.flip();
        float[] out = new float[values];
        if (bytesPerValue == 4) {
            b.asFloatBuffer().get(out);
        } else {
            for (int i = 0; i < values; i++) {
                out[i] = (float) b.getDouble();
            }
        }
        int[] shape = dims.clone();
        shape[0] = rows;
        rowsRead += rows;
        return Tensor.wrap(out, shape);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
