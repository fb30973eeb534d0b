package io.jgan.datasets.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import io.jgan.tensor.io.DurableFiles;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fetches a {@link DatasetSource} into a directory, checking every file.
 *
 * <p>For each file: if a copy already in the directory matches a checksum it is kept; otherwise
 * each mirror (HTTPS only) is tried in turn, the response is streamed into a hidden partial file
 * ({@code .NAME.part}) in the target directory, never past the file's size cap, a dropped
 * connection is resumed from the bytes received (HTTP Range, also after a killed process), and
 * only a complete file whose SHA-256 matches is renamed (atomically, then the directory synced) to
 * its final name. A failed, oversized or corrupt download leaves nothing behind. Archives are then unpacked with {@link ArchiveExtractor}. If no
 * mirror delivers a good copy, a {@link DownloadException} lists each mirror's failure and tells
 * the user which files to place where by hand.
 */
public final class Downloader {
    private static final int BUFFER = 1 << 16;

    private final HttpClient client;
    private final ProgressListener progress;
    private final Duration timeout;

    /**
     * @param client the HTTP client (for example with a proxy configured)
     * @param progress receives progress reports
     * @param timeout how long to wait for a server's response headers
     */
    public Downloader(HttpClient client, ProgressListener progress, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * A downloader following redirects, with 30 s connection and response timeouts.
     *
     * @param progress receives progress reports
     * @return the downloader
     */
    public static Downloader create(ProgressListener progress) {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        return new Downloader(client, progress, Duration.ofSeconds(30));
    }

    /**
     * Makes sure every file of the dataset is in {@code dir}, verified (and unpacked, for archives).
     *
     * @param source the dataset
     * @param dir the target directory (created if needed)
     * @return the verified files, in the source's order
     * @throws DownloadException if some file could not be obtained from any mirror
     * @throws io.jgan.datasets.DatasetFormatException if an archive is refused when unpacking
     * @throws IOException if the directory cannot be written
     */
    public List<Path> fetch(DatasetSource source, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> done = new ArrayList<>();
        for (RemoteFile file : source.files()) {
            Path target = dir.resolve(file.name());
            boolean fresh = false;
            if (!(Files.isRegularFile(target) && verify(target, file))) {
                download(source, file, dir);
                fresh = true;
            } else {
                long size = Files.size(target);
                progress.progress(file.name(), size, size);
            }
            if (file.unpack() && (fresh || source.unpackedDir() == null
                    || !Files.isDirectory(dir.resolve(source.unpackedDir())))) {
                ArchiveExtractor.extractTarGz(target, dir, ArchiveExtractor.DEFAULT_LIMITS);
            }
            done.add(target);
        }
        return done;
    }

    /**
     * Whether a file on disk matches one of its accepted checksums.
     *
     * @param path the file
     * @param file its description
     * @return true if it matches
     * @throws IOException if the file cannot be read
     */
    public static boolean verify(Path path, RemoteFile file) throws IOException {
        Map<String, MessageDigest> digests = digestsFor(file);
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(path)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                for (MessageDigest d : digests.values()) {
                    d.update(buf, 0, r);
                }
            }
        }
        return matches(file, finish(digests));
    }

    private void download(DatasetSource source, RemoteFile file, Path dir) throws IOException {
        List<String> failures = new ArrayList<>();
        for (URI url : source.urls(file)) {
            try {
                downloadFrom(url, file, dir);
                return;
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                failures.add(url + ": " + e.getMessage());
            }
        }
        throw new DownloadException(source, file, dir, failures);
    }

    /** Times one mirror may drop the connection, each time resumed from the bytes received. */
    static final int RESUMES = 3;

    /**
     * The partial file of a download: one fixed name per file, so a process killed mid-download
     * leaves something the next fetch continues (with an HTTP Range request) rather than restarts.
     */
    static Path partFile(Path dir, RemoteFile file) {
        return dir.resolve("." + file.name() + ".part");
    }

    private void downloadFrom(URI url, RemoteFile file, Path dir) throws IOException {
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            // Plain HTTP can be altered in transit, and a blocked TLS connection must not fall back to it.
            throw new IOException("refusing " + url.getScheme() + ": only HTTPS mirrors are used");
        }
        Path part = partFile(dir, file);
        boolean done = false;
        try {
            for (int attempt = 0; ; attempt++) {
                long have = Files.isRegularFile(part) ? Files.size(part) : 0;
                if (have > file.maxBytes()) {
                    Files.delete(part);
                    have = 0;
                }
                try {
                    if (transfer(url, file, part, have)) {
                        break;
                    }
                } catch (DroppedException e) {
                    if (attempt + 1 >= RESUMES || !e.progressed) {
                        throw e;
                    }
                    // resume from what arrived
                }
            }
            Map<String, MessageDigest> digests = digestsFor(file);
            byte[] buf = new byte[BUFFER];
            try (InputStream in = Files.newInputStream(part)) {
                int r;
                while ((r = in.read(buf)) > 0) {
                    for (MessageDigest d : digests.values()) {
                        d.update(buf, 0, r);
                    }
                }
            }
            Map<String, String> actual = finish(digests);
            if (!matches(file, actual)) {
                throw new IOException("checksum mismatch: got " + actual + ", expected one of " + file.accepted());
            }
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            DurableFiles.replace(part, dir.resolve(file.name()).toAbsolutePath());
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(part); // every failure path: nothing is left behind
            }
        }
    }

    /** The connection ended before the announced length. */
    private static final class DroppedException extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean progressed;

        DroppedException(String message, boolean progressed, Throwable cause) {
            super(message, cause);
            this.progressed = progressed;
        }
    }

    /**
     * One request, appending to the part file from byte {@code have}.
     *
     * @return true when the whole file has arrived
     * @throws DroppedException if the connection dropped (resumable if bytes arrived)
     * @throws IOException for any other failure, including a body over the file's cap
     */
    private boolean transfer(URI url, RemoteFile file, Path part, long have) throws IOException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(timeout).GET();
        if (have > 0) {
            rb.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + url);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            long start;
            if (status == 206 && have > 0 && response.headers().firstValue("Content-Range").orElse("").startsWith("bytes " + have + "-")) {
                start = have;
            } else if (status == 200) {
                start = 0; // the server ignores ranges: start over
            } else if (status == 416 && have > 0) {
                Files.deleteIfExists(part); // our partial file does not fit the server's: start over next time
                throw new DroppedException("the server refused to resume at byte " + have, true, null);
            } else {
                throw new IOException("HTTP status " + status);
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long total = length >= 0 ? start + length : -1;
            if (total > file.maxBytes()) {
                throw new IOException("the server announces " + total + " bytes, more than the " + file.maxBytes() + " this file can have");
            }
            long got = start;
            byte[] buf = new byte[BUFFER];
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    start > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                while (true) {
                    int r;
                    try {
                        r = body.read(buf);
                    } catch (IOException e) {
                        // The client's own message for a premature close is just "closed".
                        throw new DroppedException("connection dropped after " + got + " of "
                                + (total >= 0 ? total : "?") + " bytes (" + e.getMessage() + ")", got > have, e);
                    }
                    if (r < 0) {
                        break;
                    }
                    if (got + r > file.maxBytes()) {
                        throw new IOException("more than the " + file.maxBytes() + " bytes this file can have: stopped");
                    }
                    out.write(buf, 0, r);
                    got += r;
                    progress.progress(file.name(), got, total);
                }
            }
            if (total >= 0 && got != total) {
                throw new DroppedException("connection dropped: received " + got + " of " + total + " bytes", got > have, null);
            }
            return true;
        }
    }

    private static Map<String, MessageDigest> digestsFor(RemoteFile file) {
        Map<String, MessageDigest> digests = new LinkedHashMap<>();
        for (Checksum c : file.accepted()) {
            digests.computeIfAbsent(c.algorithm(), a -> c.newDigest());
        }
        return digests;
    }

    private static Map<String, String> finish(Map<String, MessageDigest> digests) {
        Map<String, String> hex = new LinkedHashMap<>();
        digests.forEach((a, d) -> hex.put(a, java.util.HexFormat.of().formatHex(d.digest())));
        return hex;
    }

    private static boolean matches(RemoteFile file, Map<String, String> actual) {
        for (Checksum c : file.accepted()) {
            if (c.hex().equals(actual.get(c.algorithm()))) {
                return true;
            }
        }
        return false;
    }
}
