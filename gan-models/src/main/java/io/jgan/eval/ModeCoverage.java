package io.jgan.eval;

import io.jgan.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * The mode-coverage protocol of VEEGAN and PacGAN for 2-D mixtures: a sample is high quality when
 * it lies within 3 standard deviations of its nearest centre; a mode is covered when it holds at
 * least 20 high-quality samples per 2,500 drawn (the protocol's threshold, scaled to the sample
 * count, so stray points do not count as a captured mode); the KL divergence of the mode histogram
 * of high-quality samples from uniform measures balance.
 */
public final class ModeCoverage {
    /**
     * @param highQualityFraction share of samples within 3 sigma of their nearest centre
     * @param modesCovered modes holding at least the threshold of high-quality samples
     * @param modes number of modes
     * @param klFromUniform KL(mode histogram of high-quality samples || uniform), in nats (0 when balanced)
     * @param counts high-quality samples per mode, in centre order (an immutable copy)
     */
    public record Result(double highQualityFraction, int modesCovered, int modes, double klFromUniform, List<Integer> counts) {
        /** Copies the counts, so that the record is a value (equals, hashCode and toString read them). */
        public Result {
            counts = List.copyOf(counts);
            if (counts.size() != modes || modesCovered < 0 || modesCovered > modes) {
                throw new IllegalArgumentException("mode coverage of " + modes + " modes with " + modesCovered
                        + " covered and counts " + counts);
            }
        }
    }

    private ModeCoverage() {}

    /**
     * @param samples [N, 2] points
     * @param centres [K, 2] mode centres
     * @param sigma the mixture's standard deviation
     * @return the coverage
     */
    public static Result measure(Tensor samples, Tensor centres, double sigma) {
        if (samples.rank() != 2 || samples.dim(1) != 2 || centres.rank() != 2 || centres.dim(1) != 2) {
            throw new IllegalArgumentException("mode coverage needs [N, 2] samples and [K, 2] centres, got "
                    + samples.shape() + " and " + centres.shape());
        }
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be positive, got " + sigma);
        }
        int n = samples.dim(0);
        int k = centres.dim(0);
        int[] counts = new int[k];
        int hq = 0;
        for (int i = 0; i < n; i++) {
            double x = samples.get(i, 0);
            double y = samples.get(i, 1);
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double dx = x - centres.get(j, 0);
                double dy = y - centres.get(j, 1);
                double d2 = dx * dx + dy * dy;
                if (d2 < bestD) {
                    bestD = d2;
                    best = j;
                }
            }
            if (Math.sqrt(bestD) <= 3 * sigma) {
                hq++;
                counts[best]++;
            }
        }
        int threshold = Math.max(1, (int) Math.round(20.0 * n / 2500));
        int covered = 0;
        double kl = 0;
        for (int c : counts) {
            if (c >= threshold) {
                covered++;
            }
            if (c > 0) {
                double p = (double) c / hq;
                kl += p * Math.log(p * k);
            }
        }
        return new Result(n == 0 ? 0 : (double) hq / n, covered, k, hq == 0 ? Double.POSITIVE_INFINITY : kl,
                Arrays.stream(counts).boxed().toList());
    }
}
