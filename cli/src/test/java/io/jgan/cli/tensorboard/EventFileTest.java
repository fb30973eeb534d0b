package io.jgan.cli.tensorboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event files as TensorBoard reads them, checked by {@link EventReader} (independent CRC and protobuf decoding). */
class EventFileTest {
    @TempDir
    Path dir;

    @Test
    void referenceCrc32cOfTheReader() {
        // The check value of CRC-32C (RFC 3720 appendix B.4; "123456789" -> 0xE3069283): the test's own CRC is right.
        assertEquals(0xE3069283, EventReader.crc32c("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9));
        byte[] zeros = new byte[32];
        assertEquals(0x8A9136AA, EventReader.crc32c(zeros, 0, 32));
    }

    @Test
    void scalarsAndImagesDecodeWithTheirCrcsValid() throws IOException {
        byte[] png = png(5, 3, BufferedImage.TYPE_INT_RGB);
        byte[] grey = png(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        Path file;
        try (EventFile f = EventFile.create(dir)) {
            file = f.file();
            Map<String, Float> v = new LinkedHashMap<>();
            v.put("loss/d_loss", 1.25f);
            v.put("loss/g_loss", -0.5f);
            v.put("eval/fid", Float.NaN);
            f.scalars(10, v);
            f.image(20, "samples", png);
            f.image(3_000_000_000L, "grey", grey); // a step past 2^31: a multi-byte varint
        }
        assertTrue(file.getFileName().toString().matches("events\\.out\\.tfevents\\.\\d{10}\\.[A-Za-z0-9._-]+"), file.toString());
        List<EventReader.Event> events = EventReader.read(file);
        assertEquals(4, events.size());
        assertEquals("brain.Event:2", events.get(0).fileVersion());
        assertEquals("jgan", events.get(0).writer());
        double now = System.currentTimeMillis() / 1000.0;
        for (EventReader.Event e : events) {
            assertTrue(Math.abs(e.wallTime() - now) < 600, "wall time in seconds since the epoch: " + e.wallTime());
        }
        EventReader.Event s = events.get(1);
        assertNull(s.fileVersion());
        assertEquals(10, s.step());
        assertEquals(List.of("loss/d_loss", "loss/g_loss", "eval/fid"), List.copyOf(s.scalars().keySet()));
        assertEquals(1.25f, s.scalars().get("loss/d_loss"));
        assertEquals(-0.5f, s.scalars().get("loss/g_loss"));
        assertTrue(Float.isNaN(s.scalars().get("eval/fid")));
        EventReader.Image img = events.get(2).images().get("samples");
        assertEquals(20, events.get(2).step());
        assertEquals(3, img.height());
        assertEquals(5, img.width());
        assertEquals(3, img.colorspace());
        assertArrayEquals(png, img.png());
        EventReader.Image g = events.get(3).images().get("grey");
        assertEquals(3_000_000_000L, events.get(3).step());
        assertEquals(1, g.colorspace());
        assertEquals(2, g.height());
    }

    @Test
    void resumeDropsRecordsPastTheCheckpointAndAppends() throws IOException {
        Path file;
        try (EventFile f = EventFile.create(dir)) {
            file = f.file();
            for (long step = 10; step <= 50; step += 10) {
                f.scalars(step, Map.of("loss/d_loss", (float) step));
            }
            f.image(40, "samples", png(2, 2, BufferedImage.TYPE_INT_RGB));
        }
        try (EventFile f = EventFile.resume(dir, 30)) {
            assertEquals(file, f.file(), "the newest event file is continued");
            f.scalars(40, Map.of("loss/d_loss", 400f));
        }
        List<EventReader.Event> events = EventReader.read(file);
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L), events.stream().map(EventReader.Event::step).toList());
        assertEquals(400f, events.getLast().scalars().get("loss/d_loss"));
        assertTrue(events.stream().allMatch(e -> e.images().isEmpty()), "the image at step 40 came after the checkpoint");

        // Nothing past the checkpoint: the file is appended to as it is.
        long before = Files.size(file);
        try (EventFile f = EventFile.resume(dir, 40)) {
            f.scalars(50, Map.of("loss/d_loss", 500f));
        }
        assertEquals(6, EventReader.read(file).size());
        assertTrue(Files.size(file) > before);
    }

    @Test
    void resumeDropsARecordACrashCutShort() throws IOException {
        Path file;
        try (EventFile f = EventFile.create(dir)) {
            file = f.file();
            f.scalars(1, Map.of("a/x", 1f));
        }
        byte[] whole = Files.readAllBytes(file);
        byte[] record = TfRecord.frame(Events.scalars(0, 2, Map.of("a/x", 2f)));
        Files.write(file, java.util.Arrays.copyOf(record, record.length - 3), StandardOpenOption.APPEND);
        assertThrows(AssertionError.class, () -> EventReader.read(file));
        try (EventFile f = EventFile.resume(dir, 5)) {
            f.scalars(2, Map.of("a/x", 2f));
        }
        List<EventReader.Event> events = EventReader.read(file);
        assertEquals(List.of(0L, 1L, 2L), events.stream().map(EventReader.Event::step).toList());
        assertArrayEquals(whole, java.util.Arrays.copyOf(Files.readAllBytes(file), whole.length));
    }

    @Test
    void anotherProgramsEventFileIsNeverContinued() throws IOException {
        Path ours;
        try (EventFile f = EventFile.create(dir)) {
            ours = f.file();
            f.scalars(5, Map.of("a/x", 5f));
        }
        // A newer file from another writer (no source_metadata), with steps past the checkpoint.
        Path theirs = dir.resolve(EventFile.PREFIX + "9999999999.elsewhere");
        byte[] foreign = concat(TfRecord.frame(new Protobuf().doubleField(1, 1).string(3, "brain.Event:2").toBytes()),
                TfRecord.frame(Events.scalars(1, 50, Map.of("a/x", 50f))));
        Files.write(theirs, foreign);
        try (EventFile f = EventFile.resume(dir, 3)) {
            assertEquals(ours, f.file());
        }
        assertArrayEquals(foreign, Files.readAllBytes(theirs), "left as it was");
        assertEquals(List.of(0L), EventReader.read(ours).stream().map(EventReader.Event::step).toList());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void resumeWithoutAnEventFileStartsOne() throws IOException {
        try (EventFile f = EventFile.resume(dir, 7)) {
            assertEquals("brain.Event:2", EventReader.read(f.file()).getFirst().fileVersion());
        }
    }

    @Test
    void anImageMustBeAPng() throws IOException {
        try (EventFile f = EventFile.create(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.image(1, "x", new byte[40]));
            assertTrue(e.getMessage().contains("not a PNG"), e.getMessage());
        }
    }

    private static byte[] png(int w, int h, int type) throws IOException {
        BufferedImage img = new BufferedImage(w, h, type);
        img.getRaster().setSample(1, 1, 0, 200);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
