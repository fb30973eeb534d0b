/** jgan module io.jgan.cli: see the README's module list. */
module io.jgan.cli {
    requires io.jgan.models;
    requires io.jgan.datasets;

}
