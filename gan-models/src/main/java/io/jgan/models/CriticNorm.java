package io.jgan.models;

import io.jgan.nn.BatchNorm;
import io.jgan.nn.BatchNorm1d;
import io.jgan.nn.BatchNorm2d;
import io.jgan.nn.LayerNorm;
import io.jgan.nn.Module;

/**
 * The normalisation a critic uses: batch norm (the DCGAN default), layer norm (the WGAN-GP
 * paper's choice), or none. With a gradient penalty batch norm is wrong: it couples the samples
 * of a batch, so the penalty's per-sample input gradients are no longer per-sample.
 */
public enum CriticNorm {
    /** Batch normalisation. */ BATCH,
    /** Layer normalisation over each sample's features. */ LAYER,
    /** No normalisation. */ NONE;

    /** @return the name used on the command line and in {@code config.json} */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return cliName();
    }

    /**
     * @param name batch | layer | none
     * @return the norm
     * @throws IllegalArgumentException naming the value
     */
    public static CriticNorm parse(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "batch" -> BATCH;
            case "layer" -> LAYER;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("unknown critic norm '" + name + "' (batch, layer, none)");
        };
    }

    /**
     * @param c channels
     * @param h height
     * @param w width
     * @return the layer for a [B, c, h, w] feature map, or null for none
     */
    Module forMap(int c, int h, int w) {
        return switch (this) {
            case BATCH -> new BatchNorm2d(BatchNorm.Config.of(c));
            case LAYER -> new LayerNorm(LayerNorm.Config.of(c, h, w));
            case NONE -> null;
        };
    }

    /**
     * @param n features
     * @return the layer for [B, n] features, or null for none
     */
    Module forFeatures(int n) {
        return switch (this) {
            case BATCH -> new BatchNorm1d(BatchNorm.Config.of(n));
            case LAYER -> new LayerNorm(LayerNorm.Config.of(n));
            case NONE -> null;
        };
    }
}
