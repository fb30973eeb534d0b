package io.jgan.datasets.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgan.tensor.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TransformsTest {
    /** A 2-channel 3x4 image (after a 1-value prefix, to exercise offsets): value = c*100 + y*10 + x, scaled. */
    static float[] image() {
        float[] img = new float[1 + 2 * 3 * 4];
        img[0] = -7f;
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    img[1 + (c * 3 + y) * 4 + x] = (c * 100 + y * 10 + x) / 200f;
                }
            }
        }
        return img;
    }

    static float at(float[] img, int c, int y, int x) {
        return img[1 + (c * 3 + y) * 4 + x];
    }

    @Test
    void flipMirrorsEveryRowOfEveryChannel() {
        float[] img = image();
        new RandomHorizontalFlip(1.0).apply(img, 1, 2, 3, 4, new Rng(0));
        float[] orig = image();
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    assertEquals(at(orig, c, y, 3 - x), at(img, c, y, x));
                }
            }
        }
        assertEquals(-7f, img[0], "values before the offset untouched");
        float[] same = image();
        new RandomHorizontalFlip(0.0).apply(same, 1, 2, 3, 4, new Rng(0));
        assertArrayEquals(image(), same);
        assertThrows(IllegalArgumentException.class, () -> new RandomHorizontalFlip(1.5));
    }

    @Test
    void flipHappensAboutHalfTheTime() {
        Rng rng = new Rng(4);
        int flips = 0;
        for (int i = 0; i < 2000; i++) {
            float[] img = image();
            new RandomHorizontalFlip().apply(img, 1, 2, 3, 4, rng);
            flips += at(img, 0, 0, 0) != at(image(), 0, 0, 0) ? 1 : 0;
        }
        assertTrue(flips > 900 && flips < 1100, "flips: " + flips);
    }

    @Test
    void cropIsAShiftWithZeroFillAndCoversEveryOffset() {
        Rng rng = new Rng(8);
        boolean[][] seen = new boolean[5][5];
        for (int trial = 0; trial < 400; trial++) {
            float[] img = image();
            new RandomCrop(2).apply(img, 1, 2, 3, 4, rng);
            // Find the shift (dy, dx) that explains the output.
            int found = 0;
            for (int dy = -2; dy <= 2; dy++) {
                for (int dx = -2; dx <= 2; dx++) {
                    if (matchesShift(img, dy, dx)) {
                        seen[dy + 2][dx + 2] = true;
                        found++;
                    }
                }
            }
            assertEquals(1, found, "output is exactly one shifted, zero-padded copy");
        }
        for (boolean[] row : seen) {
            for (boolean s : row) {
                assertTrue(s, "every one of the 25 crop positions occurs");
            }
        }
    }

    private static boolean matchesShift(float[] img, int dy, int dx) {
        float[] orig = image();
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    int sy = y + dy;
                    int sx = x + dx;
                    float want = sy >= 0 && sy < 3 && sx >= 0 && sx < 4 ? at(orig, c, sy, sx) : 0f;
                    if (at(img, c, y, x) != want) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void jitterStaysInRangeAndIsSeeded() {
        float[] a = image();
        float[] b = image();
        ColorJitter j = new ColorJitter(0.8, 0.8);
        j.apply(a, 1, 2, 3, 4, new Rng(21));
        j.apply(b, 1, 2, 3, 4, new Rng(21));
        assertArrayEquals(a, b);
        assertNotEquals(Arrays.toString(image()), Arrays.toString(a));
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i] >= 0f && a[i] <= 1f);
        }
        // Zero strength is the identity (the two draws still happen).
        float[] id = image();
        Rng r = new Rng(3);
        new ColorJitter(0, 0).apply(id, 1, 2, 3, 4, r);
        for (int i = 1; i < id.length; i++) {
            assertEquals(image()[i], id[i], 1e-6f);
        }
        assertEquals(2, r.state()[1], "always two draws, whatever the strengths");
    }

    @Test
    void brightnessScalesAndContrastPullsTowardsTheMean() {
        // Grey image 0.25 / 0.75 halves: contrast 0 factor would be the mean 0.5.
        float[] img = {0.25f, 0.75f, 0.25f, 0.75f};
        Rng fixed = new Rng(1);
        double u1 = new Rng(1).nextDouble();
        new ColorJitter(0.5, 0.0).apply(img, 0, 1, 2, 2, fixed);
        float b = (float) (1 + 0.5 * (2 * u1 - 1));
        assertEquals(Math.min(1f, 0.25f * b), img[0], 1e-6f);
        float[] flat = {0.2f, 0.8f};
        Rng r2 = new Rng(2);
        Rng copy = new Rng(2);
        copy.nextDouble();
        double u2 = copy.nextDouble();
        new ColorJitter(0.0, 1.0).apply(flat, 0, 1, 1, 2, r2);
        float k = (float) (1 + (2 * u2 - 1));
        assertEquals(Math.max(0f, Math.min(1f, 0.5f + k * (0.2f - 0.5f))), flat[0], 1e-6f);
    }

    @Test
    void normalizeUsesPerChannelStatistics() {
        float[] img = image();
        new Normalize(new float[] {0.5f, 0.25f}, new float[] {0.5f, 2f}).apply(img, 1, 2, 3, 4, null);
        assertEquals((at(image(), 0, 2, 3) - 0.5f) / 0.5f, at(img, 0, 2, 3), 1e-6f);
        assertEquals((at(image(), 1, 1, 1) - 0.25f) / 2f, at(img, 1, 1, 1), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> new Normalize(new float[] {0}, new float[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new Normalize(new float[] {0, 0, 0}, new float[] {1, 1, 1}).apply(image(), 1, 2, 3, 4, null));
    }

    @Test
    void composeAppliesInOrder() {
        float[] a = image();
        Transform.compose(new RandomHorizontalFlip(1.0), new Normalize(new float[] {0}, new float[] {0.5f}))
                .apply(a, 1, 2, 3, 4, new Rng(0));
        assertEquals(at(image(), 1, 0, 3) * 2f, at(a, 1, 0, 0), 1e-6f);
    }
}
