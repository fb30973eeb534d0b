package io.jgan.datasets.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jgan.datasets.Cifar10;
import io.jgan.datasets.ImageDataset;
import io.jgan.datasets.Mnist;
import io.jgan.datasets.Split;
import io.jgan.datasets.TestFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a loopback HTTP server: never the internet. */
class DownloaderTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, Path> served = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        served.put("mnist", TestFiles.mnistDir());
        server.createContext("/good/", ex -> serve(ex, "good"));
        server.createContext("/corrupt/", ex -> serve(ex, "corrupt"));
        server.createContext("/drop/", ex -> serve(ex, "drop"));
        server.createContext("/missing/", ex -> serve(ex, "missing"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Serves {@code /<mode>/<dir>/<file>} from the directory registered under {@code dir}. */
    private void serve(HttpExchange ex, String mode) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            String[] parts = ex.getRequestURI().getPath().split("/");
            Path dir = served.get(parts[2]);
            Path file = dir == null ? null : dir.resolve(parts[3]);
            if (mode.equals("missing") || file == null || !Files.isRegularFile(file)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (mode.equals("corrupt")) {
                bytes[bytes.length / 2] ^= 0x01;
            }
            ex.sendResponseHeaders(200, bytes.length);
            OutputStream out = ex.getResponseBody();
            if (mode.equals("drop")) {
                out.write(bytes, 0, bytes.length / 3);
                out.flush();
                // Closing short of the declared length makes the server drop the connection.
                return;
            }
            out.write(bytes);
        } catch (IOException expectedForDrop) {
            // "insufficient bytes written": the point of the drop mode
        }
    }

    private URI mirror(String mode, String dir) {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + "/" + mode + "/" + dir + "/");
    }

    private static List<Path> contents(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).toList();
        }
    }

    @Test
    void fetchesVerifiesAndFallsBackToTheNextMirror() throws IOException {
        DatasetSource source = DatasetSources.MNIST.withMirrors(List.of(mirror("missing", "mnist"),
                mirror("drop", "mnist"), mirror("good", "mnist")));
        Path dir = tmp.resolve("data");
        List<long[]> last = new ArrayList<>();
        Downloader d = Downloader.create((file, done, total) -> last.add(new long[] {done, total}));
        List<Path> files = d.fetch(source, dir);
        assertEquals(4, files.size());
        for (Path f : files) {
            assertEquals(TestFiles.digest(TestFiles.mnistDir().resolve(f.getFileName()), "SHA-256"),
                    TestFiles.digest(f, "SHA-256"));
        }
        long[] end = last.get(last.size() - 1);
        assertEquals(end[1], end[0], "progress reaches the total");
        assertEquals(4, contents(dir).size(), "no temporary files left");
        assertEquals(10000, Mnist.load(dir, Split.TEST).size());
        assertEquals(12, requests.get(), "three mirrors tried per file");

        // A second fetch verifies the files in place and asks the network for nothing.
        d.fetch(source, dir);
        assertEquals(12, requests.get());
    }

    @Test
    void aCorruptDownloadIsRejectedAndLeavesNothingBehind() throws IOException {
        DatasetSource source = DatasetSources.MNIST.withMirrors(List.of(mirror("corrupt", "mnist")));
        Path dir = tmp.resolve("data");
        DownloadException e = assertThrows(DownloadException.class,
                () -> Downloader.create(ProgressListener.NONE).fetch(source, dir));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertEquals("train-images-idx3-ubyte.gz", e.file());
        assertEquals(List.of(), contents(dir));
    }

    @Test
    void aDroppedConnectionIsAnErrorAndLeavesNothingBehind() throws IOException {
        DatasetSource source = DatasetSources.MNIST.withMirrors(List.of(mirror("drop", "mnist")));
        Path dir = tmp.resolve("data");
        DownloadException e = assertThrows(DownloadException.class,
                () -> Downloader.create(ProgressListener.NONE).fetch(source, dir));
        assertEquals(1, e.failures().size());
        assertTrue(e.failures().get(0).startsWith(mirror("drop", "mnist").toString()), e.getMessage());
        assertTrue(e.failures().get(0).contains("connection dropped after"), e.getMessage());
        assertEquals(List.of(), contents(dir));
    }

    @Test
    void offlineTheErrorSaysWhichFilesToPlaceWhere() throws IOException {
        // Port 1 on loopback: connection refused, as without network.
        DatasetSource source = DatasetSources.MNIST.withMirrors(List.of(URI.create("http://127.0.0.1:1/mnist/")));
        Path dir = tmp.resolve("data");
        DownloadException e = assertThrows(DownloadException.class,
                () -> Downloader.create(ProgressListener.NONE).fetch(source, dir));
        String m = e.getMessage();
        assertTrue(m.contains("place these files in " + dir.toAbsolutePath()), m);
        for (RemoteFile f : DatasetSources.MNIST.files()) {
            assertTrue(m.contains(f.name()), m);
        }
        assertEquals(List.of(), contents(dir));
    }

    @Test
    void aCifarArchiveIsDownloadedVerifiedAndUnpacked() throws IOException {
        Path archives = tmp.resolve("served");
        byte[] record = new byte[Cifar10.RECORD_BYTES];
        record[0] = 4;
        record[1 + 1024 + 5] = (byte) 200; // green channel, row 0, column 5
        List<ArchiveExtractorTest.Entry> entries = new ArrayList<>();
        for (String name : Cifar10.files(Split.TRAIN)) {
            entries.add(new ArchiveExtractorTest.Entry("cifar-10-batches-bin/" + name, record, null));
        }
        entries.add(new ArchiveExtractorTest.Entry("cifar-10-batches-bin/test_batch.bin", record, null));
        Path archive = ArchiveExtractorTest.tarGz(archives.resolve("cifar-10-binary.tar.gz"),
                entries.toArray(ArchiveExtractorTest.Entry[]::new));
        served.put("cifar", archives);
        DatasetSource source = new DatasetSource("cifar10", List.of(mirror("good", "cifar")),
                List.of(new RemoteFile("cifar-10-binary.tar.gz",
                        List.of(Checksum.sha256(TestFiles.digest(archive, "SHA-256"))), true)),
                "cifar-10-batches-bin");
        Path dir = tmp.resolve("data");
        Downloader.create(ProgressListener.NONE).fetch(source, dir);
        ImageDataset train = Cifar10.load(dir, Split.TRAIN);
        assertEquals(5, train.size());
        assertEquals(4, train.label(3));
        assertEquals(200, train.pixel(2, 1, 0, 5));
    }

    @Test
    void catalogueIsCompleteAndNamed() {
        assertEquals(DatasetSources.CIFAR100, DatasetSource.named("CIFAR100"));
        assertEquals(DatasetSources.FASHION_MNIST, DatasetSource.named("fashion-mnist"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetSource.named("imagenet")).getMessage()
                .contains("mnist"));
        for (DatasetSource s : DatasetSources.ALL) {
            for (RemoteFile f : s.files()) {
                assertTrue(f.accepted().stream().anyMatch(c -> c.algorithm().equals("SHA-256")), f.name());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Checksum.sha256("abc"));
    }
}
