package io.jgan.datasets.download;

import java.net.URI;
import java.util.List;

/**
 * The catalogue of downloadable datasets with their mirrors and checksums.
 *
 * <p>Provenance of the checksums (recorded so they can be re-checked):
 * <ul>
 *   <li>SHA-256 of the original MNIST, Fashion-MNIST and CIFAR archives: TensorFlow Datasets'
 *       {@code url_checksums} files (mnist.txt, fashion_mnist.txt, cifar10.txt, cifar100.txt),
 *       which also list the sizes (MNIST train images 9,912,422 bytes; CIFAR-10 170,052,171;
 *       CIFAR-100 168,513,733). These could not be checked against downloads here (no network).</li>
 *   <li>MNIST also accepts the SHA-256 of jgan's shared copy ({@code shared/data/mnist/SHA256SUMS}):
 *       the same IDX data, gzip-compressed differently, hence different bytes.</li>
 *   <li>No MD5 is accepted (an MD5 can be forged, so a hostile mirror could substitute a file) and
 *       no plain-HTTP mirror is listed (a blocked TLS connection must not fall back to one).</li>
 *   <li>Size caps: a little above the largest good copy (CIFAR-10 170,052,171 bytes, CIFAR-100
 *       168,513,733, MNIST train images 9,912,422, Fashion-MNIST train images 26,421,880): a
 *       server that sends more is cut off.</li>
 * </ul>
 */
public final class DatasetSources {
    private DatasetSources() {
    }

    /** MNIST: four gzipped IDX files, kept gzipped (the reader unzips on the fly). */
    public static final DatasetSource MNIST = new DatasetSource("mnist",
            List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
            List.of(
                    file("train-images-idx3-ubyte.gz", 16L << 20,
                            "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                            "0b367032e93c5d0cea0925647cfdb18614af8ee15f83e6f2fc2ad904a6835971"),
                    file("train-labels-idx1-ubyte.gz", 1L << 20,
                            "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                            "1787548bbe0bff1ec2ecdc0ef292b02df999e2d1a6002d27500982c652b17203"),
                    file("t10k-images-idx3-ubyte.gz", 4L << 20,
                            "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                            "1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20be"),
                    file("t10k-labels-idx1-ubyte.gz", 1L << 20,
                            "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
                            "b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b")),
            null);

    /** Fashion-MNIST: the same layout as MNIST. */
    public static final DatasetSource FASHION_MNIST = new DatasetSource("fashion-mnist",
            List.of(URI.create("https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/")),
            List.of(
                    file("train-images-idx3-ubyte.gz", 40L << 20,
                            "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
                    file("train-labels-idx1-ubyte.gz", 1L << 20,
                            "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
                    file("t10k-images-idx3-ubyte.gz", 8L << 20,
                            "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
                    file("t10k-labels-idx1-ubyte.gz", 1L << 20,
                            "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5")),
            null);

    /** CIFAR-10, binary version: one tar.gz unpacking to {@code cifar-10-batches-bin/}. */
    public static final DatasetSource CIFAR10 = new DatasetSource("cifar10",
            List.of(URI.create("https://www.cs.toronto.edu/~kriz/")),
            List.of(new RemoteFile("cifar-10-binary.tar.gz",
                    List.of(Checksum.sha256("c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd")), true, 180L << 20)),
            "cifar-10-batches-bin");

    /** CIFAR-100, binary version: one tar.gz unpacking to {@code cifar-100-binary/}. */
    public static final DatasetSource CIFAR100 = new DatasetSource("cifar100",
            List.of(URI.create("https://www.cs.toronto.edu/~kriz/")),
            List.of(new RemoteFile("cifar-100-binary.tar.gz",
                    List.of(Checksum.sha256("58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec")), true, 180L << 20)),
            "cifar-100-binary");

    /** Every catalogued dataset. */
    public static final List<DatasetSource> ALL = List.of(MNIST, FASHION_MNIST, CIFAR10, CIFAR100);

    /** A file accepted if it matches any of the SHA-256 digests, and at most {@code maxBytes} long. */
    private static RemoteFile file(String name, long maxBytes, String... sha256) {
        List<Checksum> accepted = new java.util.ArrayList<>();
        for (String h : sha256) {
            accepted.add(Checksum.sha256(h));
        }
        return new RemoteFile(name, accepted, false, maxBytes);
    }
}
