/** jgan core-tensor. */
package io.jgan.tensor;
