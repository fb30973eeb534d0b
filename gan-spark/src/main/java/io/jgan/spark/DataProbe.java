package io.jgan.spark;

import io.jgan.train.spec.RunSpec;

/** The data check of a new session, run on the executors: can they read the run's data, and is it big enough? */
final class DataProbe {
    private DataProbe() {}

    /**
     * @param specJson the run
     * @return "ok SIZE", or "!" and the reason in one line
     */
    static String check(String specJson) {
        RunSpec spec = RunSpec.fromJson(specJson);
        try {
            int n = ShardData.size(spec);
            if (n < spec.schedule().batchSize()) {
                return "!--batch-size " + spec.schedule().batchSize() + " is larger than the " + n + " samples of the data";
            }
            return "ok " + n;
        } catch (java.io.IOException | RuntimeException e) {
            String dir = spec.data().dir();
            return "!" + (dir == null ? "" : dir + ": ") + SparkDataParallel.firstLine(e);
        }
    }
}
