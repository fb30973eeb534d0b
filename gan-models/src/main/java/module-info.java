/**
 * jgan module io.jgan.models: layers ({@code io.jgan.nn}), initialisers ({@code io.jgan.nn.init}),
 * optimisers ({@code io.jgan.optim}), safetensors checkpoints ({@code io.jgan.models.checkpoint}),
 * GAN architectures ({@code io.jgan.models}) and training ({@code io.jgan.train}).
 */
module io.jgan.models {
    requires transitive io.jgan.autograd;
    requires transitive io.jgan.losses;

    exports io.jgan.nn;
    exports io.jgan.nn.init;
    exports io.jgan.optim;
    exports io.jgan.models;
    exports io.jgan.models.checkpoint;
    exports io.jgan.train;
}
