/**
 * 2-D convolution kernels on NCHW arrays with OIHW weights: the forward pass and its two adjoints
 * (input gradient, weight gradient), as direct scalar loops (the reference), as im2col/col2im plus
 * GEMM (the fast path) and, for stride-1 5x5 and 3x3 layers with many channels, as Winograd
 * F(4x4, 5x5) and F(4x4, 3x3) ({@code WinogradConv}, chosen per geometry and pass by {@code ConvPlanner}),
 * for stride-2 layers as F(4x4, 3x3) over the input's four pixel phases stacked as channels
 * ({@code PolyphaseConv}, likewise chosen), and, for layers with at most 4
 * input channels, as direct SIMD loops over column-phase ("polyphase") layouts
 * ({@code FewChannelConv}, likewise chosen). {@code ConvPlanner} holds the one ordered list of
 * these candidates with their applicability predicates; {@code Convs.simd()} runs its choice for
 * every call. Transposed convolution is the
 * input gradient of a convolution plus a bias ({@code Conv.transposed}; {@code BiasAdd} where the
 * bias is not fused). The Winograd paths read each group's images sequentially ({@code Touch})
 * before gathering and scattering tiles, so those lines arrive prefetched. Internal to
 * {@code io.jgan.tensor}; the public entry point is {@link io.jgan.tensor.Linalg}.
 */
package io.jgan.tensor.kernels.conv;
