/** jgan module io.jgan.datasets: see the README's module list. */
module io.jgan.datasets {
    requires transitive io.jgan.tensor;
    exports io.jgan.datasets;
}
