package io.jgan.tensor.kernels.gemm;

import io.jgan.tensor.Hardware;
import io.jgan.tensor.kernels.Species;
import java.util.List;

/**
 * The shape of the SIMD GEMM, chosen once from the hardware ({@link Hardware}, {@link Species}):
 * the register tile and the cache blocks. Only the depth {@link #KC} decides the order in which a
 * result's products are summed (each k block's sum is added to C in turn), so it depends on the
 * vector width alone, never on cache sizes: every machine with the same lanes computes the same
 * bits (two AVX-512 machines with 1 and 2 MiB of L2 train identical weights), run to run and for
 * any thread count. The tile and the m/n blocks only decide who computes which element.
 *
 * <ul>
 *   <li>Register tile {@link #MR} x 2 vectors: 8 rows with 32 vector registers (19 live vectors), 4
 *       with 16 (11 live: the 8-row tile would spill three every k step).
 *   <li>Depth {@link #KC}: 64 x lanes (16 lanes: 1024, as measured best on 2 MiB of L2; 8 lanes:
 *       512, what a sixteenth of an AVX2 machine's 512 KiB L2 holds of the B strip), whatever the
 *       caches: a B strip ({@code KC x NR} floats: 128 KiB for 16 lanes, 32 KiB for 8) stays in any
 *       L2 of 1 MiB and more while every A strip of a tile passes it. Deep blocks update C rarely;
 *       each update is a round trip of the accumulators.
 *   <li>A tile's rows, {@link #TILE_M_STRIPS} strips: packed A of at most half of L2.
 * </ul>
 */
public final class GemmShape {
    /** Rows of the register tile. */
    static final int MR = Hardware.vectorRegisters() >= 32 ? 8 : 4;
    /** Columns of the register tile. */
    static final int NR = 2 * Species.FLOAT.length();
    /** Depth of a k block. */
    static final int KC = depth(Species.FLOAT.length());
    /** A strips per tile: packed A of a tile fills at most half of L2. */
    static final int TILE_M_STRIPS = (int) Math.max(1, Hardware.l2Bytes() / 2 / (4L * MR * KC));
    /** B strips per tile: 512 columns. */
    static final int TILE_N_STRIPS = Math.max(1, 512 / NR);

    private GemmShape() {}

    static int depth(int lanes) {
        return Math.max(64, Math.min(1024, 64 * lanes));
    }

    /** @return the chosen shape and why, one line each, for {@code jgan info} */
    public static List<String> describe() {
        int lanes = Species.FLOAT.length();
        return List.of(
                "gemm tile  " + MR + " x " + NR + " (" + MR + " x 2 vectors of " + lanes + " lanes: "
                        + 2 * MR + " accumulators for " + Hardware.vectorRegisters() + " registers)",
                "gemm block k " + KC + " (64 x lanes: the summation order; B strip " + 4 * KC * NR / 1024 + " KiB), m " + TILE_M_STRIPS * MR
                        + " rows (A block " + 4L * TILE_M_STRIPS * MR * KC / 1024 + " KiB <= L2/2), n "
                        + TILE_N_STRIPS * NR + " columns");
    }
}
