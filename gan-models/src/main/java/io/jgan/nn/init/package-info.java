/**
 * Seeded weight initialisers with PyTorch's formulas ({@code torch.nn.init}): normal, uniform,
 * Xavier/Glorot, Kaiming/He, the layers' defaults, and DCGAN's N(0, 0.02) scheme.
 */
package io.jgan.nn.init;
