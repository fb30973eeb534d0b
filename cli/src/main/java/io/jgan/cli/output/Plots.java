package io.jgan.cli.output;

import io.jgan.tensor.Tensor;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Loss curves and 2-D scatter plots as PNG, drawn with XChart (headless). */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    /**
     * Writes line charts of named series against the step.
     *
     * @param file the .png path (written atomically)
     * @param title the chart title
     * @param steps x values
     * @param series y values by name, each as long as {@code steps}
     * @throws IOException if writing fails
     */
    public static void lines(Path file, String title, double[] steps, Map<String, double[]> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step").yAxisTitle("value").build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setLegendVisible(true);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (steps.length > 0) {
                XYSeries s = chart.addSeries(e.getKey(), steps, e.getValue());
                s.setMarker(SeriesMarkers.NONE);
            }
        }
        if (steps.length == 0) {
            chart.addSeries("no data yet", new double[] {0}, new double[] {0});
        }
        save(chart, file);
    }

    /**
     * Writes a scatter plot of 2-D points (real data and generated samples).
     *
     * @param file the .png path (written atomically)
     * @param title the chart title
     * @param real N x 2 real points, or null
     * @param fake M x 2 generated points
     * @throws IOException if writing fails
     */
    public static void scatter(Path file, String title, Tensor real, Tensor fake) throws IOException {
        XYChart chart = new XYChartBuilder().width(600).height(600).title(title).xAxisTitle("x").yAxisTitle("y").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        if (real != null) {
            add(chart, "real", real);
        }
        add(chart, "generated", fake);
        save(chart, file);
    }

    private static void add(XYChart chart, String name, Tensor pts) {
        if (pts.rank() != 2 || pts.dim(1) != 2) {
            throw new IllegalArgumentException("a scatter plot needs N x 2 points, got " + pts.shape());
        }
        int n = pts.dim(0);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = pts.get(i, 0);
            y[i] = pts.get(i, 1);
        }
        chart.addSeries(name, x, y);
    }

    private static void save(XYChart chart, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, out.toByteArray());
    }
}
