package io.jgan.datasets.download;

import java.util.List;

/**
 * One file of a dataset as published: its name (also its name on every mirror and on disk) and
 * the checksums a good copy may have. Several checksums are allowed because the same data
 * circulates in more than one compression (the original MNIST gzip files and a re-compressed
 * copy); a file is good if it matches any of them.
 *
 * @param name the file name
 * @param accepted the checksums of good copies, at least one
 * @param unpack whether the file is a tar.gz archive to unpack after verification
 */
public record RemoteFile(String name, List<Checksum> accepted, boolean unpack) {
    /**
     * @throws IllegalArgumentException if the name is not a plain file name or no checksum is given
     */
    public RemoteFile {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("a remote file needs a plain file name, got '" + name + "'");
        }
        accepted = List.copyOf(accepted);
        if (accepted.isEmpty()) {
            throw new IllegalArgumentException("file " + name + " needs at least one checksum");
        }
    }
}
