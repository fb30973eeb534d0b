/**
 * Adversarial objectives and critic regularisers, on top of {@code io.jgan.autograd}.
 *
 * <p>{@link io.jgan.losses.GanLoss} is the pair of losses each player minimises, on the critic's
 * raw scores: {@link io.jgan.losses.Minimax}, {@link io.jgan.losses.NonSaturating},
 * {@link io.jgan.losses.Wasserstein}, {@link io.jgan.losses.Hinge},
 * {@link io.jgan.losses.LeastSquares} and {@link io.jgan.losses.FDivergence} over the eight
 * {@link io.jgan.losses.Divergence}s of f-GAN; {@link io.jgan.losses.GanLosses#byName(String)}
 * builds one from its command-line name. {@link io.jgan.losses.Labels} holds the soft/noisy label
 * tricks for the cross-entropy losses. {@link io.jgan.losses.Penalty} implementations
 * ({@link io.jgan.losses.GradientPenalty}, {@link io.jgan.losses.R1}, {@link io.jgan.losses.R2},
 * {@link io.jgan.losses.Dragan}) take the critic as a {@code Function<Variable, Variable>} and
 * differentiate through its input gradient, so this module never depends on the layers.
 */
package io.jgan.losses;
