/** jgan module io.jgan.autograd: see the README's module list. */
module io.jgan.autograd {
    requires transitive io.jgan.tensor;
    exports io.jgan.autograd;
    exports io.jgan.autograd.check;
}
