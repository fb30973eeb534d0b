/**
 * Measuring GANs. On 2-D mixtures: {@link io.jgan.eval.ModeCoverage} (the VEEGAN/PacGAN protocol).
 * On images: a small CNN {@link io.jgan.eval.Classifier} (the MNIST weights ship with this module)
 * whose penultimate features give {@link io.jgan.eval.Fid}, {@link io.jgan.eval.Kid} and
 * {@link io.jgan.eval.PrecisionRecall}, and whose predictions give the
 * {@link io.jgan.eval.InceptionScore} and the {@link io.jgan.eval.ClassHistogram} entropy, all
 * gathered by {@link io.jgan.eval.ImageEvaluator} (used by {@code jgan eval} and, through
 * {@link io.jgan.eval.PeriodicEval}, by {@code jgan train --eval-every}). And a measured version of
 * the WGAN paper's parallel-lines example, {@link io.jgan.eval.ParallelLines}.
 */
package io.jgan.eval;
