/** jgan module io.jgan.losses: see the README's module list. */
module io.jgan.losses {
    requires transitive io.jgan.autograd;
    exports io.jgan.losses;
}
