package io.jgan.cli.train;

import picocli.CommandLine.Option;

/**
 * The options of {@code jgan train} that choose the data. They are not fields of the run
 * specification as such: the data is opened from them, and the specification records its name,
 * directory and shape.
 */
public final class DataOptions {
    @Option(names = "--dataset", paramLabel = "NAME", converter = Choices.ToDataset.class, completionCandidates = Choices.Datasets.class,
            description = "${COMPLETION-CANDIDATES} (default mnist)")
    String dataset;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "the data directory (mnist without it: the bundled test images)")
    String dataDir;
    @Option(names = "--image-size", paramLabel = "N", description = "image side for --dataset folder (default 64); others use the data's")
    Integer imageSize;
    @Option(names = "--grayscale", description = "load --dataset folder images with one channel")
    boolean grayscale;
    @Option(names = "--max-pixels", paramLabel = "N", description = "largest image (width x height) --dataset folder decodes"
            + " (default " + io.jgan.datasets.ImageFolder.DEFAULT_MAX_PIXELS + ", 64 megapixels), checked from each file's header")
    long maxPixels = io.jgan.datasets.ImageFolder.DEFAULT_MAX_PIXELS;
}
