/**
 * 2-D convolution kernels on NCHW arrays with OIHW weights: the forward pass and its two adjoints
 * (input gradient, weight gradient), as direct scalar loops (the reference), as im2col/col2im plus
 * GEMM (the fast path) and, for stride-1 5x5 layers with many channels, as Winograd F(4x4, 5x5)
 * ({@code WinogradConv}, chosen per geometry by {@code Convs.simd()}), and, for layers with at most 4
 * input channels, as direct SIMD loops over column-phase ("polyphase") layouts
 * ({@code FewChannelConv}, likewise chosen by {@code Convs.simd()}). Transposed convolution is the
 * input gradient of a convolution. Internal to
 * {@code io.jgan.tensor}; the public entry point is {@link io.jgan.tensor.Linalg}.
 */
package io.jgan.tensor.kernels.conv;
