package io.jgan.spark;

import io.jgan.train.distributed.DataParallel;
import io.jgan.train.spec.RunSpec;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * The Spark back end of {@code jgan train --spark MASTER --workers W}: starts a Spark application
 * (client mode: this process is the driver), checks that W tasks can read the run's data, and
 * returns the session whose executor runs the phases.
 */
public final class SparkDataParallel implements DataParallel {
    /** How long the data check may wait for executors (seconds; {@code -Djgan.spark.startTimeout=S}). */
    static final long START_TIMEOUT = Long.getLong("jgan.spark.startTimeout", 120);

    /** For {@link java.util.ServiceLoader}. */
    public SparkDataParallel() {}

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Session open(String master, int workers, RunSpec spec) {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
        }
        checkMaster(master);
        quietLogging();
        SparkConf conf = SparkSettings.conf(master, workers, "jgan " + spec.model().kind() + "/" + spec.recipe());
        SparkRun run;
        try {
            run = SparkRun.start(conf, workers, spec);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot start Spark at " + master + ": " + firstLine(e), e);
        }
        try {
            checkData(run.context(), workers, spec);
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /** A standalone master must answer on its port before Spark spends a minute retrying it. */
    private static void checkMaster(String master) {
        if (!master.startsWith("spark://")) {
            if (!master.startsWith("local")) {
                throw new IllegalArgumentException("--spark takes local[N] or spark://HOST:PORT, got " + master);
            }
            return;
        }
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            URI u = URI.create("spark://" + hostPort);
            if (u.getHost() == null || u.getPort() < 0) {
                throw new IllegalArgumentException("--spark " + master + ": expected spark://HOST:PORT");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 5000);
                return;
            } catch (IOException e) {
                // try the next master
            }
        }
        throw new IllegalArgumentException("cannot reach the Spark master at " + master + " (nothing answers there; start one with"
                + " bin/spark-cluster start N)");
    }

    /** W tasks open the data as the workers will; a failure or a wrong size names the cause in one line. */
    static void checkData(JavaSparkContext sc, int workers, RunSpec spec) {
        String json = spec.toJson();
        JavaFutureAction<List<String>> probe = sc.parallelize(IntStream.range(0, workers).boxed().toList(), workers)
                .map(q -> DataProbe.check(json)).collectAsync();
        List<String> answers;
        try {
            answers = probe.get(START_TIMEOUT, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            probe.cancel(true);
            throw new IllegalArgumentException("no Spark executor ran a task within " + START_TIMEOUT + " s at " + sc.master()
                    + " (are workers registered with enough free cores?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalArgumentException("the Spark executors cannot read the data: " + firstLine(e.getCause()), e);
        }
        for (String a : answers) {
            if (a.startsWith("!")) {
                throw new IllegalArgumentException("the Spark executors cannot read the data: " + a.substring(1));
            }
        }
    }

    static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Spark's default log profile prints every INFO line; jgan's prints warnings (unless the user chose a profile). */
    private static void quietLogging() {
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "jgan-spark-log4j2.properties");
        }
    }
}
