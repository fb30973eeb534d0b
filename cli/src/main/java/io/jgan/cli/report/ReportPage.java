package io.jgan.cli.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The page of one run, {@code report.html}: header, training curves with smoothing, the sample grids
 * over time (a slider and a strip of thumbnails), the final grid large, and the configuration.
 */
public final class ReportPage {
    /** The report's file name in a run directory. */
    public static final String FILE_NAME = "report.html";
    /** Thumbnails in the strip at most; the slider reaches every grid. */
    static final int STRIP = 24;

    private ReportPage() {}

    /**
     * @param run the run's data
     * @param pageDir where the page will be written (images are addressed from there)
     * @param embed inline the images (one file to share) instead of linking to samples/
     * @param note a line for the footer, or null
     * @return the page
     * @throws IOException if an embedded image cannot be read
     */
    public static String render(RunData run, Path pageDir, boolean embed, String note) throws IOException {
        StringBuilder b = new StringBuilder(64 * 1024);
        Map<String, Object> c = run.flatConfig();
        String subtitle = String.join(" \u00b7 ", List.of(str(run.model()), str(run.setting("loss", "objective.loss")), str(run.dataset()))
                .stream().filter(s -> !s.isEmpty()).toList());
        long last = run.lastStep();
        head(b, "jgan \u00b7 " + run.name(), run.twoD() ? "points" : "images");
        b.append("<header><h1>").append(Html.escape(run.name())).append("</h1><p class=\"sub\">")
                .append(Html.escape(subtitle)).append(subtitle.isEmpty() ? "" : " \u2014 ").append("step ").append(last)
                .append(run.setting("steps", "schedule.steps") instanceof Number s && s.longValue() > 0 ? " of " + s : "")
                .append(" \u00b7 updated ").append(now()).append("</p></header>\n");
        chartsSection(b, "Training curves");
        List<Map.Entry<Long, Path>> grids = new ArrayList<>(run.grids().entrySet());
        List<String> srcs = new ArrayList<>();
        for (Map.Entry<Long, Path> g : grids) {
            srcs.add(Html.imageSrc(g.getValue(), pageDir, embed));
        }
        b.append("<section id=\"samples\"><h2>").append(run.twoD() ? "Generated points over the real data (scatter plots)" : "Samples")
                .append(" over time</h2>\n");
        if (grids.isEmpty()) {
            b.append("<p class=\"empty\">No sample grid yet.</p>\n");
        } else {
            b.append("<div class=\"viewer\"><div class=\"controls\"><label>Step <input type=\"range\" id=\"grid-slider\" min=\"0\" max=\"")
                    .append(grids.size() - 1).append("\" value=\"").append(grids.size() - 1).append("\"></label> <span id=\"grid-step\"></span></div>")
                    .append("<img id=\"grid-view\" alt=\"sample grid\" src=\"").append(Html.escape(srcs.getLast())).append("\"></div>\n");
            b.append("<div class=\"strip\">");
            for (int i : thin(grids.size(), STRIP)) {
                b.append("<figure data-step=\"").append(grids.get(i).getKey()).append("\"><img class=\"grid-thumb\" loading=\"lazy\" alt=\"step ")
                        .append(grids.get(i).getKey()).append("\" src=\"").append(Html.escape(srcs.get(i))).append("\"><figcaption>step ")
                        .append(grids.get(i).getKey()).append("</figcaption></figure>");
            }
            b.append("</div></section>\n<section id=\"final\"><h2>Final samples (step ").append(grids.getLast().getKey()).append(")</h2>")
                    .append("<img class=\"final\" alt=\"final samples\" src=\"").append(Html.escape(srcs.getLast())).append("\">");
        }
        b.append("</section>\n");
        b.append("<section id=\"config\"><h2>Configuration</h2>");
        if (c.isEmpty()) {
            b.append("<p class=\"empty\">No config.json.</p>");
        } else {
            b.append("<table><tbody>");
            c.forEach((k, v) -> b.append("<tr><th>").append(Html.escape(k)).append("</th><td>").append(v == null ? "" : Html.escape(Html.number(v)))
                    .append("</td></tr>"));
            b.append("</tbody></table>");
        }
        b.append("</section>\n");
        StringBuilder data = new StringBuilder("{\"charts\":");
        Charts.json(Charts.forRun(run), data);
        data.append(",\"grids\":[");
        for (int i = 0; i < grids.size(); i++) {
            data.append(i > 0 ? "," : "").append("{\"step\":").append(grids.get(i).getKey()).append(",\"src\":");
            Charts.string(data, srcs.get(i));
            data.append('}');
        }
        data.append("]}");
        tail(b, data.toString(), note);
        return b.toString();
    }

    /** @return up to max indices spread evenly over 0..n-1, always with the first and the last */
    static List<Integer> thin(int n, int max) {
        List<Integer> out = new ArrayList<>();
        if (n <= max) {
            for (int i = 0; i < n; i++) {
                out.add(i);
            }
            return out;
        }
        for (int k = 0; k < max; k++) {
            out.add((int) Math.round((double) k * (n - 1) / (max - 1)));
        }
        return out;
    }

    static void head(StringBuilder b, String title, String bodyClass) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(Html.CSP).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"jgan\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(Html.resource("report.css"))
                .append("</style></head>\n<body class=\"").append(bodyClass).append("\">\n");
    }

    static void chartsSection(StringBuilder b, String title) {
        b.append("<section id=\"charts\"><h2>").append(title).append("</h2>\n<div class=\"controls\">")
                .append("<label>Smoothing <input type=\"range\" id=\"smoothing\" min=\"0\" max=\"0.99\" step=\"0.01\" value=\"0.6\"></label>")
                .append("<output id=\"smoothing-value\">0.60</output>")
                .append("<label><input type=\"checkbox\" id=\"outliers\"> ignore outliers in the scale</label>")
                .append("<span>faint: raw values (lines of 30 points or fewer are not smoothed); hover a chart to read them</span></div>\n")
                .append("<div class=\"charts\" id=\"chart-list\"></div>\n")
                .append("<noscript><p class=\"empty\">The charts are drawn by the page's script; the numbers are in metrics.jsonl.</p></noscript>")
                .append("</section>\n");
    }

    static void tail(StringBuilder b, String dataJson, String note) {
        b.append("<footer>Written by jgan").append(note == null ? "" : ". " + Html.escape(note)).append("</footer>\n")
                .append("<script type=\"application/json\" id=\"report-data\">").append(Html.scriptSafe(dataJson)).append("</script>\n")
                .append("<script>\n").append(Html.resource("report.js")).append("</script>\n</body></html>\n");
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }
}
