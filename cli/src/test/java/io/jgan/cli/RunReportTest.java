package io.jgan.cli;

import io.jgan.cli.tensorboard.EventFile;
import io.jgan.cli.tensorboard.EventReader;
import io.jgan.tensor.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A training run leaves report.html and a TensorBoard event file that agree with metrics.jsonl and the
 * sample grids; {@code --resume} continues both without repeating steps; {@code jgan report} rewrites
 * the report and compares runs.
 */
class RunReportTest {
    @TempDir
    Path tmp;

    @Test
    void runWritesReportAndEventsThatMatchItsFilesAndResumesThem() throws IOException {
        // The MLP keeps the test quick; the listener does not depend on the model (the README's DCGAN run was checked by hand).
        Path run = tmp.resolve("mnist");
        Cli t = Cli.run("train", "--model", "mlp", "--dataset", "mnist", "--steps", "6", "--sample-every", "2", "--log-every", "1",
                "--batch-size", "16", "--out", run.toString(), "--quiet");
        assertEquals(0, t.code(), t.toString());

        String html = Files.readString(run.resolve("report.html"));
        assertEquals(List.of(2L, 4L, 6L), gridSteps(html));
        assertNothingFromTheNetwork(html, run);
        Map<?, ?> data = reportData(html);
        List<String> lossLines = seriesNames(data, "loss");
        assertTrue(lossLines.containsAll(List.of("d_loss", "g_loss")), lossLines.toString());

        Path events = onlyEventFile(run);
        checkAgainstRunFiles(run, EventReader.read(events), 6);

        // A crash after the checkpoint at step 6 would have left later records: resuming must drop them.
        try (EventFile f = EventFile.resume(run, Long.MAX_VALUE)) {
            f.scalars(7, Map.of("loss/d_loss", 99f));
        }
        Cli resumed = Cli.run("train", "--resume", run.toString(), "--steps", "10", "--quiet");
        assertEquals(0, resumed.code(), resumed.toString());
        assertEquals(events, onlyEventFile(run), "the resumed run continues its event file");
        checkAgainstRunFiles(run, EventReader.read(events), 10);
        String after = Files.readString(run.resolve("report.html"));
        assertEquals(List.of(2L, 4L, 6L, 8L, 10L), gridSteps(after));
        List<?> dLoss = (List<?>) series(reportData(after), "loss", "d_loss").get("x");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), dLoss, "the report's curve holds each step once");
    }

    /** Every scalar equals its metrics.jsonl value as a float, each step once; each image is its grid's PNG. */
    private static void checkAgainstRunFiles(Path run, List<EventReader.Event> events, int steps) throws IOException {
        assertEquals("brain.Event:2", events.getFirst().fileVersion());
        List<Long> scalarSteps = new ArrayList<>();
        List<Long> imageSteps = new ArrayList<>();
        List<Map<?, ?>> lines = Files.readAllLines(run.resolve("metrics.jsonl")).stream().<Map<?, ?>>map(l -> (Map<?, ?>) Json.parse(l)).toList();
        for (EventReader.Event e : events.subList(1, events.size())) {
            if (!e.scalars().isEmpty()) {
                scalarSteps.add(e.step());
                Map<?, ?> line = lines.stream().filter(l -> ((Number) l.get("step")).longValue() == e.step()).reduce((a, b) -> b).orElseThrow();
                assertEquals(((Number) line.get("d_loss")).floatValue(), e.scalars().get("loss/d_loss"), "d_loss at step " + e.step());
                assertEquals(((Number) line.get("g_loss")).floatValue(), e.scalars().get("loss/g_loss"), "g_loss at step " + e.step());
                assertEquals(((Number) line.get("d_real")).floatValue(), e.scalars().get("D/d_real"));
                assertEquals(((Number) line.get("lr_g")).floatValue(), e.scalars().get("lr/lr_g"));
            }
            for (Map.Entry<String, EventReader.Image> img : e.images().entrySet()) {
                imageSteps.add(e.step());
                assertEquals("samples", img.getKey());
                assertArrayEquals(Files.readAllBytes(run.resolve(String.format("samples/step-%06d.png", e.step()))), img.getValue().png());
                assertEquals(3, img.getValue().colorspace());
            }
        }
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= steps; s++) {
            expected.add(s);
        }
        assertEquals(expected, scalarSteps, "one scalar event per metrics line, in order, none repeated");
        assertEquals(expected.stream().filter(s -> s % 2 == 0).toList(), imageSteps, "one image per sample grid");
    }

    @Test
    void reportCommandRegeneratesAndCompares() throws IOException {
        Path a = tmp.resolve("run-a");
        Path b = tmp.resolve("run b"); // a space: image addresses are percent-encoded
        for (Path p : List.of(a, b)) {
            Cli t = Cli.run("train", "--model", "mlp", "--steps", "4", "--batch-size", "8", "--sample-every", "2", "--log-every", "1",
                    "--lr", p == a ? "0.0002" : "0.001", "--out", p.toString(), "--quiet");
            assertEquals(0, t.code(), t.toString());
        }
        Files.delete(a.resolve("report.html"));
        Path page = tmp.resolve("pages/compare.html");
        Cli r = Cli.run("report", a.toString(), b.toString(), "--out", page.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of(a.resolve("report.html").toString(), b.resolve("report.html").toString(), page.toString()), r.outLines());
        assertEquals(List.of(2L, 4L), gridSteps(Files.readString(a.resolve("report.html"))));

        String html = Files.readString(page);
        assertNothingFromTheNetwork(html, page.getParent());
        assertTrue(html.contains("../run%20b/samples/step-000004.png"), "relative, encoded image address");
        Map<?, ?> data = reportData(html);
        assertEquals(List.of("run-a", "run b"), seriesNames(data, "loss/d_loss"));
        assertTrue(html.contains("<td class=\"differs\">0.0002</td>"), "the learning rate that differs is marked");

        Cli embedded = Cli.run("report", a.toString(), "--embed");
        assertEquals(0, embedded.code(), embedded.toString());
        String self = Files.readString(a.resolve("report.html"));
        assertTrue(self.contains("src=\"data:image/png;base64,") && !self.contains("samples/step-"), "--embed inlines the images");
    }

    @Test
    void reportOfSomethingThatIsNotARunIsAUserError() {
        Cli r = Cli.run("report", tmp.resolve("nothing").toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.err().contains("not a run directory"), r.err());
        Cli one = Cli.run("report", tmp.toString(), "--out", "x.html");
        assertEquals(2, one.code(), one.toString());
    }

    static Path onlyEventFile(Path run) throws IOException {
        try (var s = Files.list(run)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).toList();
            assertEquals(1, files.size(), files.toString());
            return files.getFirst();
        }
    }

    static List<Long> gridSteps(String html) {
        List<Long> steps = new ArrayList<>();
        Matcher m = Pattern.compile("<img class=\"grid-thumb\"[^>]*alt=\"step (\\d+)\"").matcher(html);
        while (m.find()) {
            steps.add(Long.parseLong(m.group(1)));
        }
        return steps;
    }

    /** No address that leaves the machine; every image is a file beside the page (or inline). */
    static void assertNothingFromTheNetwork(String html, Path pageDir) {
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"), "the page forbids loading from elsewhere");
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"?(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(html).find(), "an absolute address");
        assertFalse(Pattern.compile("url\\(|@import|<link|<iframe|fetch\\(|XMLHttpRequest").matcher(html).find(), "a loading construct");
        Matcher m = Pattern.compile("src=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            String src = m.group(1);
            if (!src.startsWith("data:image/png;base64,")) {
                Path file = pageDir.resolve(java.net.URLDecoder.decode(src, java.nio.charset.StandardCharsets.UTF_8));
                assertTrue(Files.isRegularFile(file), "the image " + src + " is a file beside the page");
            }
        }
    }

    static Map<?, ?> reportData(String html) {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "the page embeds its data");
        return (Map<?, ?>) Json.parse(m.group(1).replace("<\\/", "</"));
    }

    static Map<?, ?> chart(Map<?, ?> data, String id) {
        return ((List<?>) data.get("charts")).stream().map(c -> (Map<?, ?>) c).filter(c -> c.get("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no chart " + id));
    }

    static List<String> seriesNames(Map<?, ?> data, String chartId) {
        return ((List<?>) chart(data, chartId).get("series")).stream().map(s -> (String) ((Map<?, ?>) s).get("name")).toList();
    }

    static Map<?, ?> series(Map<?, ?> data, String chartId, String name) {
        return ((List<?>) chart(data, chartId).get("series")).stream().map(s -> (Map<?, ?>) s).filter(s -> s.get("name").equals(name))
                .findFirst().orElseThrow();
    }
}
