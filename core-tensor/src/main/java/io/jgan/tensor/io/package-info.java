/**
 * Reading and writing tensors: the safetensors format (PyTorch's fixtures and jgan's checkpoints)
 * and the small JSON reader/writer its header needs.
 */
package io.jgan.tensor.io;
