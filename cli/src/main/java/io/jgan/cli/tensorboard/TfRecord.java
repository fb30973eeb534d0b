package io.jgan.cli.tensorboard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TFRecord framing: each record is {@code uint64 length, uint32 masked_crc(length), data,
 * uint32 masked_crc(data)}, little-endian, where the CRC is CRC-32C (Castagnoli) and the mask is
 * {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8} (the format masks CRCs so that data holding its own
 * CRC does not weaken the check).
 */
final class TfRecord {
    private static final int MASK_DELTA = 0xa282ead8;
    private static final int OVERHEAD = 8 + 4 + 4;

    private TfRecord() {}

    /**
     * @param data one record's payload
     * @return the framed record
     */
    static byte[] frame(byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(OVERHEAD + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(data.length);
        b.putInt(maskedCrc(b.array(), 0, 8));
        b.put(data);
        b.putInt(maskedCrc(data, 0, data.length));
        return b.array();
    }

    static int maskedCrc(byte[] bytes, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, off, len);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    /**
     * Reads records up to the first one that is cut short or fails its CRC (a file a crash cut mid-record
     * ends there; what follows cannot be trusted).
     *
     * @param file the file's bytes
     * @return the payloads of the whole, valid records from the start
     */
    static List<byte[]> readValid(byte[] file) {
        List<byte[]> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= OVERHEAD) {
            int start = b.position();
            long len = b.getLong();
            if (b.getInt() != maskedCrc(file, start, 8) || len < 0 || len > b.remaining() - 4) {
                break;
            }
            byte[] data = new byte[(int) len];
            b.get(data);
            if (b.getInt() != maskedCrc(data, 0, data.length)) {
                break;
            }
            out.add(data);
        }
        return out;
    }
}
