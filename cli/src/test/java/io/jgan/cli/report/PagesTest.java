package io.jgan.cli.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces of the pages that are easy to get subtly wrong: escaping, thinning, addresses, chart grouping. */
class PagesTest {
    @TempDir
    Path dir;

    @Test
    void textCannotEscapeItsElement() {
        assertEquals("&lt;/script&gt;&amp;&quot;&#39;", Html.escape("</script>&\"'"));
        assertEquals("{\"a\":\"<\\/script><\\!--\"}", Html.scriptSafe("{\"a\":\"</script><!--\"}"));
    }

    @Test
    void stripThinningKeepsFirstAndLast() {
        assertEquals(List.of(0, 1, 2), ReportPage.thin(3, 24));
        List<Integer> t = ReportPage.thin(1000, 24);
        assertEquals(24, t.size());
        assertEquals(0, t.getFirst());
        assertEquals(999, t.getLast());
    }

    @Test
    void imageAddressesAreRelativeAndEncoded() throws IOException {
        Path img = dir.resolve("a run/samples/step-000001.png");
        assertEquals("samples/step-000001.png", Html.imageSrc(img, dir.resolve("a run"), false));
        assertEquals("../a%20run/samples/step-000001.png", Html.imageSrc(img, dir.resolve("pages"), false));
    }

    @Test
    void aNestedConfigurationIsShownOneSettingARow() throws IOException {
        Files.writeString(dir.resolve("config.json"),
                "{\"model\":{\"name\":\"toy\",\"latent\":2},\"objective\":{\"loss\":\"wgan-gp\",\"penalties\":[\"gp\"]},\"data\":{\"dataset\":\"ring8\"}}");
        RunData run = RunData.load(dir, Long.MAX_VALUE);
        assertEquals(List.of("model.name", "model.latent", "objective.loss", "objective.penalties", "data.dataset"),
                List.copyOf(run.flatConfig().keySet()));
        assertEquals("[\"gp\"]", run.flatConfig().get("objective.penalties"));
        assertEquals("toy", run.model());
        assertEquals("ring8", run.dataset());
        assertEquals("wgan-gp", run.setting("loss"));
        assertTrue(run.twoD());
        String page = ReportPage.render(run, dir, false, null);
        assertTrue(page.contains("toy \u00b7 wgan-gp \u00b7 ring8"), "the subtitle finds nested settings");
        assertTrue(page.contains("<th>objective.loss</th><td>wgan-gp</td>"));

        // The run specification's JSON form names them model.kind, data.name, objective.loss, schedule.steps.
        Files.writeString(dir.resolve("config.json"), "{\"format\":2,\"model\":{\"kind\":\"dcgan\",\"latent\":62},"
                + "\"data\":{\"name\":\"mnist\",\"dir\":null},\"objective\":{\"loss\":\"hinge\",\"penalties\":[]},"
                + "\"schedule\":{\"steps\":300}}");
        RunData spec = RunData.load(dir, Long.MAX_VALUE);
        assertEquals("dcgan", spec.model());
        assertEquals("mnist", spec.dataset());
        assertTrue(!spec.twoD());
        assertTrue(ReportPage.render(spec, dir, false, null).contains("dcgan \u00b7 hinge \u00b7 mnist \u2014 step 0 of 300"));
    }

    @Test
    void chartsGroupRelatedNumbersAndThinLongRuns() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"model\":\"dcgan\",\"loss\":\"wgan-gp\",\"dataset\":\"mnist\"}");
        StringBuilder lines = new StringBuilder();
        for (int s = 1; s <= 10_001; s++) {
            lines.append("{\"step\":").append(s).append(",\"d_loss\":").append(s).append(",\"g_loss\":1,\"d_real\":0.5,\"d_fake\":0.4,")
                    .append("\"w_estimate\":0.1,\"penalty\":0.2,\"grad_norm_g\":1,\"grad_norm_d\":2,\"lr_g\":1e-4,\"lr_d\":1e-4}\n");
        }
        Files.writeString(dir.resolve(RunData.METRICS), lines, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(RunData.EVAL), "{\"step\":5000,\"ema\":false,\"fid\":12.5,\"kid_mean\":0.01}\n");
        RunData run = RunData.load(dir, Long.MAX_VALUE);
        List<Charts.Chart> charts = Charts.forRun(run);
        assertEquals(List.of("loss", "D", "estimate", "grad_norm", "lr", "eval/fid", "eval/kid_mean"),
                charts.stream().map(Charts.Chart::id).toList());
        assertEquals(List.of("d_loss", "g_loss", "penalty"), charts.getFirst().lines().stream().map(Charts.Line::name).toList());
        assertEquals(List.of("D(x)", "D(G(z))"), charts.get(1).lines().stream().map(Charts.Line::name).toList());
        assertEquals("Wasserstein estimate", charts.get(2).title());
        StringBuilder json = new StringBuilder();
        Charts.json(charts.subList(0, 1), json);
        String xs = json.substring(json.indexOf("\"x\":[") + 5, json.indexOf("]", json.indexOf("\"x\":[")));
        String[] steps = xs.split(",");
        assertTrue(steps.length <= Charts.MAX_POINTS + 1, steps.length + " points");
        assertEquals("1", steps[0]);
        assertEquals("10001", steps[steps.length - 1], "the latest step is always drawn");

        String page = ReportPage.render(run, dir, false, "a note");
        assertTrue(page.contains("<h1>" + dir.getFileName() + "</h1>"));
        assertTrue(page.contains("dcgan \u00b7 wgan-gp \u00b7 mnist"));
        assertTrue(page.contains("No sample grid yet."));
        assertTrue(page.contains("a note"));
        assertFalse(page.contains("http://") && !page.contains("http://www.w3.org/2000/svg"), "only the SVG namespace name");
    }
}
