package io.jgan.cli.tensorboard;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a TensorBoard event file without any of jgan's writer code: the TFRecord framing is split here with
 * a bit-by-bit CRC-32C (not the JDK's table-driven one the writer uses), and each record is decoded by
 * Google's protobuf library as an unknown-field set, by field number (event.proto: wall_time 1, step 2,
 * file_version 3, summary 5, source_metadata 10 {writer 1}; summary.proto: value 1 {tag 1, simple_value 2, image 4 {height 1, width 2,
 * colorspace 3, encoded_image_string 4}}).
 */
public final class EventReader {
    /** @param height pixels @param width pixels @param colorspace channels @param png the encoded image */
    public record Image(int height, int width, int colorspace, byte[] png) {}

    /** One event: a header (fileVersion set) or a summary of scalars and images. */
    public record Event(double wallTime, long step, String fileVersion, String writer, Map<String, Float> scalars,
                        Map<String, Image> images) {}

    private EventReader() {}

    /**
     * @param file an event file
     * @return its events in order
     * @throws IOException if it cannot be read
     * @throws AssertionError if a length or CRC is wrong or a record is not an Event
     */
    public static List<Event> read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> out = new ArrayList<>();
        while (in.hasRemaining()) {
            int start = in.position();
            check(in.remaining() >= 12, "a record header cut short at byte " + start);
            long len = in.getLong();
            check(in.getInt() == masked(crc32c(b, start, 8)), "length CRC of the record at byte " + start);
            check(len >= 0 && len <= in.remaining() - 4, "a record longer than the file at byte " + start);
            byte[] data = new byte[(int) len];
            in.get(data);
            check(in.getInt() == masked(crc32c(data, 0, data.length)), "data CRC of the record at byte " + start);
            out.add(decode(data));
        }
        return out;
    }

    private static Event decode(byte[] data) throws InvalidProtocolBufferException {
        UnknownFieldSet e = UnknownFieldSet.parseFrom(data);
        double wall = Double.longBitsToDouble(only(e.getField(1).getFixed64List(), 0L));
        long step = only(e.getField(2).getVarintList(), 0L);
        String version = e.hasField(3) ? e.getField(3).getLengthDelimitedList().getFirst().toString(StandardCharsets.UTF_8) : null;
        String writer = e.hasField(10) ? UnknownFieldSet.parseFrom(e.getField(10).getLengthDelimitedList().getFirst()).getField(1)
                .getLengthDelimitedList().getFirst().toString(StandardCharsets.UTF_8) : null;
        Map<String, Float> scalars = new LinkedHashMap<>();
        Map<String, Image> images = new LinkedHashMap<>();
        if (e.hasField(5)) {
            UnknownFieldSet summary = UnknownFieldSet.parseFrom(e.getField(5).getLengthDelimitedList().getFirst());
            for (ByteString v : summary.getField(1).getLengthDelimitedList()) {
                UnknownFieldSet value = UnknownFieldSet.parseFrom(v);
                String tag = value.getField(1).getLengthDelimitedList().getFirst().toString(StandardCharsets.UTF_8);
                if (value.hasField(2)) {
                    scalars.put(tag, Float.intBitsToFloat(value.getField(2).getFixed32List().getFirst()));
                }
                if (value.hasField(4)) {
                    UnknownFieldSet img = UnknownFieldSet.parseFrom(value.getField(4).getLengthDelimitedList().getFirst());
                    images.put(tag, new Image(only(img.getField(1).getVarintList(), 0L).intValue(),
                            only(img.getField(2).getVarintList(), 0L).intValue(), only(img.getField(3).getVarintList(), 0L).intValue(),
                            img.getField(4).getLengthDelimitedList().getFirst().toByteArray()));
                }
            }
        }
        return new Event(wall, step, version, writer, scalars, images);
    }

    private static <T> T only(List<T> values, T absent) {
        check(values.size() <= 1, "a non-repeated field appears " + values.size() + " times");
        return values.isEmpty() ? absent : values.getFirst();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("invalid event file: " + what);
        }
    }

    /** CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), one bit at a time. */
    static int crc32c(byte[] b, int off, int len) {
        int crc = ~0;
        for (int i = off; i < off + len; i++) {
            crc ^= b[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc >>> 1) ^ ((crc & 1) != 0 ? 0x82F63B78 : 0);
            }
        }
        return ~crc;
    }

    static int masked(int crc) {
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }
}
