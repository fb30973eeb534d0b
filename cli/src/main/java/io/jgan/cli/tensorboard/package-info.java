/**
 * TensorBoard event files ({@code events.out.tfevents.TIME.HOST}) written by hand: TFRecord framing with
 * masked CRC-32C and the few protobuf fields of {@code Event} and {@code Summary} that scalars and images
 * need. A hand encoder is used rather than protobuf-java because the whole schema in use is eight fields of
 * four wire types: a generated binding would add a code generator to the build and a 2 MB runtime for it.
 */
package io.jgan.cli.tensorboard;
