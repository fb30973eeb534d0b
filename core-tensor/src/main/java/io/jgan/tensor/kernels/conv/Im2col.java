package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.kernels.gemm.SimdGemm;

/**
 * The patch matrix of one image and its adjoint.
 *
 * <p>{@code im2col} writes row {@code r = (ci * kh + ky) * kw + kx}, column {@code c = oy * wo + ox}
 * of the {@code patch x outPixels} matrix as {@code x[ci, oy*sh - ph + ky, ox*sw - pw + kx]} (zero
 * outside the image) to {@code col[colOff + r * ld + c]}; a leading dimension {@code ld} larger than
 * the pixel count lets several images sit side by side so one GEMM covers them. {@code col2im} adds
 * the matrix back into an image (overlapping patches sum), which is the transpose of {@code im2col}.
 */
final class Im2col {
    private Im2col() {}

    /** Valid output columns for kernel offset {@code k}: {@code [lo, hi)} with the input index inside. */
    private static int lo(int k, int stride, int pad) {
        // smallest o with o*stride - pad + k >= 0
        int t = pad - k;
        return t <= 0 ? 0 : (t + stride - 1) / stride;
    }

    private static int hi(int k, int stride, int pad, int in, int out) {
        // largest o with o*stride - pad + k <= in - 1, plus one
        int t = in - 1 + pad - k;
        return t < 0 ? 0 : Math.min(out, t / stride + 1);
    }

    static void im2col(ConvGeometry g, float[] x, int xOff, float[] col, int colOff, int ld) {
        int ho = g.ho(), wo = g.wo(), h = g.h(), w = g.w(), sh = g.sh(), sw = g.sw();
        for (int ci = 0; ci < g.cin(); ci++) {
            int xc = xOff + ci * h * w;
            for (int ky = 0; ky < g.kh(); ky++) {
                int oyLo = Math.min(ho, lo(ky, sh, g.ph())), oyHi = Math.max(oyLo, hi(ky, sh, g.ph(), h, ho));
                for (int kx = 0; kx < g.kw(); kx++) {
                    int oxLo = Math.min(wo, lo(kx, sw, g.pw())), oxHi = Math.max(oxLo, hi(kx, sw, g.pw(), w, wo));
                    int row = colOff + ((ci * g.kh() + ky) * g.kw() + kx) * ld;
                    java.util.Arrays.fill(col, row, row + oyLo * wo, 0f);
                    for (int oy = oyLo; oy < oyHi; oy++) {
                        int dst = row + oy * wo;
                        int src = xc + (oy * sh - g.ph() + ky) * w - g.pw() + kx;
                        java.util.Arrays.fill(col, dst, dst + oxLo, 0f);
                        if (sw == 1) {
                            System.arraycopy(x, src + oxLo, col, dst + oxLo, oxHi - oxLo);
                        } else {
                            for (int ox = oxLo; ox < oxHi; ox++) {
                                col[dst + ox] = x[src + ox * sw];
                            }
                        }
                        java.util.Arrays.fill(col, dst + oxHi, dst + wo, 0f);
                    }
                    java.util.Arrays.fill(col, row + oyHi * wo, row + ho * wo, 0f);
                }
            }
        }
    }

    /** Adds the patch matrix into image {@code dx} (which the caller has initialised). */
    static void col2imAdd(ConvGeometry g, float[] col, int colOff, int ld, float[] dx, int dxOff) {
        int ho = g.ho(), wo = g.wo(), h = g.h(), w = g.w(), sh = g.sh(), sw = g.sw();
        for (int ci = 0; ci < g.cin(); ci++) {
            int xc = dxOff + ci * h * w;
            for (int ky = 0; ky < g.kh(); ky++) {
                int oyLo = Math.min(ho, lo(ky, sh, g.ph())), oyHi = Math.max(oyLo, hi(ky, sh, g.ph(), h, ho));
                for (int kx = 0; kx < g.kw(); kx++) {
                    int oxLo = Math.min(wo, lo(kx, sw, g.pw())), oxHi = Math.max(oxLo, hi(kx, sw, g.pw(), w, wo));
                    int row = colOff + ((ci * g.kh() + ky) * g.kw() + kx) * ld;
                    for (int oy = oyLo; oy < oyHi; oy++) {
                        int srcRow = row + oy * wo;
                        int dst = xc + (oy * sh - g.ph() + ky) * w - g.pw() + kx;
                        if (sw == 1) {
                            for (int ox = oxLo; ox < oxHi; ox++) {
                                dx[dst + ox] += col[srcRow + ox];
                            }
                        } else {
                            for (int ox = oxLo; ox < oxHi; ox++) {
                                dx[dst + ox * sw] += col[srcRow + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs rows of several images side by side into the packed-B layout: element
     * {@code (p, i * pixels + q)} is {@code src[srcOff + i * imageStride + p * pixels + q]} for
     * {@code p < rows}, {@code i < cnt}. Used for the upstream gradient of a group of images.
     */
    static void packImageRows(float[] src, int srcOff, int imageStride, int cnt, int rows, int pixels, float[] dst) {
        final int nr = SimdGemm.PANEL_COLS, kc = SimdGemm.DEPTH_BLOCK;
        int n = cnt * pixels, np = (n + nr - 1) / nr * nr;
        for (int p = 0; p < rows; p++) {
            int pc = p - p % kc, kl = Math.min(kc, rows - pc), step = nr * kl;
            int strip = pc * np + (p - pc) * nr, lane = 0;
            for (int i = 0; i < cnt; i++) {
                int s = srcOff + i * imageStride + p * pixels;
                for (int q = 0; q < pixels; q++) {
                    dst[strip + lane] = src[s + q];
                    if (++lane == nr) {
                        lane = 0;
                        strip += step;
                    }
                }
            }
            for (int l = lane; lane != 0 && l < nr; l++) {
                dst[strip + l] = 0f;
            }
        }
    }

    /**
     * Packs rows of several images side by side into the packed-A layout of {@link SimdGemm#packA}:
     * row {@code p < rows}, column {@code i * pixels + q} is {@code src[srcOff + i * imageStride + p * pixels + q]}.
     * The A operand of the weight gradient (the upstream gradient of a group of images).
     */
    static void packImageRowsA(float[] src, int srcOff, int imageStride, int cnt, int rows, int pixels, float[] dst) {
        final int mr = SimdGemm.PANEL_ROWS, kc = SimdGemm.DEPTH_BLOCK;
        int k = cnt * pixels, mp = (rows + mr - 1) / mr * mr;
        for (int pc = 0; pc < k; pc += kc) {
            int kl = Math.min(kc, k - pc);
            for (int row = 0; row < mp; row++) {
                int base = pc * mp + (row / mr) * mr * kl + row % mr;
                if (row >= rows) {
                    for (int pp = 0; pp < kl; pp++) {
                        dst[base + pp * mr] = 0f;
                    }
                    continue;
                }
                int img = pc / pixels, q = pc % pixels;
                int s = srcOff + img * imageStride + row * pixels;
                for (int pp = 0; pp < kl; pp++) {
                    dst[base + pp * mr] = src[s + q];
                    if (++q == pixels) {
                        q = 0;
                        s += imageStride;
                    }
                }
            }
        }
    }
}
