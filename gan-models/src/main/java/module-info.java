/** jgan module io.jgan.models: see the README's module list. */
module io.jgan.models {
    requires transitive io.jgan.autograd;
    requires transitive io.jgan.losses;
    // exports its API package once it holds types (javac refuses to export an empty package)
}
