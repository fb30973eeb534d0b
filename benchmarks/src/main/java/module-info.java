/** jgan module io.jgan.benchmarks: see the README's module list. */
module io.jgan.benchmarks {
    requires io.jgan.tensor;
    requires io.jgan.models;
    requires io.jgan.datasets;
    requires jmh.core;
    // JMH runs the benchmarks from the shaded jar on the class path; the export documents the API
    exports io.jgan.benchmarks;
}
