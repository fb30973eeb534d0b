/** jgan cli. */
package io.jgan.cli;
