/** jgan module io.jgan.benchmarks: see the README's module list. */
module io.jgan.benchmarks {
    requires io.jgan.models;
    requires io.jgan.datasets;
    // exports its API package once it holds types (javac refuses to export an empty package)
}
