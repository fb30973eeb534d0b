/** jgan module io.jgan.benchmarks: see the README's module list. */
module io.jgan.benchmarks {
    requires io.jgan.models;
    requires io.jgan.datasets;
    exports io.jgan.benchmarks;
}
