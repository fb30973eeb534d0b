/** Extracts the README's Java snippets, compiles them in-process and runs each in its own JVM. */
package io.jgan.cli.readme;
