/** jgan module io.jgan.losses: see the README's module list. */
module io.jgan.losses {
    requires transitive io.jgan.autograd;
    // exports its API package once it holds types (javac refuses to export an empty package)
}
