package io.jgan.datasets.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
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
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a loopback HTTPS server (a certificate made for the test): never the internet. */
class DownloaderTest {
    @TempDir
    Path tmp;
    @TempDir
    static Path keys;

    private static SSLContext serverTls;
    private static SSLContext clientTls;
    private HttpsServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> ranges = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Path> served = new ConcurrentHashMap<>();

    /** A self-signed certificate for 127.0.0.1 from keytool; the client trusts exactly it. */
    @BeforeAll
    static void certificate() throws Exception {
        Path store = keys.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "jgan", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        char[] pass = "changeit".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, pass);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("jgan", ks.getCertificate("jgan"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        served.put("mnist", TestFiles.mnistDir());
        for (String mode : new String[] {"good", "corrupt", "drop", "missing", "endless", "flaky"}) {
            server.createContext("/" + mode + "/", ex -> serve(ex, mode));
        }
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Downloader downloader(ProgressListener progress) {
        HttpClient client = HttpClient.newBuilder().sslContext(clientTls).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        return new Downloader(client, progress, Duration.ofSeconds(30));
    }

    /**
     * Serves {@code /<mode>/<dir>/<file>} from the directory registered under {@code dir}, honouring
     * "Range: bytes=N-" (except in drop mode); flaky drops a request without a range at a third.
     */
    private void serve(HttpExchange ex, String mode) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            if (mode.equals("endless")) {
                ex.sendResponseHeaders(200, 0); // chunked: no Content-Length
                byte[] chunk = new byte[1 << 16];
                OutputStream out = ex.getResponseBody();
                for (long sent = 0; sent < (8L << 30); sent += chunk.length) {
                    out.write(chunk); // until the client hangs up
                }
                return;
            }
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
            String range = ex.getRequestHeaders().getFirst("Range");
            OutputStream out = ex.getResponseBody();
            if (range != null && !mode.equals("drop")) {
                ranges.add(parts[3] + " " + range);
                int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
                ex.sendResponseHeaders(206, bytes.length - from);
                out.write(bytes, from, bytes.length - from);
                return;
            }
            ex.sendResponseHeaders(200, bytes.length);
            if (mode.equals("drop") || mode.equals("flaky")) {
                out.write(bytes, 0, bytes.length / 3);
                out.flush();
                // Closing short of the declared length makes the server drop the connection.
                return;
            }
            out.write(bytes);
        } catch (IOException expectedForDrop) {
            // "insufficient bytes written", or the client hung up on an endless body: the point of those modes
        }
    }

    private URI mirror(String mode, String dir) {
        return URI.create("https://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
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
        Downloader d = downloader((file, done, total) -> last.add(new long[] {done, total}));
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
        // Per file: the missing mirror once, the dropping one until it stops making progress (at most
        // RESUMES times; a small file may drop before any byte arrives), the good one once.
        assertTrue(requests.get() >= 12 && requests.get() <= 4 * (2 + Downloader.RESUMES), requests + " requests");

        // A second fetch verifies the files in place and asks the network for nothing.
        int asked = requests.get();
        d.fetch(source, dir);
        assertEquals(asked, requests.get());
    }

    @Test
    void aCorruptDownloadIsRejectedAndLeavesNothingBehind() throws IOException {
        DatasetSource source = DatasetSources.MNIST.withMirrors(List.of(mirror("corrupt", "mnist")));
        Path dir = tmp.resolve("data");
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader(ProgressListener.NONE).fetch(source, dir));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertEquals("train-images-idx3-ubyte.gz", e.file());
        assertEquals(List.of(), contents(dir));
    }

    @Test
    void aDroppedConnectionIsAnErrorAndLeavesNothingBehind() throws IOException {
        DatasetSource source = DatasetSources.MNIST.withMirrors(List.of(mirror("drop", "mnist")));
        Path dir = tmp.resolve("data");
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader(ProgressListener.NONE).fetch(source, dir));
        assertEquals(1, e.failures().size());
        assertTrue(e.failures().get(0).startsWith(mirror("drop", "mnist").toString()), e.getMessage());
        assertTrue(e.failures().get(0).contains("connection dropped after"), e.getMessage());
        assertEquals(List.of(), contents(dir));
    }

    @Test
    void offlineTheErrorSaysWhichFilesToPlaceWhere() throws IOException {
        // Port 1 on loopback: connection refused, as without network.
        DatasetSource source = DatasetSources.MNIST.withMirrors(List.of(URI.create("https://127.0.0.1:1/mnist/")));
        Path dir = tmp.resolve("data");
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader(ProgressListener.NONE).fetch(source, dir));
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
        downloader(ProgressListener.NONE).fetch(source, dir);
        ImageDataset train = Cifar10.load(dir, Split.TRAIN);
        assertEquals(5, train.size());
        assertEquals(4, train.label(3));
        assertEquals(200, train.pixel(2, 1, 0, 5));
    }

    @Test
    void case10aPlainHttpMirrorIsNeverContacted() throws IOException {
        URI http = URI.create(mirror("good", "mnist").toString().replace("https://", "http://"));
        DatasetSource source = DatasetSources.MNIST.withMirrors(List.of(http));
        Path dir = tmp.resolve("data");
        DownloadException e = assertThrows(DownloadException.class, () -> downloader(ProgressListener.NONE).fetch(source, dir));
        assertTrue(e.getMessage().contains("only HTTPS mirrors"), e.getMessage());
        assertEquals(0, requests.get());
        assertEquals(List.of(), contents(dir));
        for (DatasetSource s : DatasetSources.ALL) {
            for (URI m : s.mirrors()) {
                assertEquals("https", m.getScheme(), m.toString());
            }
        }
    }

    @Test
    void case10Md5IsNotAcceptedAsAChecksum() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RemoteFile("x.gz", List.of(new Checksum("MD5", "f68b3c2dcbeaaa9fbdd348bbdeb94873")), false));
        assertTrue(e.getMessage().contains("only SHA-256"), e.getMessage());
    }

    private RemoteFile capped(String name, long cap) throws IOException {
        return new RemoteFile(name, List.of(Checksum.sha256(TestFiles.digest(TestFiles.mnistDir().resolve(name), "SHA-256"))), false, cap);
    }

    @Test
    void case10aBodyWithoutLengthIsCutAtTheCapAndLeavesNothing() throws IOException {
        DatasetSource source = new DatasetSource("mnist", List.of(mirror("endless", "mnist")),
                List.of(capped("t10k-labels-idx1-ubyte.gz", 1 << 20)), null);
        Path dir = tmp.resolve("data");
        long t0 = System.nanoTime();
        DownloadException e = assertThrows(DownloadException.class, () -> downloader(ProgressListener.NONE).fetch(source, dir));
        assertTrue(e.getMessage().contains("more than the 1048576 bytes"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 60_000_000_000L);
        assertEquals(List.of(), contents(dir), "no .part left");
    }

    @Test
    void case10anAnnouncedOversizeIsRefusedBeforeReading() throws IOException {
        DatasetSource source = new DatasetSource("mnist", List.of(mirror("good", "mnist")),
                List.of(capped("t10k-images-idx3-ubyte.gz", 100_000)), null);
        Path dir = tmp.resolve("data");
        DownloadException e = assertThrows(DownloadException.class, () -> downloader(ProgressListener.NONE).fetch(source, dir));
        assertTrue(e.getMessage().contains("announces"), e.getMessage());
        assertEquals(List.of(), contents(dir));
    }

    @Test
    void aDroppedConnectionIsResumedWithARange() throws IOException {
        String name = "t10k-images-idx3-ubyte.gz";
        DatasetSource source = new DatasetSource("mnist", List.of(mirror("flaky", "mnist")), List.of(capped(name, 4 << 20)), null);
        Path dir = tmp.resolve("data");
        List<Path> files = downloader(ProgressListener.NONE).fetch(source, dir);
        assertEquals(TestFiles.digest(TestFiles.mnistDir().resolve(name), "SHA-256"), TestFiles.digest(files.get(0), "SHA-256"));
        assertEquals(2, requests.get(), "one dropped request, one resumed");
        assertEquals(1, ranges.size());
        long from = Long.parseLong(ranges.get(0).substring((name + " bytes=").length(), ranges.get(0).length() - 1));
        long third = Files.size(TestFiles.mnistDir().resolve(name)) / 3;
        assertTrue(from > 0 && from <= third, "resumed at byte " + from + " of the " + third + " sent before the drop");
        assertEquals(1, contents(dir).size());
    }

    @Test
    void aPartFileLeftByAKilledFetchIsContinued() throws IOException {
        RemoteFile f = capped("t10k-images-idx3-ubyte.gz", 4 << 20);
        byte[] whole = Files.readAllBytes(TestFiles.mnistDir().resolve(f.name()));
        Path dir = Files.createDirectories(tmp.resolve("data"));
        Files.write(Downloader.partFile(dir, f), java.util.Arrays.copyOf(whole, whole.length / 2));
        downloader(ProgressListener.NONE).fetch(new DatasetSource("mnist", List.of(mirror("good", "mnist")), List.of(f), null), dir);
        assertEquals(List.of(f.name() + " bytes=" + whole.length / 2 + "-"), ranges);
        assertEquals(TestFiles.digest(TestFiles.mnistDir().resolve(f.name()), "SHA-256"), TestFiles.digest(dir.resolve(f.name()), "SHA-256"));
        assertEquals(1, contents(dir).size());
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
