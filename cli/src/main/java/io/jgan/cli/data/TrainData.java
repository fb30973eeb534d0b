package io.jgan.cli.data;

import io.jgan.datasets.Cifar10;
import io.jgan.datasets.Cifar100;
import io.jgan.datasets.DataLoader;
import io.jgan.datasets.Dataset;
import io.jgan.datasets.FashionMnist;
import io.jgan.datasets.ImageDataset;
import io.jgan.datasets.ImageFolder;
import io.jgan.datasets.Mnist;
import io.jgan.datasets.PixelRange;
import io.jgan.datasets.Split;
import io.jgan.datasets.Toy2d;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.train.BatchSource;
import io.jgan.train.InMemoryBatches;
import io.jgan.models.DataShape;
import io.jgan.train.spec.RunSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The data a run trains on, by {@code --dataset} name: its images (or 2-D points), the shape the
 * models must fit, and the {@link BatchSource} the trainer reads.
 *
 * <p>2-D toy data is a fixed draw of {@value #TOY_POINTS} points from the run's seed rather than
 * fresh points per batch: an epoch then means something, and the in-memory source's position is
 * all a checkpoint needs to resume the data exactly.
 */
public final class TrainData {
    /** The names {@code --dataset} accepts. */
    public static final List<String> NAMES = List.of("mnist", "fashion-mnist", "cifar10", "cifar100", "folder",
            "ring8", "grid25", "swissroll");
    /** How many points a 2-D toy dataset holds. */
    public static final int TOY_POINTS = 100_000;

    private final String name;
    private final Dataset images;
    private final Toy2d toy;
    private final String description;

    private TrainData(String name, Dataset images, Toy2d toy, String description) {
        this.name = name;
        this.images = images;
        this.toy = toy;
        this.description = description;
    }

    /**
     * @param dataset a dataset name
     * @return true for the 2-D toy distributions
     */
    public static boolean isToy(String dataset) {
        return dataset.equals("ring8") || dataset.equals("grid25") || dataset.equals("swissroll");
    }

    /**
     * Checks a dataset name without touching any file.
     *
     * @param dataset the name
     * @throws IllegalArgumentException naming the valid ones
     */
    public static void checkName(String dataset) {
        if (!NAMES.contains(dataset)) {
            throw new IllegalArgumentException("unknown dataset '" + dataset + "' (" + String.join(", ", NAMES) + ")");
        }
    }

    /**
     * Opens a dataset (reading it into memory).
     *
     * @param dataset the name
     * @param dataDir the directory, or null (mnist: the bundled test images; required for the others)
     * @param imageSize the side images are resized to (image folders only)
     * @param grayscale one channel instead of RGB (image folders only)
     * @return the data
     * @throws IOException if files are missing or malformed
     * @throws IllegalArgumentException for an unknown name or a missing directory
     */
    public static TrainData open(String dataset, String dataDir, int imageSize, boolean grayscale) throws IOException {
        return open(dataset, dataDir, imageSize, grayscale, ImageFolder.DEFAULT_MAX_PIXELS);
    }

    /**
     * As {@link #open(String, String, int, boolean)}, with the largest image an image folder may hold.
     *
     * @param dataset the dataset's name
     * @param dataDir its directory, or null
     * @param imageSize the side of --dataset folder images
     * @param grayscale one channel for --dataset folder
     * @param maxPixels the largest image decoded (width x height)
     * @return the data
     * @throws IOException if the files are missing or malformed
     */
    public static TrainData open(String dataset, String dataDir, int imageSize, boolean grayscale, long maxPixels) throws IOException {
        checkName(dataset);
        if (isToy(dataset)) {
            Toy2d t = switch (dataset) {
                case "ring8" -> Toy2d.ring8();
                case "grid25" -> Toy2d.grid25();
                default -> Toy2d.swissRoll();
            };
            return new TrainData(dataset, null, t, dataset + " (" + TOY_POINTS + " 2-D points)");
        }
        if (dataDir == null && !dataset.equals("mnist")) {
            throw new IllegalArgumentException("--dataset " + dataset + " needs --data-dir DIR"
                    + (dataset.equals("folder") ? " (a directory of images)" : " (download it with: jgan data fetch " + dataset + " --dir DIR)"));
        }
        Path dir = dataDir == null ? null : Path.of(dataDir);
        ImageDataset d = switch (dataset) {
            case "mnist" -> dir == null ? Mnist.bundledTest() : Mnist.load(dir, Split.TRAIN);
            case "fashion-mnist" -> FashionMnist.load(dir, Split.TRAIN);
            case "cifar10" -> Cifar10.load(dir, Split.TRAIN);
            case "cifar100" -> Cifar100.load(dir, Split.TRAIN).fine();
            default -> ImageFolder.load(dir, imageSize, grayscale, maxPixels);
        };
        String what = dataset.equals("mnist") && dir == null ? "MNIST test images (bundled)" : dataset + " from " + dir;
        return new TrainData(dataset, d, null, what + ", " + d.size() + " images " + d.channels() + "x" + d.height() + "x" + d.width());
    }

    /** @return the dataset name */
    public String name() {
        return name;
    }

    /** @return a one-line description for the run's header */
    public String description() {
        return description;
    }

    /** @return the 2-D distribution, or null for images */
    public Toy2d toy() {
        return toy;
    }

    /** @return the images, or null for 2-D data */
    public Dataset images() {
        return images;
    }

    /** @return the image side (0 for 2-D data) */
    public int imageSize() {
        return images == null ? 0 : images.height();
    }

    /** @return the channels (0 for 2-D data) */
    public int channels() {
        return images == null ? 0 : images.channels();
    }

    /** @return the number of classes (0 when unlabelled or 2-D) */
    public int numClasses() {
        return images == null ? 0 : images.classNames().size();
    }

    /** @return the number of samples */
    public int size() {
        return images == null ? TOY_POINTS : images.size();
    }

    /**
     * The batch source of a run; its shuffling stream is split from the run's seed.
     *
     * @param cfg the run's specification (batch size, seed, model)
     * @return the source (close it when it is a {@link LoaderBatches})
     */
    public BatchSource source(RunSpec cfg) {
        int batch = cfg.schedule().batchSize();
        if (batch > size()) {
            throw new IllegalArgumentException("--batch-size " + batch + " is larger than the " + size() + " samples of the data");
        }
        if (toy != null) {
            return new InMemoryBatches(toyPoints(cfg.seed()), null, batch, cfg.seed());
        }
        DataLoader loader = DataLoader.builder(images).batchSize(batch).rng(new Rng(cfg.seed()).split("data"))
                .range(PixelRange.MINUS_ONE_TO_ONE).prefetch(2).build();
        return new LoaderBatches(loader, cfg.conditional());
    }

    /** @return the shape the models must fit: 2-D points, or the images' [C, S, S] and classes */
    public DataShape shape() {
        return toy != null ? DataShape.points(2) : DataShape.image(channels(), imageSize(), numClasses());
    }

    /**
     * @param seed the run's seed
     * @return the run's fixed draw of 2-D points [TOY_POINTS, 2]
     */
    public Tensor toyPoints(long seed) {
        return toy.sample(TOY_POINTS, new Rng(seed).split("toy-data"));
    }

    /**
     * @param batchSize samples per batch
     * @return full batches in one pass over the data
     */
    public long batchesPerEpoch(int batchSize) {
        return size() / batchSize;
    }
}
