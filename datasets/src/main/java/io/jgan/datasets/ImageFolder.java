package io.jgan.datasets;

import io.jgan.tensor.Parallel;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A directory of image files, decoded with ImageIO (the JDK's readers plus the TwelveMonkeys
 * plugins this module depends on: PNG, JPEG, BMP, GIF, WebP, TIFF), resized so that the shorter
 * side equals {@code size}, centre-cropped to {@code size x size} (torchvision's
 * {@code Resize(size)} then {@code CenterCrop(size)}) and stored as grayscale or RGB bytes.
 *
 * <p>If the directory has subdirectories, each one (sorted by name) is a class and its images,
 * found recursively, carry its label (torchvision's ImageFolder); otherwise the images directly
 * in it are loaded unlabelled ({@link Dataset#NO_LABEL}). Files are taken in sorted path order
 * and recognised by extension; other files and hidden files are skipped. Every image is decoded
 * at load time, so an unreadable one fails the load (naming the file) instead of a training run
 * hours later; memory is {@code size * size * channels} bytes per image.
 */
public final class ImageFolder {
    /** The file extensions read, lower case. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "webp", "tif", "tiff");

    /** The largest image decoded by default, in pixels (width x height): 64 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 64L << 20;

    private ImageFolder() {
    }

    /**
     * Loads every image under a directory, refusing images over {@link #DEFAULT_MAX_PIXELS}.
     *
     * @param dir the directory
     * @param size the side of the square output images, positive
     * @param grayscale true for one channel (ITU-R 601 luma), false for RGB
     * @return the images and labels
     * @throws IOException as {@link #load(Path, int, boolean, long)}
     */
    public static ImageDataset load(Path dir, int size, boolean grayscale) throws IOException {
        return load(dir, size, grayscale, DEFAULT_MAX_PIXELS);
    }

    /**
     * Loads every image under a directory.
     *
     * @param dir the directory
     * @param size the side of the square output images, positive
     * @param grayscale true for one channel (ITU-R 601 luma), false for RGB
     * @param maxPixels the largest image decoded (width x height, read from the file's header
     *     before decoding), and the largest output image
     * @return the images and labels
     * @throws IllegalArgumentException if size is not positive or size x size exceeds maxPixels
     * @throws java.nio.file.NoSuchFileException if the directory does not exist
     * @throws DatasetFormatException naming the file if an image cannot be decoded or is too large, or if no image is found
     * @throws IOException if a file cannot be read
     */
    public static ImageDataset load(Path dir, int size, boolean grayscale, long maxPixels) throws IOException {
        if (size <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + size);
        }
        if ((long) size * size > maxPixels) {
            throw new IllegalArgumentException("images of " + size + "x" + size + " are " + (long) size * size
                    + " pixels, over the limit of " + maxPixels + " (max pixels)");
        }
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString(), null, "not a directory of images");
        }
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(dir)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labelList = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        if (classDirs.isEmpty()) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(ImageFolder::isImage).sorted().forEach(p -> {
                    files.add(p);
                    labelList.add(NO_LABEL_BOX);
                });
            }
        } else {
            for (Path classDir : classDirs) {
                int label = classNames.size();
                classNames.add(classDir.getFileName().toString());
                try (Stream<Path> s = Files.walk(classDir)) {
                    s.filter(ImageFolder::isImage).sorted().forEach(p -> {
                        files.add(p);
                        labelList.add(label);
                    });
                }
            }
        }
        if (files.isEmpty()) {
            throw new DatasetFormatException(dir.toString(), "no image files (" + String.join(", ", sorted(EXTENSIONS))
                    + ") found", DatasetFormatException.NO_OFFSET);
        }
        int channels = grayscale ? 1 : 3;
        long perLong = (long) channels * size * size; // below 3 * 2^62: no overflow, then checked against an array's size
        long total = perLong > Integer.MAX_VALUE ? Long.MAX_VALUE : perLong * files.size();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(files.size() + " images of " + channels + "x" + size + "x" + size
                    + " exceed 2 GiB; use a smaller size");
        }
        int per = (int) perLong;
        byte[] pixels = new byte[(int) total];
        IOException[] failures = new IOException[files.size()];
        // Each image writes only its own slice, so decoding in parallel stays deterministic.
        Parallel.forChunks(files.size(), i -> {
            try {
                decodeInto(files.get(i), size, grayscale, pixels, i * per, maxPixels);
            } catch (IOException e) {
                failures[i] = e;
            }
        });
        for (IOException failure : failures) {
            if (failure != null) {
                throw failure; // the first in file order, whatever thread saw it first
            }
        }
        int[] labels = null;
        if (!classNames.isEmpty()) {
            labels = labelList.stream().mapToInt(Integer::intValue).toArray();
        }
        return new ImageDataset("images in " + dir, pixels, channels, size, size, labels, classNames);
    }

    private static final Integer NO_LABEL_BOX = Dataset.NO_LABEL;

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static boolean isImage(Path p) {
        if (!Files.isRegularFile(p) || hidden(p)) {
            return false;
        }
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Decodes one file, resizes and centre-crops it, and writes C x size x size bytes at {@code offset}.
     *
     * @param file the image file
     * @param size the output side
     * @param grayscale one channel (luma) or three (RGB)
     * @param dst the destination
     * @param offset where the image starts in {@code dst}
     * @throws DatasetFormatException naming the file if it cannot be decoded
     * @throws IOException if it cannot be read
     */
    public static void decodeInto(Path file, int size, boolean grayscale, byte[] dst, int offset) throws IOException {
        decodeInto(file, size, grayscale, dst, offset, DEFAULT_MAX_PIXELS);
    }

    /**
     * As {@link #decodeInto(Path, int, boolean, byte[], int)}, refusing an image whose header
     * declares more than {@code maxPixels} pixels before any pixel is decoded (a 190 KB PNG can
     * declare 14000 x 14000 and take 770 MB to decode).
     *
     * @param file the image file
     * @param size the output side
     * @param grayscale one channel (luma) or three (RGB)
     * @param dst the destination
     * @param offset where the image starts in {@code dst}
     * @param maxPixels the largest width x height decoded
     * @throws DatasetFormatException naming the file if it cannot be decoded or is too large
     * @throws IOException if it cannot be read
     */
    public static void decodeInto(Path file, int size, boolean grayscale, byte[] dst, int offset, long maxPixels) throws IOException {
        long fileSize = Files.size(file);
        // No supported format needs more than 4 bytes a pixel (plus headers): a larger file is refused unread.
        long maxBytes = Math.max(64L << 20, Math.min(Integer.MAX_VALUE - 8L, 4 * Math.min(maxPixels, Integer.MAX_VALUE) + (1 << 20)));
        if (fileSize > maxBytes) {
            throw new DatasetFormatException(file.toString(), "file of " + fileSize + " bytes is larger than an image of at most "
                    + maxPixels + " pixels can be (raise --max-pixels)", DatasetFormatException.NO_OFFSET);
        }
        // Reading the bytes first separates disk failures (plain IOExceptions) from decoding
        // failures, which the decoders also report as IOExceptions and sometimes as runtime ones.
        byte[] bytes = Files.readAllBytes(file);
        BufferedImage image = decode(file, bytes, maxPixels);
        int[] rgb = resizeCrop(image, size);
        int plane = size * size;
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            int r = (p >>> 16) & 0xFF;
            int g = (p >>> 8) & 0xFF;
            int b = p & 0xFF;
            if (grayscale) {
                // PIL's "L" conversion (ITU-R 601-2 luma), rounded.
                dst[offset + i] = (byte) ((r * 299 + g * 587 + b * 114 + 500) / 1000);
            } else {
                dst[offset + i] = (byte) r;
                dst[offset + plane + i] = (byte) g;
                dst[offset + 2 * plane + i] = (byte) b;
            }
        }
    }

    private static BufferedImage decode(Path file, byte[] bytes, long maxPixels) throws DatasetFormatException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DatasetFormatException(file.toString(), "not a readable image (no ImageIO reader recognises "
                        + "its contents)", DatasetFormatException.NO_OFFSET);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w * h > maxPixels) {
                    throw new DatasetFormatException(file.toString(), "image of " + w + "x" + h + " = " + w * h
                            + " pixels is over the limit of " + maxPixels + " (raise it with --max-pixels)", DatasetFormatException.NO_OFFSET);
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new DatasetFormatException(file.toString(), "not a readable image", DatasetFormatException.NO_OFFSET);
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (DatasetFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DatasetFormatException(file.toString(), "cannot decode image: " + e.getMessage(),
                    DatasetFormatException.NO_OFFSET, e);
        }
    }

    /**
     * Scales the centre square of the image to size x size with bilinear filtering, halving first
     * while the image is over twice too large (one bilinear step would skip pixels and alias).
     * Transparent pixels are composited over black.
     */
    private static int[] resizeCrop(BufferedImage src, int size) {
        int w = src.getWidth();
        int h = src.getHeight();
        int side = Math.min(w, h);
        BufferedImage current = src;
        int x0 = (w - side) / 2;
        int y0 = (h - side) / 2;
        int currentSide = side;
        while (currentSide / 2 >= size) {
            int half = currentSide / 2;
            current = draw(current, x0, y0, currentSide, half);
            x0 = 0;
            y0 = 0;
            currentSide = half;
        }
        BufferedImage out = draw(current, x0, y0, currentSide, size);
        return out.getRGB(0, 0, size, size, null, 0, size);
    }

    private static BufferedImage draw(BufferedImage src, int x0, int y0, int side, int target) {
        BufferedImage out = new BufferedImage(target, target, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, target, target, x0, y0, x0 + side, y0 + side, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
