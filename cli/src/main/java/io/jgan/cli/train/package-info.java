/**
 * How {@code jgan train} turns options into a run specification: the options bound to the
 * specification's fields ({@link io.jgan.cli.train.RunOptions}), the data options, their fixed
 * choices, and the assembly of new and resumed runs with the resume check.
 */
package io.jgan.cli.train;
