/**
 * Checkpoints in safetensors: module state under PyTorch's dotted names (so
 * {@code safetensors.torch.load_file} yields a state dict), optimiser state under {@code optim.NAME.},
 * RNG states and training metadata in {@code __metadata__}; written atomically, read with full
 * validation.
 */
package io.jgan.models.checkpoint;
