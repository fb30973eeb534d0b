/**
 * GAN architectures of the source texts and the field: the MLP GAN, the Keras DCGAN for 28x28,
 * the InfoGAN MNIST networks (jgan's default {@code dcgan}), DCGAN for 32x32 and 64x64,
 * conditional variants, and the toy 2-D MLP. Parameter names follow
 * {@code ../shared/anchors/torch_models.py}, so a jgan checkpoint loads into the PyTorch twin.
 */
package io.jgan.models;
