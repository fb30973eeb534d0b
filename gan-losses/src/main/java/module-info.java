/** jgan module io.jgan.losses: GAN objectives, f-divergences and gradient penalties. */
module io.jgan.losses {
    requires transitive io.jgan.autograd;

    exports io.jgan.losses;
}
