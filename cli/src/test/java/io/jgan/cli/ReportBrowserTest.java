package io.jgan.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Opens a run's report.html in headless Chromium: the page's script runs without an error or a refused
 * load, draws every chart, the sample images load, and the screenshot is a page, not a blank.
 *
 * <p>Chromium is Debian's {@code chromium} package; {@code .ci/run} installs it. Without it the test is
 * skipped on a developer's machine and fails under CI (environment variable CI set), so a CI run cannot
 * pass without the browser check.
 */
@Tag("browser")
class ReportBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void reportRendersInChromium() throws Exception {
        String chromium = findChromium();
        Path run = tmp.resolve("run");
        Cli t = Cli.run("train", "--model", "mlp", "--steps", "6", "--batch-size", "16", "--sample-every", "2", "--log-every", "1",
                "--out", run.toString(), "--quiet");
        assertEquals(0, t.code(), t.toString());
        String url = run.resolve("report.html").toUri().toString();

        Browser dom = chromium(chromium, "--dump-dom", "--virtual-time-budget=5000", url);
        String html = dom.stdout();
        assertFalse(dom.stderr().contains("Uncaught"), "a script error:\n" + dom.stderr());
        assertFalse(dom.stderr().contains("Refused to"), "a load the page's policy refused:\n" + dom.stderr());
        Matcher charts = Pattern.compile("data-charts=\"(\\d+)\"").matcher(html);
        assertTrue(charts.find(), "the script ran to its end");
        int n = Integer.parseInt(charts.group(1));
        assertTrue(n >= 5, "losses, D outputs, estimate, gradient norms, learning rates at least: " + n);
        assertEquals(n, count(html, "<svg "), "one SVG per chart");
        for (String series : List.of("d_loss", "g_loss", "D(x)", "D(G(z))", "grad_norm_g", "lr_d")) {
            Matcher m = Pattern.compile("<path d=\"M[^\"]{20,}\"[^>]*data-name=\"" + Pattern.quote(series) + "\"").matcher(html);
            assertTrue(m.find(), "a drawn line for " + series);
        }
        assertTrue(html.contains("data-images-loaded=\"2/2\""), "the slider's grid and the final grid loaded: "
                + find(html, "data-images-loaded=\"[^\"]*\""));
        assertEquals(3, count(html, "class=\"grid-thumb\""), "three grids in the strip");
        assertTrue(html.contains("step 6 (3 of 3)"), "the slider shows the last grid");

        Path shot = tmp.resolve("report.png");
        Browser s = chromium(chromium, "--screenshot=" + shot, "--window-size=1200,1600", "--hide-scrollbars", url);
        assertTrue(Files.isRegularFile(shot), "a screenshot:\n" + s.stderr());
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1200, img.getWidth());
        int dark = 0;
        int blue = 0;
        int red = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                dark += r + g + b < 300 ? 1 : 0;
                blue += b > 150 && r < 80 && g > 90 && g < 150 ? 1 : 0; // the first series' #1f77b4
                red += r > 180 && g < 70 && b < 70 ? 1 : 0; // the second's #d62728
            }
        }
        assertTrue(colours.size() > 100, "a page, not a blank: " + colours.size() + " colours");
        assertTrue(dark > 2000, "text and sample images: " + dark + " dark pixels");
        assertTrue(blue > 300 && red > 300, "lines of both colours in the charts: " + blue + " blue, " + red + " red pixels");
    }

    private record Browser(String stdout, String stderr) {}

    private Browser chromium(String exe, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + tmp.resolve("profile"), "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("chromium.out");
        Path err = tmp.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 120 s: " + cmd);
        }
        return new Browser(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String findChromium() {
        String given = System.getProperty("jgan.chromium");
        List<String> names = given != null ? List.of(given) : List.of("chromium", "chromium-browser", "google-chrome");
        for (String name : names) {
            if (name.contains(File.separator) && Files.isExecutable(Path.of(name))) {
                return name;
            }
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        if (System.getenv("CI") != null) {
            fail("chromium is not installed: .ci/run installs Debian's chromium package (apt-get install chromium)");
        }
        Assumptions.abort("chromium is not installed (apt-get install chromium): the browser check is skipped");
        return null;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String find(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        return m.find() ? m.group() : "(none)";
    }
}
