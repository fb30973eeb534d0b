package io.jgan.datasets.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * each mirror is tried in turn, the response is streamed into a hidden temporary file in the
 * target directory while the digests are computed, and only a complete, verified file is renamed
 * (atomically where the file system allows) to its final name. A failed, dropped or corrupt
 * download leaves nothing behind. Archives are then unpacked with {@link ArchiveExtractor}. If no
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

    private void downloadFrom(URI url, RemoteFile file, Path dir) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + url);
        }
        Path temp = null;
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP status " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            temp = Files.createTempFile(dir, "." + file.name() + ".", ".part");
            Map<String, MessageDigest> digests = digestsFor(file);
            long got = 0;
            byte[] buf = new byte[BUFFER];
            try (OutputStream out = Files.newOutputStream(temp)) {
                while (true) {
                    int r;
                    try {
                        r = body.read(buf);
                    } catch (IOException e) {
                        // The client's own message for a premature close is just "closed".
                        throw new IOException("connection dropped after " + got + " of "
                                + (total >= 0 ? total : "?") + " bytes (" + e.getMessage() + ")", e);
                    }
                    if (r < 0) {
                        break;
                    }
                    out.write(buf, 0, r);
                    for (MessageDigest d : digests.values()) {
                        d.update(buf, 0, r);
                    }
                    got += r;
                    progress.progress(file.name(), got, total);
                }
            }
            if (total >= 0 && got != total) {
                throw new IOException("connection dropped: received " + got + " of " + total + " bytes");
            }
            Map<String, String> actual = finish(digests);
            if (!matches(file, actual)) {
                throw new IOException("checksum mismatch: got " + actual + ", expected one of " + file.accepted());
            }
            Path target = dir.resolve(file.name());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
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
