package io.jgan.autograd;

import io.jgan.tensor.Shape;
import io.jgan.tensor.Tensor;

/**
 * Direct-loop matmul and convolution with the signatures of core-tensor's {@code Linalg}, used
 * until the GEMM/im2col kernels land on this branch; it is removed by the merge that brings them.
 */
final class ReferenceLinalg {
    private ReferenceLinalg() {
    }

    static Tensor matmul(Tensor a, Tensor b, boolean ta, boolean tb) {
        int m = ta ? a.dim(1) : a.dim(0);
        int k = ta ? a.dim(0) : a.dim(1);
        int n = tb ? b.dim(0) : b.dim(1);
        float[] ad = a.data();
        float[] bd = b.data();
        int ao = a.offset();
        int bo = b.offset();
        Tensor c = Tensor.zeros(m, n);
        float[] cd = c.data();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float av = ta ? ad[ao + p * m + i] : ad[ao + i * k + p];
                    float bv = tb ? bd[bo + j * k + p] : bd[bo + p * n + j];
                    s += av * bv;
                }
                cd[i * n + j] = (float) s;
            }
        }
        return c;
    }

    private static int outSize(int in, int k, int s, int p) {
        return (in + 2 * p - k) / s + 1;
    }

    static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int s, int p) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int o = w.dim(0), kh = w.dim(2), kw = w.dim(3);
        int ho = outSize(h, kh, s, p), wo = outSize(wd, kw, s, p);
        Tensor y = Tensor.zeros(n, o, ho, wo);
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                for (int oh = 0; oh < ho; oh++) {
                    for (int ow = 0; ow < wo; ow++) {
                        double acc = bias == null ? 0 : bias.get(oc);
                        for (int ic = 0; ic < c; ic++) {
                            for (int i = 0; i < kh; i++) {
                                int ih = oh * s - p + i;
                                if (ih < 0 || ih >= h) {
                                    continue;
                                }
                                for (int j = 0; j < kw; j++) {
                                    int iw = ow * s - p + j;
                                    if (iw >= 0 && iw < wd) {
                                        acc += x.get(b, ic, ih, iw) * w.get(oc, ic, i, j);
                                    }
                                }
                            }
                        }
                        y.set((float) acc, b, oc, oh, ow);
                    }
                }
            }
        }
        return y;
    }

    static Tensor conv2dInputGrad(Tensor gy, Tensor w, Shape xShape, int s, int p) {
        Tensor gx = Tensor.zeros(xShape);
        int n = gy.dim(0), o = gy.dim(1), ho = gy.dim(2), wo = gy.dim(3);
        int c = w.dim(1), kh = w.dim(2), kw = w.dim(3), h = xShape.dim(2), wd = xShape.dim(3);
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                for (int oh = 0; oh < ho; oh++) {
                    for (int ow = 0; ow < wo; ow++) {
                        float g = gy.get(b, oc, oh, ow);
                        for (int ic = 0; ic < c; ic++) {
                            for (int i = 0; i < kh; i++) {
                                int ih = oh * s - p + i;
                                for (int j = 0; j < kw; j++) {
                                    int iw = ow * s - p + j;
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                        gx.set(gx.get(b, ic, ih, iw) + g * w.get(oc, ic, i, j), b, ic, ih, iw);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return gx;
    }

    static Tensor conv2dWeightGrad(Tensor x, Tensor gy, Shape wShape, int s, int p) {
        Tensor gw = Tensor.zeros(wShape);
        int n = gy.dim(0), o = gy.dim(1), ho = gy.dim(2), wo = gy.dim(3);
        int c = wShape.dim(1), kh = wShape.dim(2), kw = wShape.dim(3), h = x.dim(2), wd = x.dim(3);
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                for (int oh = 0; oh < ho; oh++) {
                    for (int ow = 0; ow < wo; ow++) {
                        float g = gy.get(b, oc, oh, ow);
                        for (int ic = 0; ic < c; ic++) {
                            for (int i = 0; i < kh; i++) {
                                int ih = oh * s - p + i;
                                for (int j = 0; j < kw; j++) {
                                    int iw = ow * s - p + j;
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                        gw.set(gw.get(oc, ic, i, j) + g * x.get(b, ic, ih, iw), oc, ic, i, j);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return gw;
    }

    static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, int s, int p, int op) {
        int ho = (x.dim(2) - 1) * s - 2 * p + w.dim(2) + op;
        int wo = (x.dim(3) - 1) * s - 2 * p + w.dim(3) + op;
        Tensor y = conv2dInputGrad(x, w, Shape.of(x.dim(0), w.dim(1), ho, wo), s, p);
        if (bias != null) {
            y.addInPlace(bias.reshape(1, bias.size(), 1, 1));
        }
        return y;
    }
}
