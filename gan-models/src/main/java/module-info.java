/**
 * jgan module io.jgan.models: layers ({@code io.jgan.nn}), initialisers ({@code io.jgan.nn.init}),
 * optimisers ({@code io.jgan.optim}), safetensors checkpoints ({@code io.jgan.models.checkpoint}),
 * GAN architectures ({@code io.jgan.models}), training ({@code io.jgan.train}) and evaluation
 * ({@code io.jgan.eval}: mode coverage, the shipped classifier, FID, IS, KID, precision and recall).
 *
 * <p>EJML has no module descriptor nor Automatic-Module-Name: its jars are the automatic modules
 * {@code ejml.ddense} (the decompositions) and {@code ejml.core} (the matrix types).
 */
module io.jgan.models {
    requires transitive io.jgan.autograd;
    requires transitive io.jgan.losses;
    requires ejml.ddense;
    requires ejml.core;

    exports io.jgan.nn;
    exports io.jgan.nn.init;
    exports io.jgan.optim;
    exports io.jgan.models;
    exports io.jgan.models.checkpoint;
    exports io.jgan.train;
    exports io.jgan.train.distributed;
    exports io.jgan.train.spec;
    exports io.jgan.eval;
}
