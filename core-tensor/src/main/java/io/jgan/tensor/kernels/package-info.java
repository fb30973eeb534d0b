/**
 * Element-wise and reduction kernels on contiguous {@code float[]} runs, each family written twice:
 * a plain scalar reference ({@link io.jgan.tensor.kernels.ScalarKernels}) and a Vector API
 * implementation ({@link io.jgan.tensor.kernels.SimdKernels}) with the same signature. Layout walks
 * (broadcasting, reductions over axes) live in {@code io.jgan.tensor} and call these on runs.
 * The SIMD element-wise ops keep one small loop per op, each called through a method handle C2
 * cannot inline ({@code Barrier}), so that every loop compiles with its Vector API chain whole.
 */
package io.jgan.tensor.kernels;
