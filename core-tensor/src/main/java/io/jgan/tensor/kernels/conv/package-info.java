/**
 * 2-D convolution kernels on NCHW arrays with OIHW weights: the forward pass and its two adjoints
 * (input gradient, weight gradient), as direct scalar loops (the reference), as im2col/col2im plus
 * GEMM (the fast path) and, for stride-1 5x5 and 3x3 layers with many channels, as Winograd
 * F(4x4, 5x5) and F(4x4, 3x3) ({@code WinogradConv}, chosen per geometry by {@code Convs.simd()}),
 * for stride-2 layers as F(4x4, 3x3) over the input's four pixel phases stacked as channels
 * ({@code PolyphaseConv}, likewise chosen), and, for layers with at most 4
 * input channels, as direct SIMD loops over column-phase ("polyphase") layouts
 * ({@code FewChannelConv}, likewise chosen by {@code Convs.simd()}). Transposed convolution is the
 * input gradient of a convolution plus a bias ({@code Conv.transposed}; {@code BiasAdd} where the
 * bias is not fused). The Winograd paths read each group's images sequentially ({@code Touch})
 * before gathering and scattering tiles, so those lines arrive prefetched. Internal to
 * {@code io.jgan.tensor}; the public entry point is {@link io.jgan.tensor.Linalg}.
 */
package io.jgan.tensor.kernels.conv;
