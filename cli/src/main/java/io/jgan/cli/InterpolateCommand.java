package io.jgan.cli;

import io.jgan.cli.output.ImageGrid;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code jgan interpolate}: each row of the grid walks from one random latent point to another,
 * linearly or along the great circle ({@code --slerp}, which keeps the norm a Gaussian latent
 * expects, as White's "Sampling Generative Networks" recommends).
 */
@Command(name = "interpolate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a PNG grid whose rows walk between random latent points.")
final class InterpolateCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE|RUN_DIR", description = "a checkpoint or a run directory")
    Path checkpoint;
    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "the grid")
    String out;
    @Option(names = "--steps", paramLabel = "N", description = "images per row, ends included (default 10)")
    int steps = 10;
    @Option(names = "--rows", paramLabel = "N", description = "rows, one walk each (default 8)")
    int rows = 8;
    @Option(names = "--slerp", description = "spherical instead of linear interpolation")
    boolean slerp;
    @Option(names = "--seed", paramLabel = "S", description = "seed of the end points (default 42)")
    long seed = 42;
    @Option(names = "--class", paramLabel = "K", description = "the class of every row (conditional models; default: row r is class r)")
    Integer klass;

    @Override
    public Integer call() throws IOException {
        if (steps < 2) {
            throw new UserError("--steps must be >= 2, got " + steps);
        }
        if (rows < 1) {
            throw new UserError("--rows must be positive, got " + rows);
        }
        Path target = SampleCommand.outputPath(out);
        if (!SampleCommand.extension(target).equals("png")) {
            throw new UserError("--out must be a .png file, got " + out);
        }
        if ((long) rows * steps > SampleCommand.MAX_GRID) {
            throw new UserError("--rows " + rows + " x --steps " + steps + " makes a grid of more than " + SampleCommand.MAX_GRID + " images");
        }
        LoadedGenerator lg = LoadedGenerator.load(checkpoint);
        if (lg.pointsOnly()) {
            throw new UserError("interpolate draws image grids; this checkpoint makes 2-D points (use jgan sample)");
        }
        int latent = lg.generator().latentDim();
        Tensor ends = Tensor.randn(new Rng(seed).split("interpolate"), 2 * rows, latent);
        Tensor z = Tensor.zeros(rows * steps, latent);
        float[] e = ends.data();
        int eo = ends.offset();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < steps; j++) {
                float[] p = path(e, eo + 2 * r * latent, eo + (2 * r + 1) * latent, latent, (double) j / (steps - 1), slerp);
                System.arraycopy(p, 0, z.data(), z.offset() + (r * steps + j) * latent, latent);
            }
        }
        int[] rowLabels = lg.labels(rows, klass);
        int[] labels = null;
        if (rowLabels != null) {
            labels = new int[rows * steps];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = rowLabels[i / steps];
            }
        }
        // The generator runs a batch at a time; only the grid's own pixels are held whole.
        List<Tensor> parts = new ArrayList<>();
        for (int from = 0; from < rows * steps; from += SampleCommand.BATCH) {
            int to = Math.min(rows * steps, from + SampleCommand.BATCH);
            parts.add(lg.sample(z.slice(from, to), labels == null ? null : Arrays.copyOfRange(labels, from, to)));
        }
        ImageGrid.write(parts.size() == 1 ? parts.get(0) : Tensor.concat(parts, 0), steps, target);
        main.out().println("wrote " + rows + " " + (slerp ? "spherical" : "linear") + " interpolations of " + steps + " steps to " + target);
        return Main.OK;
    }

    /**
     * @param e the end points' storage
     * @param a offset of the first end
     * @param b offset of the second end
     * @param n the latent size
     * @param t the position in [0, 1]
     * @param slerp spherical interpolation
     * @return the point at t
     */
    static float[] path(float[] e, int a, int b, int n, double t, boolean slerp) {
        double wa = 1 - t;
        double wb = t;
        if (slerp) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int i = 0; i < n; i++) {
                dot += (double) e[a + i] * e[b + i];
                na += (double) e[a + i] * e[a + i];
                nb += (double) e[b + i] * e[b + i];
            }
            double omega = Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb))));
            double so = Math.sin(omega);
            if (so > 1e-6) { // (anti)parallel ends have no unique great circle: fall back to the line
                wa = Math.sin((1 - t) * omega) / so;
                wb = Math.sin(t * omega) / so;
            }
        }
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = (float) (wa * e[a + i] + wb * e[b + i]);
        }
        return p;
    }
}
