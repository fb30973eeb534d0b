/**
 * Training GANs: the run configuration, the trainer (k critic steps, the WGAN schedule, clipping,
 * penalties, f-GAN's simultaneous step), EMA, metrics, checkpoints with exact resume, and the NaN guard.
 */
package io.jgan.train;
