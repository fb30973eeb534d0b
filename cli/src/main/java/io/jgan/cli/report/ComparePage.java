package io.jgan.cli.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The page comparing several runs: one chart per logged number with a line per run (each run keeps its
 * colour across charts), the final sample grid of each, and their configurations side by side with the
 * values that differ marked.
 */
public final class ComparePage {
    private ComparePage() {}

    /**
     * @param runs the runs, at least two
     * @param pageDir where the page will be written
     * @param embed inline the images instead of linking to the runs' samples/
     * @return the page
     * @throws IOException if an embedded image cannot be read
     */
    public static String render(List<RunData> runs, Path pageDir, boolean embed) throws IOException {
        StringBuilder b = new StringBuilder(64 * 1024);
        List<String> names = runs.stream().map(RunData::name).toList();
        ReportPage.head(b, "jgan \u00b7 " + String.join(" vs ", names), runs.stream().allMatch(RunData::twoD) ? "points" : "images");
        b.append("<header><h1>Comparing ").append(runs.size()).append(" runs</h1><p class=\"sub\">");
        for (int i = 0; i < runs.size(); i++) {
            b.append(i > 0 ? " \u00b7 " : "").append(Html.escape(names.get(i))).append(" (step ").append(runs.get(i).lastStep())
                    .append(')');
        }
        b.append("</p></header>\n");
        ReportPage.chartsSection(b, "Training curves");
        b.append("<section id=\"final\"><h2>Final samples</h2><div class=\"finals\">");
        for (RunData run : runs) {
            b.append("<figure>");
            if (run.grids().isEmpty()) {
                b.append("<p class=\"empty\">no sample grid</p>");
            } else {
                b.append("<img class=\"final-grid\" alt=\"").append(Html.escape(run.name())).append("\" src=\"")
                        .append(Html.escape(Html.imageSrc(run.grids().lastEntry().getValue(), pageDir, embed))).append("\">");
            }
            b.append("<figcaption>").append(Html.escape(run.name()))
                    .append(run.grids().isEmpty() ? "" : ", step " + run.grids().lastKey()).append("</figcaption></figure>");
        }
        b.append("</div></section>\n<section id=\"config\"><h2>Configuration</h2><table><thead><tr><th></th>");
        for (String n : names) {
            b.append("<th>").append(Html.escape(n)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        List<Map<String, Object>> configs = runs.stream().map(RunData::flatConfig).toList();
        Set<String> keys = new LinkedHashSet<>();
        configs.forEach(c -> keys.addAll(c.keySet()));
        for (String k : keys) {
            List<Object> values = new ArrayList<>();
            configs.forEach(c -> values.add(c.get(k)));
            boolean differs = values.stream().map(v -> Objects.toString(v)).distinct().count() > 1;
            b.append("<tr><th>").append(Html.escape(k)).append("</th>");
            for (Object v : values) {
                b.append(differs ? "<td class=\"differs\">" : "<td>").append(v == null ? "" : Html.escape(Html.number(v))).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table></section>\n");
        StringBuilder data = new StringBuilder("{\"charts\":");
        Charts.json(Charts.forRuns(runs), data);
        data.append(",\"grids\":[]}");
        ReportPage.tail(b, data.toString(), "values that differ between the runs are highlighted");
        return b.toString();
    }
}
