package io.jgan.tensor.kernels.gemm;

import io.jgan.tensor.Hardware;
import io.jgan.tensor.kernels.Species;
import java.util.List;

/**
 * The shape of the SIMD GEMM, chosen once from the hardware ({@link Hardware}, {@link Species}):
 * the register tile and the cache blocks. On a given machine and flags the shape is fixed, so results
 * stay bit-identical run to run and for any thread count; another shape sums in another order.
 *
 * <ul>
 *   <li>Register tile {@link #MR} x 2 vectors: 8 rows with 32 vector registers (19 live vectors), 4
 *       with 16 (11 live: the 8-row tile would spill three every k step).
 *   <li>Depth {@link #KC}: the deepest power of two up to 1024 whose B strip ({@code KC x NR} floats)
 *       takes at most a sixteenth of L2, so it stays there while every A strip of a tile passes it
 *       (2 MiB L2, 16 lanes: 1024, as measured best; 512 KiB L2, 8 lanes: 512; 256 KiB: 256 as BLIS
 *       Haswell). Deep blocks update C rarely; each update is a round trip of the accumulators.
 *   <li>A tile's rows, {@link #TILE_M_STRIPS} strips: packed A of at most half of L2.
 * </ul>
 */
public final class GemmShape {
    /** Rows of the register tile. */
    static final int MR = Hardware.vectorRegisters() >= 32 ? 8 : 4;
    /** Columns of the register tile. */
    static final int NR = 2 * Species.FLOAT.length();
    /** Depth of a k block. */
    static final int KC = depth(Hardware.l2Bytes(), NR);
    /** A strips per tile: packed A of a tile fills at most half of L2. */
    static final int TILE_M_STRIPS = (int) Math.max(1, Hardware.l2Bytes() / 2 / (4L * MR * KC));
    /** B strips per tile: 512 columns. */
    static final int TILE_N_STRIPS = Math.max(1, 512 / NR);

    private GemmShape() {}

    static int depth(long l2, int nr) {
        int kc = 1024;
        while (kc > 64 && 4L * kc * nr > l2 / 16) {
            kc /= 2;
        }
        return kc;
    }

    /** @return the chosen shape and why, one line each, for {@code jgan info} */
    public static List<String> describe() {
        int lanes = Species.FLOAT.length();
        return List.of(
                "gemm tile  " + MR + " x " + NR + " (" + MR + " x 2 vectors of " + lanes + " lanes: "
                        + 2 * MR + " accumulators for " + Hardware.vectorRegisters() + " registers)",
                "gemm block k " + KC + " (B strip " + 4 * KC * NR / 1024 + " KiB <= L2/16), m " + TILE_M_STRIPS * MR
                        + " rows (A block " + 4L * TILE_M_STRIPS * MR * KC / 1024 + " KiB <= L2/2), n "
                        + TILE_N_STRIPS * NR + " columns");
    }
}
