/**
 * The {@code jgan} command ({@link io.jgan.cli.Main}): one picocli command per file ({@code train},
 * {@code sample}, {@code interpolate}, {@code info}, {@code data fetch}), the run directory's
 * outputs and progress display, and the mapping of failures to exit codes (2 for bad input, 1 for
 * internal errors).
 */
package io.jgan.cli;
