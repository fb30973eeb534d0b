package io.jgan.cli.tensorboard;

import java.util.Map;

/**
 * Encodes the {@code tensorboard.Event} messages jgan writes (field numbers from TensorBoard's
 * {@code event.proto} and {@code summary.proto}): the file-version header, scalar summaries and PNG image
 * summaries. Each method returns one record's payload.
 */
final class Events {
    /** The version string TensorBoard expects in the first record of an event file. */
    static final String FILE_VERSION = "brain.Event:2";

    // Event
    private static final int WALL_TIME = 1;
    private static final int STEP = 2;
    private static final int FILE_VERSION_FIELD = 3;
    private static final int SUMMARY = 5;
    private static final int SOURCE_METADATA = 10;
    // SourceMetadata
    private static final int WRITER = 1;
    /** Marks the files jgan writes, so that a resumed run never continues (or rewrites) another program's. */
    static final String JGAN = "jgan";
    // Summary
    private static final int VALUE = 1;
    // Summary.Value
    private static final int TAG = 1;
    private static final int SIMPLE_VALUE = 2;
    private static final int IMAGE = 4;
    // Summary.Image
    private static final int HEIGHT = 1;
    private static final int WIDTH = 2;
    private static final int COLORSPACE = 3;
    private static final int ENCODED = 4;

    private Events() {}

    static byte[] fileVersion(double wallTime) {
        return new Protobuf().doubleField(WALL_TIME, wallTime).varint(STEP, 0).string(FILE_VERSION_FIELD, FILE_VERSION)
                .message(SOURCE_METADATA, new Protobuf().string(WRITER, JGAN)).toBytes();
    }

    /**
     * @param wallTime seconds since the epoch
     * @param step the training step
     * @param values scalars by tag, in the order given
     * @return the event
     */
    static byte[] scalars(double wallTime, long step, Map<String, Float> values) {
        Protobuf summary = new Protobuf();
        for (Map.Entry<String, Float> e : values.entrySet()) {
            summary.message(VALUE, new Protobuf().string(TAG, e.getKey()).floatField(SIMPLE_VALUE, e.getValue()));
        }
        return event(wallTime, step, summary);
    }

    /**
     * @param wallTime seconds since the epoch
     * @param step the training step
     * @param tag the image's tag
     * @param png a PNG file's bytes
     * @return the event
     */
    static byte[] image(double wallTime, long step, String tag, byte[] png) {
        Png.Header h = Png.header(png);
        Protobuf image = new Protobuf().varint(HEIGHT, h.height()).varint(WIDTH, h.width()).varint(COLORSPACE, h.channels())
                .bytes(ENCODED, png);
        return event(wallTime, step, new Protobuf().message(VALUE, new Protobuf().string(TAG, tag).message(IMAGE, image)));
    }

    private static byte[] event(double wallTime, long step, Protobuf summary) {
        return new Protobuf().doubleField(WALL_TIME, wallTime).varint(STEP, step).message(SUMMARY, summary).toBytes();
    }

    /**
     * Reads an event's step (field 2), skipping the other fields by their wire type.
     *
     * @param event an event's bytes
     * @return its step (0 when absent, as proto3 defaults it)
     * @throws IllegalArgumentException if the bytes are not a protobuf message
     */
    static long step(byte[] event) {
        Object v = field(event, STEP);
        return v instanceof Long l ? l : 0;
    }

    /**
     * @param fileVersion the first record of an event file
     * @return its {@code source_metadata.writer}, or "" (files from other writers may have none)
     */
    static String writer(byte[] fileVersion) {
        try {
            return field(fileVersion, SOURCE_METADATA) instanceof byte[] meta && field(meta, WRITER) instanceof byte[] w
                    ? new String(w, java.nio.charset.StandardCharsets.UTF_8) : "";
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The first value of a field: a Long for a varint, a byte[] for a length-delimited field, else null. */
    private static Object field(byte[] message, int wanted) {
        int[] pos = {0};
        while (pos[0] < message.length) {
            long key = varint(message, pos);
            int field = (int) (key >>> 3);
            switch ((int) (key & 7)) {
                case 0 -> {
                    long v = varint(message, pos);
                    if (field == wanted) {
                        return v;
                    }
                }
                case 1 -> pos[0] += 8;
                case 2 -> {
                    long len = varint(message, pos); // read before adding: pos[0] += varint(...) would add to the old position
                    if (len < 0 || pos[0] + len > message.length) {
                        throw new IllegalArgumentException("not an event record: a field runs past its end");
                    }
                    if (field == wanted) {
                        return java.util.Arrays.copyOfRange(message, pos[0], pos[0] + (int) len);
                    }
                    pos[0] += (int) len;
                }
                case 5 -> pos[0] += 4;
                default -> throw new IllegalArgumentException("not an event record: wire type " + (key & 7) + " at byte " + pos[0]);
            }
        }
        if (pos[0] != message.length) {
            throw new IllegalArgumentException("not an event record: a field runs past its end");
        }
        return null;
    }

    private static long varint(byte[] b, int[] pos) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= b.length) {
                throw new IllegalArgumentException("not an event record: a varint runs past its end");
            }
            int x = b[pos[0]++];
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("not an event record: a varint longer than 10 bytes");
    }
}
