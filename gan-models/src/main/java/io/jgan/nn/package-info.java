/**
 * Neural-network layers for GANs, modelled on {@code torch.nn}: {@link io.jgan.nn.Module} with
 * explicit registration and strict state dicts, and the layers DCGAN-style generators and
 * discriminators need ({@link io.jgan.nn.Linear}, {@link io.jgan.nn.Conv2d},
 * {@link io.jgan.nn.ConvTranspose2d}, {@link io.jgan.nn.BatchNorm2d}, {@link io.jgan.nn.LayerNorm},
 * activations, {@link io.jgan.nn.Sequential}, ...). Each layer is built from a config record and a
 * seeded initialisation stream; parameter names match PyTorch's so state dicts are interchangeable.
 */
package io.jgan.nn;
