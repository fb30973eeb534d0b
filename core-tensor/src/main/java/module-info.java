/**
 * jgan core-tensor: the float32 {@code Tensor}, its kernels (scalar reference and Vector API twins),
 * GEMM and convolution, the RNG, the persistent thread pool and safetensors I/O.
 */
module io.jgan.tensor {
    requires jdk.incubator.vector;
    exports io.jgan.tensor;
    exports io.jgan.tensor.io;
    exports io.jgan.tensor.kernels to io.jgan.benchmarks;
}
