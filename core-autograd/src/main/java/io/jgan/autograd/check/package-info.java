/**
 * Gradient checks for users' own ops: {@link io.jgan.autograd.check.GradCheck#gradcheck} and
 * {@link io.jgan.autograd.check.GradCheck#gradgradcheck} compare the engine's first and second
 * derivatives with central finite differences, as {@code torch.autograd.gradcheck} does.
 */
package io.jgan.autograd.check;
