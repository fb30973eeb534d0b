package io.jgan.datasets.download;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Where a dataset is published and how to check it: mirrors (tried in order; a file's URL is the
 * mirror plus its name) and the files with their checksums.
 *
 * @param name the name {@code jgan data fetch} knows it by, e.g. "mnist"
 * @param mirrors base URLs ending in "/", tried in order
 * @param files the files to fetch
 * @param unpackedDir for archives, the directory they unpack to (relative to the target), whose
 *     presence means the archive need not be unpacked again; null if nothing is unpacked
 */
public record DatasetSource(String name, List<URI> mirrors, List<RemoteFile> files, String unpackedDir) {
    /**
     * @throws IllegalArgumentException if there is no mirror or no file, or a mirror does not end in "/"
     */
    public DatasetSource {
        mirrors = List.copyOf(mirrors);
        files = List.copyOf(files);
        if (mirrors.isEmpty() || files.isEmpty()) {
            throw new IllegalArgumentException("dataset " + name + " needs at least one mirror and one file");
        }
        for (URI m : mirrors) {
            if (!m.toString().endsWith("/")) {
                throw new IllegalArgumentException("mirror " + m + " must end in '/'");
            }
        }
    }

    /**
     * The same files from other mirrors (for tests and for users behind a local cache).
     *
     * @param newMirrors base URLs ending in "/"
     * @return the re-pointed source
     */
    public DatasetSource withMirrors(List<URI> newMirrors) {
        return new DatasetSource(name, newMirrors, files, unpackedDir);
    }

    /**
     * @param file one of this source's files
     * @return its URL on every mirror, in order
     */
    public List<URI> urls(RemoteFile file) {
        return mirrors.stream().map(m -> m.resolve(file.name())).toList();
    }

    /**
     * @param name "mnist", "fashion-mnist", "cifar10" or "cifar100" (case-insensitive)
     * @return the catalogued source
     * @throws IllegalArgumentException naming the known datasets if the name is unknown
     */
    public static DatasetSource named(String name) {
        for (DatasetSource s : DatasetSources.ALL) {
            if (s.name.equals(name.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + name + "'; known: "
                + DatasetSources.ALL.stream().map(DatasetSource::name).toList());
    }
}
