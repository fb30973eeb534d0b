/**
 * Single-precision matrix multiplication (GEMM) kernels: a plain scalar reference and a packed,
 * cache-blocked, register-tiled Vector API implementation. Internal to {@code io.jgan.tensor}; the
 * public entry point is {@link io.jgan.tensor.Linalg}.
 */
package io.jgan.tensor.kernels.gemm;
