package io.jgan.cli.output;

import io.jgan.tensor.Tensor;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/** Tiles a batch of images (N x C x H x W, values in [-1, 1]) into one PNG, like torchvision's make_grid. */
public final class ImageGrid {
    private ImageGrid() {}

    /**
     * @param images N x C x H x W with C = 1 or 3, values in [-1, 1] (clamped)
     * @param nrow images per row (at least 1)
     * @param padding pixels between images
     * @return the grid image
     */
    public static BufferedImage render(Tensor images, int nrow, int padding) {
        if (images.rank() != 4 || (images.dim(1) != 1 && images.dim(1) != 3)) {
            throw new IllegalArgumentException("an image grid needs N x C x H x W with C = 1 or 3, got " + images.shape());
        }
        int n = images.dim(0);
        int c = images.dim(1);
        int h = images.dim(2);
        int w = images.dim(3);
        int cols = Math.max(1, Math.min(nrow, n));
        int rows = Math.max(1, (n + cols - 1) / cols);
        BufferedImage img = new BufferedImage(cols * (w + padding) + padding, rows * (h + padding) + padding, BufferedImage.TYPE_INT_RGB);
        float[] d = images.data();
        int off = images.offset();
        for (int k = 0; k < n; k++) {
            int x0 = padding + (k % cols) * (w + padding);
            int y0 = padding + (k / cols) * (h + padding);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int base = off + ((k * c) * h + y) * w + x;
                    int r = toByte(d[base]);
                    int g = c == 3 ? toByte(d[base + h * w]) : r;
                    int b = c == 3 ? toByte(d[base + 2 * h * w]) : r;
                    img.setRGB(x0 + x, y0 + y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return img;
    }

    private static int toByte(float v) {
        float u = (Math.max(-1f, Math.min(1f, v)) + 1f) * 127.5f;
        return Math.round(u);
    }

    /**
     * Writes the grid as a PNG, atomically.
     *
     * @param images N x C x H x W in [-1, 1]
     * @param nrow images per row
     * @param file the .png path
     * @throws IOException if writing fails
     */
    public static void write(Tensor images, int nrow, Path file) throws IOException {
        BufferedImage img = render(images, nrow, 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        AtomicFiles.write(file, bytes.toByteArray());
    }
}
