package io.jgan.cli;

import io.jgan.cli.output.AtomicOutput;
import io.jgan.cli.output.ImageGrid;
import io.jgan.cli.output.NpyStream;
import io.jgan.cli.output.PngFolder;
import io.jgan.cli.output.Plots;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code jgan sample}: draws samples from a trained generator into a PNG grid, a folder of PNGs, a
 * .npy array or (2-D data) a CSV file. The generator runs {@link #BATCH} samples at a time and each
 * batch goes straight to the output, so memory does not grow with {@code --n} (except for a grid or
 * a scatter plot, which is one picture and is capped).
 */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw samples from a checkpoint: .png (a grid, or a scatter plot for 2-D data), DIR/ (one PNG per sample,"
                + " 000000.png...), .npy (float32, N x C x H x W in [-1, 1], or N x 2), .csv (2-D data).")
final class SampleCommand implements Callable<Integer> {
    /** Samples per generator call: the activations of one batch are all that is resident. */
    static final int BATCH = 250;
    /** Largest grid, in images: a bigger picture is unreadable and its pixels live in memory at once. */
    static final int MAX_GRID = 10_000;

    @ParentCommand
    Main main;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE|RUN_DIR", description = "a checkpoint or a run directory")
    Path checkpoint;
    @Option(names = "--n", paramLabel = "N", description = "how many samples (default 64)")
    int n = 64;
    @Option(names = "--seed", paramLabel = "S", description = "noise seed (default 42)")
    long seed = 42;
    @Option(names = "--out", required = true, paramLabel = "FILE|DIR/", description = "FILE.png, FILE.npy, FILE.csv, or DIR/ for one PNG per sample")
    String out;
    @Option(names = "--class", paramLabel = "K", description = "the class to draw (conditional models; default: every class in turn)")
    Integer klass;

    @Override
    public Integer call() throws IOException {
        if (n < 1) {
            throw new UserError("--n must be positive, got " + n);
        }
        Path target = outputPath(out);
        boolean folder = out.endsWith("/") || out.endsWith(File.separator) || Files.isDirectory(target);
        String ext = folder ? "dir" : extension(target);
        if (!folder && !ext.equals("png") && !ext.equals("npy") && !ext.equals("csv")) {
            throw new UserError("--out must end in .png, .npy or .csv, or be a folder DIR/, got " + out);
        }
        if (ext.equals("png") && n > MAX_GRID) {
            throw new UserError("a grid of " + n + " images is too large (at most " + MAX_GRID + "); write one PNG per sample with --out DIR/"
                    + " or an array with --out FILE.npy");
        }
        LoadedGenerator lg = LoadedGenerator.load(checkpoint);
        if (ext.equals("csv") && !lg.pointsOnly()) {
            throw new UserError(".csv holds 2-D points; this checkpoint makes images (use .png, .npy or DIR/)");
        }
        if (folder && lg.pointsOnly()) {
            throw new UserError("a folder of PNGs holds images; this checkpoint makes 2-D points (use .png, .npy or .csv)");
        }
        lg.labels(0, 0, klass); // checks --class before anything is written
        Rng rng = new Rng(seed).split("sample");
        switch (ext) {
            case "npy" -> {
                int[] shape = lg.generator().sampleShape();
                int[] dims = new int[shape.length + 1];
                dims[0] = n;
                System.arraycopy(shape, 0, dims, 1, shape.length);
                try (NpyStream npy = new NpyStream(target, dims)) {
                    for (int from = 0; from < n; from += BATCH) {
                        npy.write(batch(lg, rng, from));
                    }
                    npy.commit();
                }
            }
            case "dir" -> {
                PngFolder pngs = new PngFolder(target);
                for (int from = 0; from < n; from += BATCH) {
                    pngs.write(batch(lg, rng, from));
                }
                pngs.finish();
            }
            case "csv" -> {
                try (AtomicOutput file = AtomicOutput.create(target)) {
                    Writer w = new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8);
                    w.write("x,y\n");
                    for (int from = 0; from < n; from += BATCH) {
                        w.write(csvRows(batch(lg, rng, from)));
                    }
                    w.flush();
                    file.commit();
                }
            }
            default -> {
                List<Tensor> parts = new ArrayList<>();
                for (int from = 0; from < n; from += BATCH) {
                    parts.add(batch(lg, rng, from));
                }
                Tensor x = parts.size() == 1 ? parts.get(0) : Tensor.concat(parts, 0);
                if (lg.pointsOnly()) {
                    Plots.scatter(target, n + " samples, step " + lg.step(), null, x);
                } else {
                    boolean perClass = lg.generator().conditional() && klass == null && lg.config().numClasses() <= 10;
                    ImageGrid.write(x, perClass ? lg.config().numClasses() : (int) Math.ceil(Math.sqrt(n)), target);
                }
            }
        }
        main.out().println("wrote " + n + " samples (step " + lg.step() + (lg.ema() ? ", EMA weights" : "") + ") to "
                + (folder ? target + File.separator : target.toString()));
        return Main.OK;
    }

    /** Samples {@code from} .. {@code from + BATCH - 1} (fewer at the end): the noise stream is drawn in order, so batches concatenate to one draw. */
    private Tensor batch(LoadedGenerator lg, Rng rng, int from) {
        int m = Math.min(BATCH, n - from);
        Tensor z = Tensor.randn(rng, m, lg.generator().latentDim());
        return lg.sample(z, lg.labels(from, m, klass));
    }

    /**
     * @param text the --out value
     * @return it as a path
     * @throws UserError if it is empty or not a valid path
     */
    static Path outputPath(String text) {
        if (text.isBlank()) {
            throw new UserError("--out must name a file or folder, got an empty value");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UserError("--out is not a valid path: " + e.getMessage());
        }
    }

    static String csv(Tensor points) {
        return "x,y\n" + csvRows(points);
    }

    private static String csvRows(Tensor points) {
        StringBuilder sb = new StringBuilder();
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
