/** jgan gan-models. */
package io.jgan.models;
