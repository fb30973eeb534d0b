package io.jgan.tensor.kernels.conv;

/**
 * The reference convolution: direct loops over the definition, single-threaded, no workspaces.
 * Each output (or gradient) element is accumulated in the same fixed order on every run.
 */
public final class DirectConv implements Conv {
    /** The shared instance (stateless). */
    public static final DirectConv INSTANCE = new DirectConv();

    private DirectConv() {}

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public void forward(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff,
                        float[] y, int yOff) {
        int ho = g.ho(), wo = g.wo();
        for (int n = 0; n < g.n(); n++) {
            for (int co = 0; co < g.cout(); co++) {
                int yBase = yOff + (n * g.cout() + co) * ho * wo;
                float b = bias == null ? 0f : bias[bOff + co];
                java.util.Arrays.fill(y, yBase, yBase + ho * wo, b);
                for (int ci = 0; ci < g.cin(); ci++) {
                    int xBase = xOff + (n * g.cin() + ci) * g.h() * g.w();
                    for (int ky = 0; ky < g.kh(); ky++) {
                        for (int kx = 0; kx < g.kw(); kx++) {
                            float wv = w[wOff + ((co * g.cin() + ci) * g.kh() + ky) * g.kw() + kx];
                            for (int oy = 0; oy < ho; oy++) {
                                int iy = oy * g.sh() - g.ph() + ky;
                                if (iy < 0 || iy >= g.h()) {
                                    continue;
                                }
                                for (int ox = 0; ox < wo; ox++) {
                                    int ix = ox * g.sw() - g.pw() + kx;
                                    if (ix >= 0 && ix < g.w()) {
                                        y[yBase + oy * wo + ox] += wv * x[xBase + iy * g.w() + ix];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void inputGrad(ConvGeometry g, float[] gy, int gyOff, float[] w, int wOff, float[] dx, int dxOff) {
        int ho = g.ho(), wo = g.wo();
        java.util.Arrays.fill(dx, dxOff, dxOff + g.n() * g.inImage(), 0f);
        for (int n = 0; n < g.n(); n++) {
            for (int ci = 0; ci < g.cin(); ci++) {
                int xBase = dxOff + (n * g.cin() + ci) * g.h() * g.w();
                for (int co = 0; co < g.cout(); co++) {
                    int yBase = gyOff + (n * g.cout() + co) * ho * wo;
                    for (int ky = 0; ky < g.kh(); ky++) {
                        for (int kx = 0; kx < g.kw(); kx++) {
                            float wv = w[wOff + ((co * g.cin() + ci) * g.kh() + ky) * g.kw() + kx];
                            for (int oy = 0; oy < ho; oy++) {
                                int iy = oy * g.sh() - g.ph() + ky;
                                if (iy < 0 || iy >= g.h()) {
                                    continue;
                                }
                                for (int ox = 0; ox < wo; ox++) {
                                    int ix = ox * g.sw() - g.pw() + kx;
                                    if (ix >= 0 && ix < g.w()) {
                                        dx[xBase + iy * g.w() + ix] += wv * gy[yBase + oy * wo + ox];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void weightGrad(ConvGeometry g, float[] x, int xOff, float[] gy, int gyOff, float[] dw, int dwOff) {
        int ho = g.ho(), wo = g.wo();
        for (int co = 0; co < g.cout(); co++) {
            for (int ci = 0; ci < g.cin(); ci++) {
                for (int ky = 0; ky < g.kh(); ky++) {
                    for (int kx = 0; kx < g.kw(); kx++) {
                        float s = 0f;
                        for (int n = 0; n < g.n(); n++) {
                            int xBase = xOff + (n * g.cin() + ci) * g.h() * g.w();
                            int yBase = gyOff + (n * g.cout() + co) * ho * wo;
                            for (int oy = 0; oy < ho; oy++) {
                                int iy = oy * g.sh() - g.ph() + ky;
                                if (iy < 0 || iy >= g.h()) {
                                    continue;
                                }
                                for (int ox = 0; ox < wo; ox++) {
                                    int ix = ox * g.sw() - g.pw() + kx;
                                    if (ix >= 0 && ix < g.w()) {
                                        s += gy[yBase + oy * wo + ox] * x[xBase + iy * g.w() + ix];
                                    }
                                }
                            }
                        }
                        dw[dwOff + ((co * g.cin() + ci) * g.kh() + ky) * g.kw() + kx] = s;
                    }
                }
            }
        }
    }

    @Override
    public void biasGrad(int n, int channels, int pixels, float[] gy, int gyOff, float[] db, int dbOff) {
        for (int c = 0; c < channels; c++) {
            float s = 0f;
            for (int i = 0; i < n; i++) {
                int base = gyOff + (i * channels + c) * pixels;
                for (int p = 0; p < pixels; p++) {
                    s += gy[base + p];
                }
            }
            db[dbOff + c] = s;
        }
    }
}
