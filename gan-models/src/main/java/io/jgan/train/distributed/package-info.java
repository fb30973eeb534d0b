/**
 * The optional data-parallel back ends of {@code jgan train}: a {@link io.jgan.train.distributed.DataParallel}
 * service (Apache Spark, in the gan-spark module) that the command line finds with {@link java.util.ServiceLoader}
 * when its jars are on the path, so that a single-machine user never loads them.
 */
package io.jgan.train.distributed;
