package io.jgan.datasets.download;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * No mirror delivered a good copy of a file. The message lists every mirror's failure (refused
 * connection, HTTP status, dropped connection, checksum mismatch) and, for users without network
 * access, every file of the dataset with where to put it and the URLs to get it from.
 */
public final class DownloadException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final List<String> failures;

    /**
     * @param source the dataset being fetched
     * @param file the file that could not be obtained
     * @param dir the target directory
     * @param failures one line per mirror tried
     */
    public DownloadException(DatasetSource source, RemoteFile file, Path dir, List<String> failures) {
        super(message(source, file, dir, failures));
        this.file = file.name();
        this.failures = List.copyOf(failures);
    }

    /** @return the name of the file that could not be obtained */
    public String file() {
        return file;
    }

    /** @return one line per mirror tried, saying what went wrong */
    public List<String> failures() {
        return failures;
    }

    private static String message(DatasetSource source, RemoteFile file, Path dir, List<String> failures) {
        StringBuilder sb = new StringBuilder();
        sb.append("could not download ").append(file.name()).append(" of ").append(source.name()).append(':');
        for (String f : failures) {
            sb.append("\n  ").append(f);
        }
        sb.append("\nWithout network access, place these files in ").append(dir.toAbsolutePath()).append(" by hand:");
        for (RemoteFile f : source.files()) {
            sb.append("\n  ").append(f.name()).append("  (from ").append(source.urls(f).get(0));
            sb.append("; ").append(f.accepted().get(0)).append(')');
        }
        if (source.unpackedDir() != null) {
            sb.append("\nThe archive is unpacked to ").append(dir.resolve(source.unpackedDir()).toAbsolutePath())
                    .append(" on the next fetch, or unpack it there yourself.");
        }
        return sb.toString();
    }
}
