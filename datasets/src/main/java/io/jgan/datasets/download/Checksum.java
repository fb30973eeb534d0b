package io.jgan.datasets.download;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * An expected digest of a file.
 *
 * @param algorithm the {@link MessageDigest} algorithm ({@link RemoteFile} accepts "SHA-256" only)
 * @param hex the expected digest, lower-case hexadecimal
 */
public record Checksum(String algorithm, String hex) {
    /**
     * @throws IllegalArgumentException if the algorithm is unknown or the digest has the wrong length
     */
    public Checksum {
        Objects.requireNonNull(algorithm, "algorithm");
        hex = hex.toLowerCase(Locale.ROOT);
        int expected = newDigest(algorithm).getDigestLength() * 2;
        if (hex.length() != expected || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw new IllegalArgumentException(algorithm + " digest must be " + expected + " hex digits, got '" + hex + "'");
        }
    }

    /**
     * @param hex a SHA-256 digest in hexadecimal
     * @return the checksum
     */
    public static Checksum sha256(String hex) {
        return new Checksum("SHA-256", hex);
    }

    /** @return a fresh digest of this checksum's algorithm */
    public MessageDigest newDigest() {
        return newDigest(algorithm);
    }

    /**
     * @param digest a finished digest value
     * @return whether it equals the expected one
     */
    public boolean matches(byte[] digest) {
        return HexFormat.of().formatHex(digest).equals(hex);
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest algorithm " + algorithm, e);
        }
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
