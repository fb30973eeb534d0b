package io.jgan.benchmarks;

import io.jgan.datasets.Batch;
import io.jgan.datasets.DataLoader;
import io.jgan.datasets.ImageDataset;
import io.jgan.datasets.Mnist;
import io.jgan.datasets.Split;
import io.jgan.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What data costs a training step: loading the full MNIST training set ({@code load}, the issue's
 * "under 1 s") and the time the training thread spends in {@code DataLoader.next()} for one batch of
 * 64 with and without background prefetch ({@code nextBatch}; compare with a DCGAN step of
 * TrainStepBenchmark: the target is under 5%). The MNIST directory is {@code -Djgan.mnist=DIR}
 * (default {@code ../shared/data/mnist}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-XX:+UseParallelGC"})
public class DataLoaderBenchmark {
    /** Batches prepared ahead on the loader's background thread (0: synchronous). */
    @Param({"0", "2"})
    public int prefetch;

    private Path dir;
    private ImageDataset train;
    private DataLoader loader;

    static Path mnistDir() {
        String p = System.getProperty("jgan.mnist");
        if (p != null) {
            return Path.of(p);
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path d = here; d != null; d = d.getParent()) {
            Path c = d.resolve("shared/data/mnist");
            if (Files.isDirectory(c)) {
                return c;
            }
            c = d.resolveSibling("shared").resolve("data/mnist");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        throw new IllegalStateException("MNIST not found: pass -Djgan.mnist=DIR");
    }

    /** @throws IOException if MNIST cannot be read */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = mnistDir();
        train = Mnist.load(dir, Split.TRAIN);
        loader = DataLoader.builder(train).batchSize(64).rng(new Rng(1)).prefetch(prefetch).build();
    }

    /** Stops the prefetch thread. */
    @TearDown(Level.Trial)
    public void tearDown() {
        loader.close();
    }

    /**
     * @return the next batch of 64 as float NCHW in [-1, 1] with labels
     */
    @Benchmark
    public Batch nextBatch() {
        return loader.next();
    }

    /**
     * @return the 60,000 training images and labels, read from the gzipped IDX files
     * @throws IOException if reading fails
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 3)
    @Measurement(iterations = 7)
    public ImageDataset loadMnistTrain() throws IOException {
        return Mnist.load(dir, Split.TRAIN);
    }
}
