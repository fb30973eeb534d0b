package io.jgan.datasets.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgan.datasets.DatasetFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractorTest {
    @TempDir
    Path tmp;

    /** An entry: name, content (null for a directory), or a symlink when linkTarget is set. */
    record Entry(String name, byte[] content, String linkTarget) {
        static Entry file(String name, String text) {
            return new Entry(name, text.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    /** Writes a tar.gz of the entries into the archives directory (outside the extraction target). */
    static Path tarGz(Path file, Entry... entries) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bos);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry te;
                if (e.linkTarget != null) {
                    te = new TarArchiveEntry(e.name, TarConstants.LF_SYMLINK);
                    te.setLinkName(e.linkTarget);
                } else {
                    te = new TarArchiveEntry(e.name, true); // keep "/abs" paths as an attacker would
                    if (e.content != null) {
                        te.setSize(e.content.length);
                    }
                }
                tar.putArchiveEntry(te);
                if (e.content != null && e.linkTarget == null) {
                    tar.write(e.content);
                }
                tar.closeArchiveEntry();
            }
        }
        Files.createDirectories(file.getParent());
        return Files.write(file, bos.toByteArray());
    }

    private static List<Path> everything(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).toList();
        }
    }

    @Test
    void extractsFilesAndDirectories() throws IOException {
        Path archive = tarGz(tmp.resolve("in/a.tar.gz"), new Entry("./", null, null), new Entry("data/", null, null),
                Entry.file("data/x.bin", "hello"), Entry.file("data/sub/y.txt", "world"));
        Path out = tmp.resolve("out");
        List<Path> written = ArchiveExtractor.extractTarGz(archive, out, ArchiveExtractor.DEFAULT_LIMITS);
        assertEquals(List.of(out.resolve("data/x.bin"), out.resolve("data/sub/y.txt")), written);
        assertEquals("world", Files.readString(out.resolve("data/sub/y.txt")));
        assertTrue(everything(out).stream().noneMatch(p -> p.getFileName().toString().startsWith(".extract")),
                "staging directory removed");
    }

    private void refused(Path archive, ArchiveExtractor.Limits limits, String fragment) throws IOException {
        Path out = tmp.resolve("out-" + archive.getFileName());
        byte[] before = Files.readAllBytes(archive);
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> ArchiveExtractor.extractTarGz(archive, out, limits));
        assertTrue(e.getMessage().startsWith(archive.toString()) && e.getMessage().contains(fragment), e.getMessage());
        assertEquals(List.of(), everything(out), "nothing left behind");
        assertTrue(Arrays.equals(before, Files.readAllBytes(archive)), "archive untouched");
    }

    @Test
    void refusesEntriesThatEscapeTheTarget() throws IOException {
        refused(tarGz(tmp.resolve("in/dotdot.tar.gz"), Entry.file("ok.txt", "fine"), Entry.file("../evil.txt", "x")),
                ArchiveExtractor.DEFAULT_LIMITS, "'../evil.txt' escapes");
        assertFalse(Files.exists(tmp.resolve("evil.txt")));
        refused(tarGz(tmp.resolve("in/inner.tar.gz"), Entry.file("a/../../evil.txt", "x")),
                ArchiveExtractor.DEFAULT_LIMITS, "escapes");
        refused(tarGz(tmp.resolve("in/abs.tar.gz"), Entry.file("/tmp/evil.txt", "x")),
                ArchiveExtractor.DEFAULT_LIMITS, "absolute path");
        refused(tarGz(tmp.resolve("in/link.tar.gz"), new Entry("link", null, "/etc/passwd")),
                ArchiveExtractor.DEFAULT_LIMITS, "link or special file");
    }

    @Test
    void refusesArchivesOverTheSizeLimits() throws IOException {
        byte[] big = new byte[5000];
        Path one = tarGz(tmp.resolve("in/big.tar.gz"), Entry.file("small.txt", "x"), new Entry("big.bin", big, null));
        refused(one, new ArchiveExtractor.Limits(4000, 1 << 20, 100), "'big.bin' is 5000 bytes, over the limit of 4000");
        Path many = tarGz(tmp.resolve("in/many.tar.gz"), new Entry("a", big, null), new Entry("b", big, null),
                new Entry("c", big, null));
        refused(many, new ArchiveExtractor.Limits(6000, 12000, 100), "total over the limit of 12000");
        refused(many, new ArchiveExtractor.Limits(6000, 1 << 20, 2), "more than 2 entries");
    }

    @Test
    void refusesCorruptArchives() throws IOException {
        Path good = tarGz(tmp.resolve("in/good.tar.gz"), Entry.file("x.txt", "some content"));
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(tmp.resolve("in/cut.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        refused(cut, ArchiveExtractor.DEFAULT_LIMITS, "corrupt or truncated");
        Path garbage = Files.write(tmp.resolve("in/garbage.tar.gz"), "not gzip at all".getBytes(StandardCharsets.UTF_8));
        refused(garbage, ArchiveExtractor.DEFAULT_LIMITS, "corrupt or truncated");
    }
}
