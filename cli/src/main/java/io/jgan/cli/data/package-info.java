/** Where the datasets module meets the trainer: the named datasets of {@code jgan train} and their batch sources. */
package io.jgan.cli.data;
