/** jgan core-autograd. */
package io.jgan.autograd;
