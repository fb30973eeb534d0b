package io.jgan.cli.output;

import io.jgan.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A .npy file written batch by batch: the header with the final shape first, then each batch's
 * float32 rows as they come, so an array of any length is written in memory of one batch. The file
 * appears under its name only once every row has been written ({@link AtomicOutput}).
 */
public final class NpyStream implements AutoCloseable {
    private final AtomicOutput out;
    private final int[] dims;
    private final int rowSize;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long rows;

    /**
     * @param file the .npy file
     * @param dims the final shape; dims[0] rows are expected
     * @throws IOException if the temp file cannot be created
     */
    public NpyStream(Path file, int[] dims) throws IOException {
        if (dims.length == 0) {
            throw new IllegalArgumentException("a streamed .npy needs at least one dimension");
        }
        this.dims = dims.clone();
        long per = 1;
        for (int i = 1; i < dims.length; i++) {
            per = Math.multiplyExact(per, dims[i]);
        }
        this.rowSize = Math.toIntExact(per);
        this.out = AtomicOutput.create(file);
        out.stream().write(Npy.header(dims));
    }

    /**
     * @param batch rows [m, dims[1], ...]
     * @throws IOException if writing fails
     */
    public void write(Tensor batch) throws IOException {
        int[] d = batch.dims();
        if (d.length != dims.length || !Arrays.equals(d, 1, d.length, dims, 1, dims.length) || rows + d[0] > dims[0]) {
            throw new IllegalArgumentException("batch " + batch.shape() + " does not continue an array of shape " + Arrays.toString(dims)
                    + " at row " + rows);
        }
        float[] data = batch.data();
        int off = batch.offset();
        int left = batch.size();
        while (left > 0) {
            int n = Math.min(left, buf.capacity() / 4);
            buf.clear();
            buf.asFloatBuffer().put(data, off, n);
            out.stream().write(buf.array(), 0, 4 * n);
            off += n;
            left -= n;
        }
        rows += d[0];
    }

    /**
     * Publishes the file.
     *
     * @throws IOException if writing fails
     * @throws IllegalStateException if fewer rows than the header promised were written
     */
    public void commit() throws IOException {
        if (rows != dims[0]) {
            throw new IllegalStateException("wrote " + rows + " of " + dims[0] + " rows");
        }
        out.commit();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** @return floats per row */
    int rowSize() {
        return rowSize;
    }
}
