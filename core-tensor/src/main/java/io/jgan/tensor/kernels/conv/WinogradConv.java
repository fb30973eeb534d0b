package io.jgan.tensor.kernels.conv;

import static io.jgan.tensor.kernels.conv.TileTransform.L;
import static io.jgan.tensor.kernels.conv.WinogradMatrices.M;

import io.jgan.tensor.Parallel;
import io.jgan.tensor.kernels.gemm.SimdGemm;

/**
 * Winograd convolution F(4x4, 5x5) for stride-1 5x5 convolutions with many channels (the generator
 * layer {@code ConvTranspose2d(256, 128, 5, 1, 2)} of the DCGAN), and F(4x4, 3x3) for stride-1 3x3
 * ones (which {@link PolyphaseConv} makes of the stride-2 layers). The algorithm follows the kernel
 * size ({@link WinogradAlgorithm}); what follows describes F(4x4, 5x5), and F(4x4, 3x3) is the same
 * with 6x6 blocks and 36 points. Its GEMMs do 4 multiply-adds per
 * output and input channel where im2col + GEMM does 25 (on 7x7 maps 5.2, as the 4x4 tiles overrun
 * the edge); the transforms take back part of that. Measured on that layer (1 thread): 2.3-2.6 times
 * faster than im2col + GEMM for each of the three passes. Float32 Winograd is less exact than the
 * direct sum: against a double-precision reference, the worst element error was 2-3.4e-5 of
 * {@code |y| + rms(y)} and below 1e-5 of {@code max |y|}, about ten times im2col's (see
 * {@link Panels} for what keeps it there).
 *
 * <p>Forward: the weights become 64 matrices {@code U_p = (G g G^T)_p} ({@code cout x cin}), the
 * 8x8 input blocks of all 4x4 output tiles become 64 matrices {@code V_p = (B^T d B)_p}
 * ({@code cin x tiles}), then 64 GEMMs {@code M_p = U_p V_p} and the output transform
 * {@code Y = A^T M A} per tile. Tiles are numbered over the whole batch so the GEMMs are wide.
 * The input gradient at stride 1 is itself a convolution (of the upstream gradient with the kernel
 * turned by 180 degrees and the channel roles swapped, padding {@code 4 - pad}), so it runs the same
 * code. The weight gradient is in {@link WinogradWeightGrad}.
 *
 * <p>Parallelism: the batch's tiles are cut into chunks whose size depends only on the geometry,
 * and each chunk transforms, multiplies and writes back its own tiles with its thread's workspace;
 * no sum crosses chunks, so results are bit-identical for any thread count. The transformed
 * operands are written straight into the SIMD GEMM's packed panel layout ({@link SimdGemm#packB}).
 * {@link ConvPlanner} sends the geometries where this {@linkplain #pays pays} here, the rest on down
 * its candidate list.
 */
public final class WinogradConv implements Conv {
    /** The shared instance (stateless; workspaces are per thread). */
    public static final WinogradConv INSTANCE = new WinogradConv();

    static final int NR = Panels.NR;
    /**
     * Fewest channels on either side. The transforms cost per channel, the GEMMs per pair of
     * channels, so few channels favour im2col; at 32 and 32 (64 images of 7x7) Winograd still
     * measured 1.1-2.2 times faster, so this is a conservative bound.
     */
    static final int MIN_CHANNELS = 32;
    /** Fewest output tiles in the batch: fewer make one narrow GEMM (at 32, still 1.5-2 times faster). */
    static final int MIN_TILES = 32;
    /** Chunks per batch to aim for, so the threads have work to share. */
    static final int MIN_CHUNKS = 8;
    /** Most floats of one chunk's transformed tiles and GEMM results (4 MiB). */
    static final int CHUNK_BUDGET = 1 << 20;

    private WinogradConv() {}

    /**
     * @param g a geometry
     * @return whether this implementation can compute it: stride 1, a 5x5 or 3x3 kernel and equal
     *     padding of at most its side less one on all sides (and 8- or 16-float vectors)
     */
    public static boolean supports(ConvGeometry g) {
        WinogradAlgorithm f = WinogradAlgorithm.forKernel(g.kh());
        return f != null && g.sh() == 1 && g.sw() == 1 && g.kw() == g.kh() && g.ph() == g.pw() && g.ph() <= f.r - 1
                && L >= 8 && L % Panels.MR == 0; // the transforms fill whole vectors with rows of a packed strip
    }

    /**
     * @param g a geometry
     * @return whether this implementation should compute it: it {@linkplain #supports supports} it, with
     *     at least {@value #MIN_CHANNELS} channels in and out and {@value #MIN_TILES} output tiles in
     *     the batch. (3x3, measured per pass against im2col + GEMM, 1 and 2 threads: 64 channels on
     *     16x16 and 128 on 8x8, 1.4-2.5 times faster.)
     */
    public static boolean pays(ConvGeometry g) {
        return supports(g) && g.cin() >= MIN_CHANNELS && g.cout() >= MIN_CHANNELS
                && WinogradTiles.count(g) >= MIN_TILES;
    }

    @Override
    public String name() {
        return "winograd";
    }

    @Override
    public void forward(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff,
                        float[] y, int yOff) {
        forward(g, x, xOff, w, wOff, bias, bOff, y, yOff, false);
    }

    /**
     * The forward pass, reading a phase-stacked input if {@code phasedIn} (see
     * {@link WinogradTiles#WinogradTiles(WinogradAlgorithm, ConvGeometry, boolean, boolean)}).
     */
    void forward(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff, float[] y,
                 int yOff, boolean phasedIn) {
        WinogradAlgorithm f = require(g);
        float[] u = WinogradWorkspace.get().weights(f.points * Panels.leftStride(g.cout(), g.cin()));
        WinogradWeights.transform(f, w, wOff, g.cout(), g.cin(), false, u);
        convolve(f, g, new WinogradTiles(f, g, phasedIn, false), x, xOff, u, bias, bOff, y, yOff);
    }

    @Override
    public void inputGrad(ConvGeometry g, float[] gy, int gyOff, float[] w, int wOff, float[] dx, int dxOff) {
        inputGrad(g, gy, gyOff, w, wOff, null, 0, dx, dxOff, false);
    }

    /** The input gradient plus the bias, added as the output tiles are written (no second pass). */
    @Override
    public void transposed(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff,
                           float[] y, int yOff) {
        inputGrad(g, x, xOff, w, wOff, bias, bOff, y, yOff, false);
    }

    /**
     * The input gradient plus {@code bias} per input channel of {@code g} (null for none), writing a
     * phase-stacked {@code dx} if {@code phasedOut}.
     */
    void inputGrad(ConvGeometry g, float[] gy, int gyOff, float[] w, int wOff, float[] bias, int bOff, float[] dx,
                   int dxOff, boolean phasedOut) {
        WinogradAlgorithm f = require(g);
        float[] u = WinogradWorkspace.get().weights(f.points * Panels.leftStride(g.cin(), g.cout()));
        WinogradWeights.transform(f, w, wOff, g.cout(), g.cin(), true, u);
        // dx = conv(gy, flipped w) with padding r - 1 - p: its output is h x w again
        int p = f.r - 1 - g.ph();
        ConvGeometry t = new ConvGeometry(g.n(), g.cout(), g.ho(), g.wo(), g.cin(), f.r, f.r, 1, 1, p, p);
        convolve(f, t, new WinogradTiles(f, t, false, phasedOut), gy, gyOff, u, bias, bOff, dx, dxOff);
    }

    @Override
    public void weightGrad(ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] dw, int dwOff) {
        WinogradWeightGrad.compute(require(g), g, x, xOff, gy, gyOff, dw, dwOff, false);
    }

    @Override
    public void biasGrad(int n, int channels, int pixels, float[] gy, int gyOff, float[] db, int dbOff) {
        Convs.gemm().biasGrad(n, channels, pixels, gy, gyOff, db, dbOff); // not a convolution: the shared sum
    }

    private static WinogradAlgorithm require(ConvGeometry g) {
        if (!supports(g)) {
            throw new IllegalArgumentException("winograd: unsupported geometry " + g);
        }
        return WinogradAlgorithm.forKernel(g.kh());
    }

    /** @return tiles per chunk: a whole number of GEMM panels, within the budget, several chunks */
    static int chunkTiles(WinogradAlgorithm f, ConvGeometry g, int count) {
        int byBudget = CHUNK_BUDGET / (f.points * (g.cin() + g.cout())) / NR * NR;
        int byCount = (count + MIN_CHUNKS - 1) / MIN_CHUNKS;
        return Math.max(NR, Math.min(byBudget, (byCount + NR - 1) / NR * NR));
    }

    /** The forward pass of {@code g} with pre-transformed weights {@code u} (one packed matrix per point). */
    private static void convolve(WinogradAlgorithm f, ConvGeometry g, WinogradTiles tiles, float[] x, int xOff,
                                 float[] u, float[] bias, int bOff, float[] y, int yOff) {
        final int size = chunkTiles(f, g, tiles.count);
        Parallel.forChunks((tiles.count + size - 1) / size, c -> {
            int t0 = c * size;
            convolveChunk(f, g, tiles, x, xOff, u, bias, bOff, y, yOff, t0, Math.min(size, tiles.count - t0));
        });
    }

    private static void convolveChunk(WinogradAlgorithm f, ConvGeometry g, WinogradTiles tiles, float[] x, int xOff,
                                      float[] u, float[] bias, int bOff, float[] y, int yOff, int t0, int cnt) {
        WinogradWorkspace ws = WinogradWorkspace.get();
        float[] v = ws.right(f.points * Panels.rightStride(g.cin(), cnt));
        float[] m = ws.left(g.cout() * Panels.spread(f.points * Panels.roundUp(cnt, L)));
        transformInputs(f, tiles, x, xOff, g.cin(), t0, cnt, ws, v);
        multiply(f, g.cout(), g.cin(), cnt, u, v, m);
        transformOutputs(f, tiles, m, g.cout(), t0, cnt, ws, bias, bOff, y, yOff);
    }

    /** {@code V = B^T d B} for tiles {@code t0 ..} into packed {@code cin x cnt} right operands, one per point. */
    static void transformInputs(WinogradAlgorithm f, WinogradTiles tiles, float[] x, int xOff, int cin, int t0, int cnt,
                                WinogradWorkspace ws, float[] v) {
        // tiles in the lanes, so each transformed entry is 16 consecutive floats of a panel
        final int np = Panels.roundUp(cnt, NR), stride = Panels.rightStride(cin, cnt), hw = tiles.h * tiles.w;
        TileMap map = ws.map;
        for (int j0 = 0; j0 < np; j0 += L) {
            for (int l = 0; l < L; l++) {
                if (j0 + l < cnt) {
                    tiles.mapInput(t0 + j0 + l, cin * hw, 0, map, l);
                } else {
                    map.off(l, f.points); // panel padding must be zero
                }
            }
            if (j0 < cnt) { // the images of these tiles, all channels, into the caches ahead of the gathers
                int first = (t0 + j0) / tiles.perImage, last = (t0 + Math.min(cnt, j0 + L) - 1) / tiles.perImage;
                Touch.range(x, xOff + first * cin * hw, xOff + (last + 1) * cin * hw, ws.sink);
            }
            // double-buffered: channel ci + 1 is gathered before channel ci is transformed, so the
            // transform's vector loads never wait on the gather's scalar stores (store forwarding
            // cannot merge 16 of them; measured as a fifth of the forward pass when back to back)
            float[] cur = ws.tile, next = ws.tile2;
            map.gather(x, xOff + tiles.inputChannel(0), f.points, cur);
            for (int ci = 0; ci < cin; ci++) {
                if (ci + 1 < cin) {
                    map.gather(x, xOff + tiles.inputChannel(ci + 1), f.points, next);
                }
                TileTransform.input(f, cur, 0, f.t * L, L, ws.tmp, v, Panels.right(cin, cnt, ci, j0), f.t * stride,
                        stride);
                float[] swap = cur;
                cur = next;
                next = swap;
            }
        }
    }

    /**
     * {@code M_p = U_p V_p} for every point {@code p}. Element {@code (co, j)} of {@code M_p} goes to
     * {@code co * rs + p * ld + j} with {@code ld} = cnt rounded up to L and {@code rs} = points x ld
     * {@linkplain Panels#spread spread}: the output transform then reads one channel's matrices
     * from one contiguous block, and the GEMM's 8 rows of C do not share a cache set.
     */
    static void multiply(WinogradAlgorithm f, int cout, int cin, int cnt, float[] u, float[] v, float[] m) {
        final int ld = Panels.roundUp(cnt, L), rs = Panels.spread(f.points * ld);
        final int uStride = Panels.leftStride(cout, cin), vStride = Panels.rightStride(cin, cnt);
        for (int p = 0; p < f.points; p++) {
            Panels.multiply(cout, cnt, cin, u, p * uStride, v, p * vStride, 0f, m, p * ld, rs);
        }
    }

    /** {@code Y = A^T M A} plus the bias, for tiles {@code t0 ..}, written into the output images. */
    static void transformOutputs(WinogradAlgorithm f, WinogradTiles tiles, float[] m, int cout, int t0, int cnt,
                                 WinogradWorkspace ws, float[] bias, int bOff, float[] y, int yOff) {
        final int ld = Panels.roundUp(cnt, L), rs = Panels.spread(f.points * ld), pixels = tiles.ho * tiles.wo;
        TileMap map = ws.map;
        for (int j0 = 0; j0 < cnt; j0 += L) {
            for (int l = 0; l < L; l++) {
                if (j0 + l < cnt) {
                    tiles.mapOutput(t0 + j0 + l, cout * pixels, 0, map, l);
                } else {
                    map.off(l, M * M); // columns past cnt hold stale floats: computed, not written
                }
            }
            // the output images of these tiles into the caches, so the scatters' stores hit
            int first = (t0 + j0) / tiles.perImage, last = (t0 + Math.min(cnt, j0 + L) - 1) / tiles.perImage;
            Touch.range(y, yOff + first * cout * pixels, yOff + (last + 1) * cout * pixels, ws.sink);
            for (int co = 0; co < cout; co++) {
                TileTransform.output(f, m, co * rs + j0, f.t * ld, ld, ws.tmp, ws.out, 0, M * L, L);
                map.scatter(ws.out, bias == null ? 0f : bias[bOff + co], M * M, y, yOff + tiles.outputChannel(co));
            }
        }
    }
}
