package io.jgan.train;

import io.jgan.tensor.Tensor;

import java.util.Map;

/**
 * Everything a data-parallel worker needs to compute its shard of one phase, as a pure function:
 * the driver's trainer state at the start of the phase. A worker that computes the same request
 * twice (a retried task) returns the same gradients bit for bit.
 *
 * <p>The tensors are the driver's live ones: a {@link ShardExecutor} must copy or serialise them
 * before {@link ShardExecutor#compute} returns. The weights carry a version that changes whenever
 * they may have changed, so an executor can ship and load them only then; the batch-norm buffers
 * are small and always sent.
 *
 * @param phase which network's gradients to compute
 * @param keepFakes for a critic phase, whether the local trainer keeps the fakes' graph (the generator step follows)
 * @param step generator steps done (instance noise depends on it)
 * @param streams every random stream's state at the start of the phase
 * @param data the data position at the start of the phase
 * @param criticStreams for a generator phase, the streams at the start of the critic phase whose fakes it reuses, else null
 * @param criticData for a generator phase, the data position at the start of that critic phase, else null
 * @param generatorVersion the version of {@code generator}
 * @param generator G's parameters by name
 * @param criticVersion the version of {@code critic}
 * @param critic D's parameters by name
 * @param buffers the batch-norm buffers of both networks, named {@code G.<name>} and {@code D.<name>}
 */
public record PhaseRequest(GradientReducer.Phase phase, boolean keepFakes, long step, Map<String, long[]> streams, String data,
                           Map<String, long[]> criticStreams, String criticData, long generatorVersion, Map<String, Tensor> generator,
                           long criticVersion, Map<String, Tensor> critic, Map<String, Tensor> buffers) {}
