package io.jgan.datasets.download;

import java.util.List;

/**
 * One file of a dataset as published: its name (also its name on every mirror and on disk), the
 * SHA-256 digests a good copy may have, and the most bytes it may take. Several digests are allowed
 * because the same data circulates in more than one compression (the original MNIST gzip files and
 * a re-compressed copy); a file is good if it matches any of them. Only SHA-256 is accepted: an MD5
 * can be forged, so it would let a mirror substitute the file.
 *
 * @param name the file name
 * @param accepted the SHA-256 checksums of good copies, at least one
 * @param unpack whether the file is a tar.gz archive to unpack after verification
 * @param maxBytes the largest download accepted (a little above the largest good copy): a server
 *     sending more, or announcing more, is cut off
 */
public record RemoteFile(String name, List<Checksum> accepted, boolean unpack, long maxBytes) {
    /** The cap of a file whose size is not catalogued. */
    public static final long HARD_CAP = 4L << 30;

    /**
     * @throws IllegalArgumentException if the name is not a plain file name, no checksum is given,
     *     a checksum is not SHA-256, or the cap is not in (0, {@link #HARD_CAP}]
     */
    public RemoteFile {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("a remote file needs a plain file name, got '" + name + "'");
        }
        accepted = List.copyOf(accepted);
        if (accepted.isEmpty()) {
            throw new IllegalArgumentException("file " + name + " needs at least one checksum");
        }
        for (Checksum c : accepted) {
            if (!c.algorithm().equals("SHA-256")) {
                throw new IllegalArgumentException("file " + name + ": only SHA-256 checksums are accepted, got " + c.algorithm());
            }
        }
        if (maxBytes <= 0 || maxBytes > HARD_CAP) {
            throw new IllegalArgumentException("file " + name + ": size cap " + maxBytes + " outside (0, " + HARD_CAP + "]");
        }
    }

    /**
     * A file capped at {@link #HARD_CAP}.
     *
     * @param name the file name
     * @param accepted the SHA-256 checksums of good copies
     * @param unpack whether to unpack it
     */
    public RemoteFile(String name, List<Checksum> accepted, boolean unpack) {
        this(name, accepted, unpack, HARD_CAP);
    }
}
