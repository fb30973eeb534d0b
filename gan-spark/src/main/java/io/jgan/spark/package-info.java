/**
 * Data-parallel GAN training on Apache Spark: each phase of a step (a critic update, a generator
 * update) is one Spark job over W partitions whose task computes one shard's gradients
 * ({@link io.jgan.train.ShardWorker}) as a pure function of the driver's state; the driver sums them
 * in shard order and steps the optimisers ({@link io.jgan.train.ShardExecutor}). A retried task
 * recomputes the same gradients, so a lost executor cannot change the result.
 *
 * <p>Spark has no module descriptors: this module is an automatic module ({@code io.jgan.spark}) on
 * the class path, found by the command line through {@link java.util.ServiceLoader}.
 */
package io.jgan.spark;
