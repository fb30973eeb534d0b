package io.jgan.cli;

import io.jgan.cli.output.AtomicFiles;
import io.jgan.cli.output.ImageGrid;
import io.jgan.cli.output.Npy;
import io.jgan.cli.output.Plots;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code jgan sample}: draws samples from a trained generator into a PNG grid, a .npy array or (2-D data) a CSV file. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw samples from a checkpoint: .png (a grid, or a scatter plot for 2-D data), .npy (float32,"
                + " N x C x H x W in [-1, 1], or N x 2), .csv (2-D data).")
final class SampleCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE|RUN_DIR", description = "a checkpoint or a run directory")
    Path checkpoint;
    @Option(names = "--n", paramLabel = "N", description = "how many samples (default 64)")
    int n = 64;
    @Option(names = "--seed", paramLabel = "S", description = "noise seed (default 42)")
    long seed = 42;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "FILE.png, FILE.npy or FILE.csv")
    Path out;
    @Option(names = "--class", paramLabel = "K", description = "the class to draw (conditional models; default: every class in turn)")
    Integer klass;

    @Override
    public Integer call() throws IOException {
        if (n < 1) {
            throw new IllegalArgumentException("--n must be positive, got " + n);
        }
        String ext = extension(out);
        if (!ext.equals("png") && !ext.equals("npy") && !ext.equals("csv")) {
            throw new IllegalArgumentException("--out must end in .png, .npy or .csv, got " + out);
        }
        LoadedGenerator lg = LoadedGenerator.load(checkpoint);
        if (ext.equals("csv") && !lg.pointsOnly()) {
            throw new IllegalArgumentException(".csv holds 2-D points; this checkpoint makes images (use .png or .npy)");
        }
        int[] labels = lg.labels(n, klass);
        Tensor z = Tensor.randn(new Rng(seed).split("sample"), n, lg.generator().latentDim());
        Tensor x = lg.sample(z, labels);
        switch (ext) {
            case "png" -> {
                if (lg.pointsOnly()) {
                    Plots.scatter(out, n + " samples, step " + lg.step(), null, x);
                } else {
                    int nrow = labels != null && klass == null && lg.config().numClasses() <= 10 ? lg.config().numClasses()
                            : (int) Math.ceil(Math.sqrt(n));
                    ImageGrid.write(x, nrow, out);
                }
            }
            case "npy" -> Npy.write(x, out);
            default -> AtomicFiles.writeString(out, csv(x));
        }
        main.out().println("wrote " + n + " samples (step " + lg.step() + (lg.ema() ? ", EMA weights" : "") + ") to " + out);
        return Main.OK;
    }

    static String csv(Tensor points) {
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < points.dim(0); i++) {
            sb.append(points.get(i, 0)).append(',').append(points.get(i, 1)).append('\n');
        }
        return sb.toString();
    }

    static String extension(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
