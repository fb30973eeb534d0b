/**
 * Seeded data augmentation applied by the {@link io.jgan.datasets.DataLoader} to each image of a
 * batch: random horizontal flips, random crops with zero padding, brightness and contrast jitter
 * (the augmentations the source texts name for image data) and per-channel normalisation.
 *
 * <p>A {@link io.jgan.datasets.transforms.Transform} sees one image as floats in [0, 1], CHW,
 * and draws all its randomness from the {@link io.jgan.tensor.Rng} it is handed; the loader
 * derives that generator from (seed, epoch, batch index), so augmentation is reproducible and
 * independent of prefetching and thread timing.
 */
package io.jgan.datasets.transforms;
