import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plots FID against training steps for each peer: the mean over seeds, with their standard deviation as error bars:
 *
 *   java -cp cli/target/lib/xchart-3.8.8.jar benchmarks/quality/CurvePlot.java curve.csv docs/fid-vs-steps.png "title"
 *
 * The CSV has a header and rows {@code peer,seed,step,fid} (what curve.sh writes).
 */
public final class CurvePlot {
    public static void main(String[] args) throws Exception {
        Map<String, TreeMap<Integer, List<Double>>> byPeer = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of(args[0])).subList(1, Files.readAllLines(Path.of(args[0])).size())) {
            String[] f = line.split(",");
            byPeer.computeIfAbsent(f[0], k -> new TreeMap<>()).computeIfAbsent(Integer.parseInt(f[2]), k -> new ArrayList<>())
                    .add(Double.parseDouble(f[3]));
        }
        XYChart c = new XYChartBuilder().width(720).height(420).title(args.length > 2 ? args[2] : "FID vs steps")
                .xAxisTitle("generator steps (batch 64)").yAxisTitle("FID (jgan evaluator, 10k samples; lower is better)").build();
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        for (var e : byPeer.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> means = new ArrayList<>();
            List<Double> spread = new ArrayList<>();
            int seeds = 0;
            for (var s : e.getValue().entrySet()) {
                double m = s.getValue().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                double v = s.getValue().stream().mapToDouble(x -> (x - m) * (x - m)).sum() / Math.max(1, s.getValue().size() - 1);
                xs.add((double) s.getKey());
                means.add(m);
                spread.add(Math.sqrt(v));
                seeds = Math.max(seeds, s.getValue().size());
            }
            XYSeries mean = c.addSeries(e.getKey() + " (mean and std of " + seeds + " seeds)", xs, means, spread);
            mean.setMarker(SeriesMarkers.CIRCLE);
        }
        BitmapEncoder.saveBitmap(c, args[1], BitmapEncoder.BitmapFormat.PNG);
    }
}
