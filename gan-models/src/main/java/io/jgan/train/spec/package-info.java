/**
 * The typed run specification: {@link io.jgan.train.spec.RunSpec} and its parts (model, data,
 * objective = loss + penalties, each network's optimiser, schedule, tricks, outputs), the
 * {@link io.jgan.train.spec.RunSpecBuilder} that fills recipe defaults and validates, the named
 * {@link io.jgan.train.spec.Recipe}s, and the JSON form ({@code config.json}) including the flat
 * format of earlier versions.
 */
package io.jgan.train.spec;
