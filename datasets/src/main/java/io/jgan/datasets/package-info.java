/**
 * Datasets for jgan: readers for MNIST-style IDX files ({@link io.jgan.datasets.Mnist},
 * {@link io.jgan.datasets.FashionMnist}, any {@link io.jgan.datasets.IdxLayout}), the CIFAR
 * binary formats ({@link io.jgan.datasets.Cifar10}, {@link io.jgan.datasets.Cifar100}),
 * directories of images ({@link io.jgan.datasets.ImageFolder}) and the 2-D toy distributions
 * ({@link io.jgan.datasets.Toy2d}); the common {@link io.jgan.datasets.Dataset} view of images as
 * CHW bytes with labels; and the {@link io.jgan.datasets.DataLoader}, which shuffles, augments,
 * converts to float NCHW batches and prefetches, deterministically and resumably.
 *
 * <p>Bad arguments are {@link java.lang.IllegalArgumentException}s; bad files are
 * {@link io.jgan.datasets.DatasetFormatException}s naming the file, the problem and the offset.
 */
package io.jgan.datasets;
