package io.jgan.spark;

import org.apache.spark.SparkConf;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Spark configuration of a jgan run. Anything given as a {@code spark.*} system property
 * (e.g. {@code JGAN_JAVA_OPTS=-Dspark.executor.memory=2g}) is kept: SparkConf reads those first.
 */
final class SparkSettings {
    /** Compute threads per task (default 1: the parallelism is across tasks). */
    static final String THREADS = "spark.jgan.threads";
    /** local[N] only: pass requests and results through memory, not serialised (default true). */
    static final String IN_PROCESS = "spark.jgan.inProcess";

    private SparkSettings() {}

    static SparkConf conf(String master, int workers, String appName) {
        SparkConf c = new SparkConf(true).setMaster(master).setAppName(appName);
        c.setIfMissing("spark.ui.enabled", "false");
        // weights are float arrays that do not compress; compressing costs more than shipping them
        c.setIfMissing("spark.broadcast.compress", "false");
        // a task's gradients go straight back in its result message (no block-manager round trip)
        c.setIfMissing("spark.rpc.message.maxSize", "1024");
        c.setIfMissing("spark.task.maxDirectResultSize", String.valueOf(1000L << 20));
        c.setIfMissing("spark.driver.maxResultSize", "4g");
        c.setIfMissing("spark.locality.wait", "0s");
        c.setIfMissing("spark.cores.max", String.valueOf(workers));
        c.setIfMissing("spark.task.maxFailures", "8");
        c.setIfMissing("spark.executor.extraJavaOptions", "--add-modules=jdk.incubator.vector");
        if (!master.startsWith("local")) {
            String jar = ownJar();
            if (jar != null) {
                c.setIfMissing("spark.executor.extraClassPath", jar); // gan-spark itself; the jars of lib/ are the cluster's
            }
        }
        if (master.startsWith("local") || master.contains("://127.") || master.contains("://localhost")) {
            c.setIfMissing("spark.driver.host", "127.0.0.1");
            c.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return c;
    }

    /** @return the path of this module's jar (or classes directory), or null when unknown */
    static String ownJar() {
        try {
            Path p = Path.of(SparkSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.exists(p) ? p.toString() : null; // the jar, or target/classes in the tests
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }
}
