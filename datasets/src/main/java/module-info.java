/** jgan module io.jgan.datasets: see the README's module list. */
module io.jgan.datasets {
    requires transitive io.jgan.tensor;
    // exports its API package once it holds types (javac refuses to export an empty package)
}
