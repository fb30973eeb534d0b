package io.jgan.train;

import io.jgan.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * One worker's share of a phase: its gradient sum (not yet divided), the sums of the numbers the
 * trainer logs, and the state the phase leaves behind.
 *
 * @param shard the shard index
 * @param gradients the gradients of the updated network's parameters, in {@code parameters()} order; null where none
 * @param loss the loss (penalties included for the critic)
 * @param penalty the penalties' sum (critic phases)
 * @param dReal D(x) as the trainer displays it (critic phases)
 * @param dFake D(G(z)) (critic phases)
 * @param estimate the loss's estimate, NaN when the loss has none (critic phases)
 * @param hasEstimate whether the loss reports an estimate
 * @param streamsAfter every random stream's state after the phase
 * @param dataAfter the data position after the phase
 * @param buffers shard 0: the batch-norm buffers after the phase ({@code G.<name>}, {@code D.<name>}); other shards: empty
 */
public record ShardResult(int shard, List<Tensor> gradients, double loss, double penalty, double dReal, double dFake, double estimate,
                          boolean hasEstimate, Map<String, long[]> streamsAfter, String dataAfter, Map<String, Tensor> buffers) {}
