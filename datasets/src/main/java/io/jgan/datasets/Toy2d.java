package io.jgan.datasets;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import java.util.Objects;

/**
 * The 2-D toy distributions of the WGAN-GP experiments (Gulrajani et al., 2017), for watching
 * mode collapse and mode coverage on a plot:
 * <ul>
 *   <li>{@link #ring8()}: eight Gaussians (sigma 0.02) centred on a circle of radius 2 at
 *       multiples of 45 degrees, everything divided by 1.414;</li>
 *   <li>{@link #grid25()}: 25 Gaussians (sigma 0.05) centred at 2 * {-2..2}^2, divided by 2.828;</li>
 *   <li>{@link #swissRoll()}: scikit-learn's swiss roll (noise 0.25) seen along its axis,
 *       {@code (t cos t, t sin t)} with t = 1.5 pi (1 + 2u), divided by 7.5.</li>
 * </ul>
 * The {@link #centres()} and {@link #sigma()} are given after the division, in the space the
 * samples live in, which is what a mode-coverage metric needs. Samples are infinite: each call
 * draws fresh points from the given generator, so the same seed gives the same points.
 */
public final class Toy2d {
    /** The three distributions. */
    public enum Kind {
        /** Eight Gaussians on a ring. */
        RING8,
        /** 25 Gaussians on a 5x5 grid. */
        GRID25,
        /** A noisy spiral. */
        SWISS_ROLL
    }

    private static final double RING_SCALE = 1.414;
    private static final double GRID_SCALE = 2.828;
    private static final double ROLL_SCALE = 7.5;

    private final Kind kind;
    private final float[][] centres;
    private final float sigma;

    private Toy2d(Kind kind, float[][] centres, float sigma) {
        this.kind = kind;
        this.centres = centres;
        this.sigma = sigma;
    }

    /** @return eight Gaussians on a ring of radius 2 / 1.414, sigma 0.02 / 1.414 */
    public static Toy2d ring8() {
        float[][] c = new float[8][];
        for (int i = 0; i < 8; i++) {
            // The reference lists the four axis points then the four diagonals; the set is what matters.
            double angle = i * Math.PI / 4;
            c[i] = new float[] {(float) (2 * Math.cos(angle) / RING_SCALE), (float) (2 * Math.sin(angle) / RING_SCALE)};
        }
        return new Toy2d(Kind.RING8, c, (float) (0.02 / RING_SCALE));
    }

    /** @return 25 Gaussians at 2 * {-2..2}^2 / 2.828, sigma 0.05 / 2.828 */
    public static Toy2d grid25() {
        float[][] c = new float[25][];
        int k = 0;
        for (int x = -2; x <= 2; x++) {
            for (int y = -2; y <= 2; y++) {
                c[k++] = new float[] {(float) (2 * x / GRID_SCALE), (float) (2 * y / GRID_SCALE)};
            }
        }
        return new Toy2d(Kind.GRID25, c, (float) (0.05 / GRID_SCALE));
    }

    /** @return the swiss roll with noise 0.25, divided by 7.5 (no centres; sigma is the noise, 0.25 / 7.5) */
    public static Toy2d swissRoll() {
        return new Toy2d(Kind.SWISS_ROLL, new float[0][], (float) (0.25 / ROLL_SCALE));
    }

    /**
     * @param kind which distribution
     * @return it
     */
    public static Toy2d of(Kind kind) {
        return switch (Objects.requireNonNull(kind, "kind")) {
            case RING8 -> ring8();
            case GRID25 -> grid25();
            case SWISS_ROLL -> swissRoll();
        };
    }

    /** @return which distribution this is */
    public Kind kind() {
        return kind;
    }

    /** @return a copy of the mode centres {x, y} (empty for the swiss roll) */
    public float[][] centres() {
        float[][] out = new float[centres.length][];
        for (int i = 0; i < centres.length; i++) {
            out[i] = centres[i].clone();
        }
        return out;
    }

    /** @return the standard deviation of each mode, per coordinate (the roll's noise level for the swiss roll) */
    public float sigma() {
        return sigma;
    }

    /**
     * Draws points into an array, interleaved {x0, y0, x1, y1, ...}.
     *
     * @param n the number of points
     * @param rng the generator (advanced)
     * @return 2n floats
     */
    public float[] sampleArray(int n, Rng rng) {
        if (n < 0) {
            throw new IllegalArgumentException("sample count must be >= 0, got " + n);
        }
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            if (kind == Kind.SWISS_ROLL) {
                double t = 1.5 * Math.PI * (1 + 2 * rng.nextDouble());
                // scikit-learn draws noise for all three coordinates; only x and z are kept.
                out[2 * i] = (float) ((t * Math.cos(t) + 0.25 * rng.nextGaussian()) / ROLL_SCALE);
                out[2 * i + 1] = (float) ((t * Math.sin(t) + 0.25 * rng.nextGaussian()) / ROLL_SCALE);
            } else {
                float[] c = centres[rng.nextInt(centres.length)];
                out[2 * i] = c[0] + sigma * rng.nextGaussian();
                out[2 * i + 1] = c[1] + sigma * rng.nextGaussian();
            }
        }
        return out;
    }

    /**
     * Draws a batch of points.
     *
     * @param n the number of points
     * @param rng the generator (advanced)
     * @return a tensor of shape [n, 2]
     */
    public Tensor sample(int n, Rng rng) {
        return Tensor.wrap(sampleArray(n, rng), n, 2);
    }

    /**
     * The index of the centre nearest to a point, for counting which modes a generator covers.
     *
     * @param x the point's x
     * @param y the point's y
     * @return the index into {@link #centres()}
     * @throws IllegalStateException for the swiss roll, which has no centres
     */
    public int nearestCentre(float x, float y) {
        if (centres.length == 0) {
            throw new IllegalStateException("the swiss roll has no mode centres");
        }
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int i = 0; i < centres.length; i++) {
            double dx = x - centres[i][0];
            double dy = y - centres[i][1];
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
}
