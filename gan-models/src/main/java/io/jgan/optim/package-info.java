/**
 * Optimisers with PyTorch's exact update rules ({@link io.jgan.optim.Sgd}, {@link io.jgan.optim.Adam},
 * {@link io.jgan.optim.RmsProp}), their state as plain tensors for checkpoints, and parameter
 * constraints such as WGAN's {@link io.jgan.optim.WeightClipping}.
 */
package io.jgan.optim;
