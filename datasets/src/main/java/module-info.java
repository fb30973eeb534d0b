/**
 * jgan datasets: IDX, CIFAR, image-folder and toy readers, the {@code DataLoader}, transforms and
 * checked downloads.
 *
 * <p>ImageIO lives in java.desktop; the TwelveMonkeys plugins (automatic modules) are required so
 * that they are resolved whenever this module is, and ImageIO finds them through the service
 * entries of their jars (java.desktop declares {@code uses ImageReaderSpi}, so this module need
 * not). The tar.gz reader is Apache Commons Compress; downloads use java.net.http.
 */
module io.jgan.datasets {
    requires transitive io.jgan.tensor;
    requires java.desktop;
    requires java.net.http;
    requires org.apache.commons.compress;
    requires com.twelvemonkeys.imageio.jpeg;
    requires com.twelvemonkeys.imageio.webp;
    requires com.twelvemonkeys.imageio.tiff;
    requires com.twelvemonkeys.imageio.bmp;

    exports io.jgan.datasets;
    exports io.jgan.datasets.idx;
    exports io.jgan.datasets.transforms;
    exports io.jgan.datasets.download;
}
