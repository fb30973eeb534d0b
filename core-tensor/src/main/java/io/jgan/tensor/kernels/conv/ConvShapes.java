package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.Hardware;
import java.util.List;

/** The register shapes the convolution kernels chose from the hardware, for {@code jgan info}. */
public final class ConvShapes {
    private ConvShapes() {}

    /** @return one line per kernel family: its shape and why */
    public static List<String> describe() {
        int regs = Hardware.vectorRegisters();
        String fewch = FewChannelKernels.NARROW
                ? "4 channels x 2 vectors, 8 accumulators (" + regs + " registers)"
                : "4 channels x 4 vectors or 8 x 2, 16 accumulators (" + regs + " registers)";
        String winograd = TileTransform.L >= 8 && TileTransform.L % Panels.MR == 0
                ? "packed strips of " + Panels.MR + " rows, " + WinogradWeights.COLS + " columns per " + TileTransform.L
                        + "-lane vector, depth blocks of " + Panels.DEPTH + ", vector scatter " + (TileMap.VECTOR_SCATTER ? "yes" : "no (scalar stores)")
                : "off (needs 8 or 16 lanes)";
        return List.of("fewch conv " + fewch, "winograd   " + winograd);
    }
}
