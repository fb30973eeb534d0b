/**
 * Reverse-mode automatic differentiation with higher-order gradients: {@link io.jgan.autograd.Variable}
 * records the ops applied to it, {@link io.jgan.autograd.Variable#backward()} accumulates gradients
 * into leaves, {@link io.jgan.autograd.Autograd#grad} returns them (differentiable again with
 * {@link io.jgan.autograd.GradOptions#createGraph()}), {@link io.jgan.autograd.Ops} holds layers'
 * building blocks and losses, and {@link io.jgan.autograd.GradMode} turns recording off for a scope.
 * Users check their own functions' gradients with {@link io.jgan.autograd.check.GradCheck}.
 */
package io.jgan.autograd;
