/** jgan benchmarks. */
package io.jgan.benchmarks;
