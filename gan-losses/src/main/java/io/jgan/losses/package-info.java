/** jgan gan-losses. */
package io.jgan.losses;
