/** jgan datasets. */
package io.jgan.datasets;
