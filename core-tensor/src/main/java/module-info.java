/** jgan module io.jgan.tensor: see the README's module list. */
module io.jgan.tensor {
    requires jdk.incubator.vector;
    exports io.jgan.tensor;
}
