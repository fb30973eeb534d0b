/**
 * What a person looks at to see a run: {@code report.html} in the run directory (configuration, charts of
 * every logged number with a smoothing control, the sample grids over time), a comparison page for
 * several runs ({@code jgan report A B}), and the live side of both that follows {@code metrics.jsonl}
 * and {@code eval.jsonl} during training to keep the report and the TensorBoard event file current.
 */
package io.jgan.cli.report;
