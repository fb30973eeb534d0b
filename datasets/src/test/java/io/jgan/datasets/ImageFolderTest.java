package io.jgan.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    /** A 1x1 lossless WebP (the JDK cannot write WebP; this is the well-known feature-test image). */
    static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    @TempDir
    Path tmp;

    /** A w x h image: left quarter blue, right quarter green, middle the given colour. */
    static BufferedImage banded(int w, int h, Color middle, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        g.setColor(middle);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, w / 4, h);
        g.setColor(Color.GREEN);
        g.fillRect(w - w / 4, 0, w / 4, h);
        g.dispose();
        return img;
    }

    static Path writeImage(BufferedImage img, String format, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, format, file.toFile()), "no JDK writer for " + format);
        return file;
    }

    @Test
    void classSubfoldersBecomeLabelsAndEveryFormatDecodes() throws IOException {
        Color red = new Color(255, 0, 0);
        writeImage(banded(40, 20, red, BufferedImage.TYPE_INT_RGB), "png", tmp.resolve("cats/a.png"));
        writeImage(banded(40, 20, red, BufferedImage.TYPE_3BYTE_BGR), "bmp", tmp.resolve("cats/b.BMP"));
        writeImage(banded(80, 40, red, BufferedImage.TYPE_3BYTE_BGR), "jpeg", tmp.resolve("dogs/c.jpg"));
        writeImage(banded(40, 20, red, BufferedImage.TYPE_INT_RGB), "gif", tmp.resolve("dogs/deep/d.gif"));
        writeImage(banded(40, 20, red, BufferedImage.TYPE_INT_RGB), "tiff", tmp.resolve("dogs/e.tif"));
        TestFiles.write(tmp.resolve("fish/f.webp"), WEBP);
        Files.writeString(tmp.resolve("dogs/notes.txt"), "not an image");
        Files.write(tmp.resolve("dogs/.hidden.png"), new byte[] {1, 2, 3});

        ImageDataset rgb = ImageFolder.load(tmp, 8, false);
        assertEquals(List.of("cats", "dogs", "fish"), rgb.classNames());
        assertEquals(6, rgb.size());
        assertArrayEquals(new int[] {0, 0, 1, 1, 1, 2}, rgb.labels(), "sorted paths: a, b, c, deep/d, e, f");
        assertEquals(3, rgb.channels());
        assertEquals(8, rgb.height());
        // The centre crop of a 2:1 image drops the blue and green quarters: only red is left.
        for (int i = 0; i < 5; i++) {
            int tolerance = i == 2 ? 40 : 0; // JPEG is lossy, and its subsampled chroma bleeds across the crop edge
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    assertEquals(255, rgb.pixel(i, 0, y, x), tolerance, "image " + i + " red at " + y + "," + x);
                    assertEquals(0, rgb.pixel(i, 1, y, x), tolerance, "image " + i + " green");
                    assertEquals(0, rgb.pixel(i, 2, y, x), tolerance, "image " + i + " blue");
                }
            }
        }
        ImageDataset gray = ImageFolder.load(tmp, 8, true);
        assertEquals(1, gray.channels());
        assertEquals(76, gray.pixel(0, 0, 4, 4), "ITU-R 601 luma of pure red");
        assertEquals(rgb.pixel(5, 0, 0, 0), rgb.pixel(5, 0, 7, 7), "a 1x1 WebP scales to a flat image");
    }

    @Test
    void largeImagesAreDownscaledWithoutLosingTheirLayout() throws IOException {
        // Top half white, bottom half black, 300x300 down to 10x10 (several halving steps).
        BufferedImage img = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 300, 150);
        g.dispose();
        writeImage(img, "png", tmp.resolve("x.png"));
        ImageDataset d = ImageFolder.load(tmp, 10, true);
        assertEquals(Dataset.NO_LABEL, d.label(0), "no subfolders: unlabelled");
        assertTrue(d.classNames().isEmpty());
        for (int x = 0; x < 10; x++) {
            assertEquals(255, d.pixel(0, 0, 1, x));
            assertEquals(0, d.pixel(0, 0, 8, x));
        }
    }

    @Test
    void anUnreadableImageFailsTheLoadNamingTheFile() throws IOException {
        writeImage(banded(8, 8, Color.RED, BufferedImage.TYPE_INT_RGB), "png", tmp.resolve("ok/a.png"));
        Path bad = tmp.resolve("ok/b.png");
        Files.write(bad, "this is not a PNG".getBytes(StandardCharsets.UTF_8));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> ImageFolder.load(tmp, 8, false));
        assertTrue(e.getMessage().startsWith(bad.toString()) && e.getMessage().contains("not a readable image"),
                e.getMessage());
        // A real PNG cut in half: the decoder's own error, still naming the file.
        byte[] png = Files.readAllBytes(tmp.resolve("ok/a.png"));
        Files.write(bad, java.util.Arrays.copyOf(png, png.length / 2));
        DatasetFormatException cut = assertThrows(DatasetFormatException.class, () -> ImageFolder.load(tmp, 8, false));
        assertTrue(cut.getMessage().startsWith(bad.toString()), cut.getMessage());
    }

    @Test
    void emptyFolderAndBadArguments() throws IOException {
        Files.writeString(tmp.resolve("readme.txt"), "nothing");
        assertTrue(assertThrows(DatasetFormatException.class, () -> ImageFolder.load(tmp, 8, false)).getMessage()
                .contains("no image files"));
        assertThrows(IllegalArgumentException.class, () -> ImageFolder.load(tmp, 0, false));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> ImageFolder.load(tmp.resolve("nope"), 8, false));
    }

    /**
     * On the module path (as the CLI runs) the TwelveMonkeys plugins must still register with
     * ImageIO through their service entries, and the bundled MNIST resource must be readable from
     * the named module. Runs a child JVM with everything but the test classes on the module path.
     */
    @Test
    void pluginsAndResourcesWorkOnTheModulePath() throws Exception {
        TestFiles.write(tmp.resolve("imgs/w.webp"), WEBP);
        Path probe = Files.writeString(tmp.resolve("Probe.java"), """
                import io.jgan.datasets.*;
                import java.nio.file.Path;
                public class Probe {
                    public static void main(String[] a) throws Exception {
                        var spi = javax.imageio.ImageIO.getImageReadersByFormatName("webp").next()
                                .getOriginatingProvider();
                        System.out.println("webp-module=" + spi.getClass().getModule().getName());
                        System.out.println("datasets-module=" + Mnist.class.getModule().getName());
                        System.out.println("webp-images=" + ImageFolder.load(Path.of(a[0]), 4, false).size());
                        System.out.println("bundled=" + Mnist.bundledTest().size());
                    }
                }
                """);
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> modulePath = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            String n = entry.replace('\\', '/');
            if (n.endsWith("test-classes") || n.contains("junit") || n.contains("opentest4j")
                    || n.contains("apiguardian") || n.contains("surefire")) {
                continue;
            }
            modulePath.add(entry);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "io.jgan.datasets", probe.toString(), tmp.resolve("imgs").toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("webp-module=com.twelvemonkeys.imageio.webp"), out);
        assertTrue(out.contains("datasets-module=io.jgan.datasets"), out);
        assertTrue(out.contains("webp-images=1"), out);
        assertTrue(out.contains("bundled=10000"), out);
    }
}
