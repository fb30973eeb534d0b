package io.jgan.spark;

import io.jgan.datasets.Batch;
import io.jgan.datasets.Cifar10;
import io.jgan.datasets.Cifar100;
import io.jgan.datasets.DataLoader;
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
import io.jgan.train.spec.DataSpec;
import io.jgan.train.spec.RunSpec;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A worker's data: the run's dataset opened from a directory every executor can read, and a batch
 * source in the exact order of the single-machine run's (the command line's {@code TrainData}: the
 * same loader, seed split and pixel range), so that shard q of a batch is part q of the local batch.
 * A directory given as a Hadoop file-system URI other than {@code file:} ({@code hdfs://...}) is
 * copied once per executor to a local temporary directory first. Datasets are cached per executor.
 */
final class ShardData {
    /** Points in a 2-D toy dataset: the command line's TrainData.TOY_POINTS. */
    static final int TOY_POINTS = 100_000;
    private static final Map<String, ImageDataset> CACHE = new ConcurrentHashMap<>();

    private ShardData() {}

    /**
     * @param spec the run
     * @return a fresh batch source over the run's data, at the start of the run
     * @throws IOException if the data cannot be read
     */
    static BatchSource source(RunSpec spec) throws IOException {
        DataSpec d = spec.data();
        int batch = spec.schedule().batchSize();
        Toy2d toy = toy(d.name());
        if (toy != null) {
            Tensor points = toy.sample(TOY_POINTS, new Rng(spec.seed()).split("toy-data"));
            return new InMemoryBatches(points, null, batch, spec.seed());
        }
        ImageDataset images = images(spec);
        DataLoader loader = DataLoader.builder(images).batchSize(batch).rng(new Rng(spec.seed()).split("data"))
                .range(PixelRange.MINUS_ONE_TO_ONE).prefetch(0).build();
        return new Loaded(loader, spec.conditional());
    }

    /**
     * @param spec the run
     * @return the number of samples of the run's data (2-D data: the fixed draw)
     * @throws IOException if the data cannot be read
     */
    static int size(RunSpec spec) throws IOException {
        return toy(spec.data().name()) != null ? TOY_POINTS : images(spec).size();
    }

    private static Toy2d toy(String name) {
        return switch (name) {
            case "ring8" -> Toy2d.ring8();
            case "grid25" -> Toy2d.grid25();
            case "swissroll" -> Toy2d.swissRoll();
            default -> null;
        };
    }

    private static ImageDataset images(RunSpec spec) throws IOException {
        DataSpec d = spec.data();
        String key = d.name() + "|" + d.dir() + "|" + spec.shape();
        ImageDataset cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        ImageDataset loaded = load(d.name(), d.dir() == null ? null : localDir(d.dir()), spec.shape().size(), spec.shape().channels() == 1);
        CACHE.put(key, loaded);
        return loaded;
    }

    private static ImageDataset load(String name, Path dir, int size, boolean gray) throws IOException {
        if (dir == null && !name.equals("mnist")) {
            throw new IllegalArgumentException("--dataset " + name + " needs --data-dir DIR");
        }
        return switch (name) {
            case "mnist" -> dir == null ? Mnist.bundledTest() : Mnist.load(dir, Split.TRAIN);
            case "fashion-mnist" -> FashionMnist.load(dir, Split.TRAIN);
            case "cifar10" -> Cifar10.load(dir, Split.TRAIN);
            case "cifar100" -> Cifar100.load(dir, Split.TRAIN).fine();
            case "folder" -> ImageFolder.load(dir, size, gray, ImageFolder.DEFAULT_MAX_PIXELS);
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "'");
        };
    }

    /** A local directory for a path or URI: {@code file:} and plain paths as they are, other schemes copied here once. */
    static Path localDir(String dir) throws IOException {
        int colon = dir.indexOf(':');
        boolean uri = colon > 1 && dir.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
        if (!uri) {
            return Path.of(dir);
        }
        URI u = URI.create(dir);
        if ("file".equals(u.getScheme())) {
            return Path.of(u);
        }
        Path local = Files.createTempDirectory("jgan-data-");
        org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(u);
        org.apache.hadoop.fs.FileSystem fs = src.getFileSystem(new org.apache.hadoop.conf.Configuration());
        for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(src)) {
            if (f.isFile()) {
                fs.copyToLocalFile(false, f.getPath(), new org.apache.hadoop.fs.Path(local.resolve(f.getPath().getName()).toUri()), true);
            }
        }
        return local;
    }

    /** A loader as a batch source (the command line's LoaderBatches, without prefetching: a task reads one batch). */
    private record Loaded(DataLoader loader, boolean labels) implements BatchSource {
        @Override
        public RealBatch next() {
            Batch b = loader.next();
            return new RealBatch(b.images(), labels ? b.labels() : null);
        }

        @Override
        public String state() {
            return loader.state().encode();
        }

        @Override
        public void restore(String state) {
            loader.restore(DataLoader.State.decode(state));
        }
    }
}
