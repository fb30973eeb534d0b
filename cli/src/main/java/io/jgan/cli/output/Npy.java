package io.jgan.cli.output;

import io.jgan.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** NumPy's .npy format, version 1.0, float32 little-endian, C order — what {@code numpy.load} reads. */
public final class Npy {
    private Npy() {}

    /**
     * @param dims the array's shape
     * @return the magic, version, header length and header dictionary, padded to 64 bytes
     */
    public static byte[] header(int[] dims) {
        // A Python tuple literal: "(5, 1, 28, 28)", "(7,)" for rank 1 (the comma makes it a tuple), "()" for a scalar.
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            shape.append(i > 0 ? ", " : "").append(dims[i]);
        }
        shape.append(dims.length == 1 ? ",)" : ")");
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        // magic (6) + version (2) + header length (2) + header, padded with spaces and ending in \n to 64 bytes
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        StringBuilder header = new StringBuilder(dict);
        while (10 + header.length() + 1 < padded) {
            header.append(' ');
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length).put(h);
        return b.array();
    }

    /**
     * @param t the tensor
     * @return the file's bytes
     */
    public static byte[] toBytes(Tensor t) {
        byte[] h = header(t.dims());
        ByteBuffer b = ByteBuffer.allocate(h.length + 4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(h);
        b.asFloatBuffer().put(t.data(), t.offset(), t.size());
        return b.array();
    }

    /**
     * @param t the tensor
     * @param file the .npy path (written atomically)
     * @throws IOException if writing fails
     */
    public static void write(Tensor t, Path file) throws IOException {
        AtomicFiles.write(file, toBytes(t));
    }
}
