package io.jgan.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * A seeded, counter-based random number generator (SplitMix64 over a counter).
 *
 * <p>The whole state is two longs (seed and counter), so it is saved and restored exactly
 * ({@link #state()}, {@link #restore(long[])}), and {@link #split(String)} derives an independent
 * stream per purpose (init, data order, noise, dropout) without touching this one's counter.
 * Results never depend on the thread count: every draw is a function of (seed, counter).
 */
public final class Rng {
    /** 64-bit lanes for the bulk draws, and floats with as many lanes for the results. */
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(LONGS.length() * Float.SIZE));
    private static final long[] IOTA = java.util.stream.LongStream.range(0, LONGS.length()).toArray();
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private final long seed;
    private long counter;

    /**
     * @param seed the seed; the same seed gives the same stream on every run
     */
    public Rng(long seed) {
        this.seed = seed;
    }

    private Rng(long seed, long counter) {
        this.seed = seed;
        this.counter = counter;
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return the next 64 random bits */
    public long nextLong() {
        return mix64(seed + GOLDEN * (++counter));
    }

    /** @return a uniform float in [0, 1) with 24 random bits */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** @return a uniform double in [0, 1) with 53 random bits */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * @param bound exclusive upper bound, positive
     * @return a uniform int in [0, bound), unbiased (rejection sampling)
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long limit = (1L << 32) - ((1L << 32) % bound);
        while (true) {
            long r = nextLong() >>> 32;
            if (r < limit) {
                return (int) (r % bound);
            }
        }
    }

    /**
     * A standard normal draw (Box-Muller; both uniforms come from this stream, one value per call
     * so that the state stays a plain counter).
     *
     * @return a float ~ N(0, 1)
     */
    public float nextGaussian() {
        double u1 = ((nextLong() >>> 11) + 1) * 0x1.0p-53; // (0, 1]: log never sees 0
        double u2 = nextDouble();
        return (float) (Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2));
    }

    /**
     * @param p probability of 1
     * @return true with probability p
     */
    public boolean nextBernoulli(double p) {
        return nextDouble() < p;
    }

    /**
     * Fills {@code dst[off .. off+n)} with {@code value} where {@link #nextBernoulli}{@code (p)} would
     * be true and 0 elsewhere, drawing exactly the same numbers as {@code n} calls of it in a row (so
     * the stream, and a saved state, are unchanged by choosing this form). The generator is
     * counter-based, so eight draws are computed at once with 64-bit vector lanes; integer arithmetic
     * is exact, so the result is the same whichever way the JIT compiles it.
     *
     * @param dst destination
     * @param off first index written
     * @param n how many values
     * @param p probability of {@code value}, in [0, 1]
     * @param value the value written for a success (1 for a plain mask, 1/(1-p) for inverted dropout)
     */
    public void fillBernoulli(float[] dst, int off, int n, double p, float value) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli probability must be in [0, 1], got " + p);
        }
        if (n < 0 || off < 0 || off > dst.length - n) {
            throw new IllegalArgumentException("cannot write " + n + " values at " + off + " into an array of "
                    + dst.length);
        }
        // nextDouble() < p  <=>  (bits >>> 11) * 2^-53 < p  <=>  (bits >>> 11) < ceil(p * 2^53), exactly
        long threshold = (long) Math.ceil(p * 0x1p53);
        long first = counter + 1;
        int lanes = LONGS.length(), i = 0;
        LongVector iota = LongVector.fromArray(LONGS, IOTA, 0);
        FloatVector ones = FloatVector.broadcast(FLOATS, value), zeros = FloatVector.zero(FLOATS);
        for (int bound = n - n % lanes; i < bound; i += lanes) {
            LongVector z = iota.add(first + i).mul(GOLDEN).add(seed);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            VectorMask<Float> hit = z.lanewise(VectorOperators.LSHR, 11).compare(VectorOperators.LT, threshold)
                    .cast(FLOATS);
            zeros.blend(ones, hit).intoArray(dst, off + i);
        }
        for (; i < n; i++) {
            long bits = mix64(seed + GOLDEN * (first + i));
            dst[off + i] = (bits >>> 11) < threshold ? value : 0f;
        }
        counter += n;
    }


    /**
     * A uniformly random permutation of 0..n-1 (Fisher-Yates).
     *
     * @param n the length, non-negative
     * @return the permutation
     */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation length must be >= 0, got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Derives an independent generator for a purpose; this generator's state is unchanged, so the
     * derived streams do not depend on how much of this one was consumed.
     *
     * @param purpose a label such as "init", "data", "noise", "dropout"
     * @return a new generator
     */
    public Rng split(String purpose) {
        long h = 1125899906842597L;
        for (int i = 0; i < purpose.length(); i++) {
            h = 31 * h + purpose.charAt(i);
        }
        return new Rng(mix64(seed ^ mix64(h)));
    }

    /** @return the seed this generator was built with */
    public long seed() {
        return seed;
    }

    /** @return the exact state {seed, counter}, for checkpoints */
    public long[] state() {
        return new long[] {seed, counter};
    }

    /**
     * @param state a value returned by {@link #state()}
     * @return a generator that continues exactly where the saved one was
     */
    public static Rng fromState(long[] state) {
        if (state == null || state.length != 2) {
            throw new IllegalArgumentException("an Rng state is two longs {seed, counter}");
        }
        return new Rng(state[0], state[1]);
    }

    /**
     * Restores this generator's counter from a saved state of the same seed.
     *
     * @param state a value returned by {@link #state()}
     */
    public void restore(long[] state) {
        if (state == null || state.length != 2 || state[0] != seed) {
            throw new IllegalArgumentException("state does not belong to an Rng with seed " + seed);
        }
        counter = state[1];
    }
}
