package io.jgan.train;

import io.jgan.eval.ModeCoverage;
import io.jgan.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mode coverage of 2-D samples as a {@code metrics.jsonl} record, for training loops outside this
 * module (the command line logs it at every sample step of a 2-D run). It is here because
 * {@code io.jgan.eval} is not exported; the numbers are {@link ModeCoverage}'s.
 */
public final class CoverageMetrics {
    private CoverageMetrics() {}

    /**
     * @param step the training step
     * @param samples [N, 2] generated points
     * @param centres [K, 2] mode centres
     * @param sigma the mixture's standard deviation
     * @return {step, event "mode_coverage", modes_covered, modes, high_quality, kl_uniform}
     */
    public static Map<String, Object> record(long step, Tensor samples, Tensor centres, double sigma) {
        ModeCoverage.Result r = ModeCoverage.measure(samples, centres, sigma);
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("step", step);
        rec.put("event", "mode_coverage");
        rec.put("modes_covered", r.modesCovered());
        rec.put("modes", r.modes());
        rec.put("high_quality", r.highQualityFraction());
        rec.put("kl_uniform", r.klFromUniform());
        return rec;
    }
}
