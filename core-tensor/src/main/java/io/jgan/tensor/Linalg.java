package io.jgan.tensor;

import io.jgan.tensor.kernels.Kernels;
import io.jgan.tensor.kernels.conv.Conv;
import io.jgan.tensor.kernels.conv.ConvGeometry;
import io.jgan.tensor.kernels.conv.ConvPlanner;
import io.jgan.tensor.kernels.conv.Convs;
import io.jgan.tensor.kernels.gemm.Gemm;
import io.jgan.tensor.kernels.gemm.Gemms;

/**
 * Matrix multiplication and 2-D convolution on tensors: the forward ops and the adjoints autograd
 * needs.
 *
 * <p>Layouts follow PyTorch: images are NCHW, convolution weights OIHW ({@code [out, in, kh, kw]}),
 * transposed-convolution weights IOHW ({@code [in, out, kh, kw]}). The three ops
 * {@link #conv2d}, {@link #conv2dInputGrad} and {@link #conv2dWeightGrad} are closed under
 * differentiation: the gradients of each are expressed with the other two, and
 * {@code convTranspose2d(x, w, b, s, p, op)} equals {@code conv2dInputGrad(x, w, outShape, s, p)} plus
 * the bias. All results are new tensors; inputs are never modified.
 *
 * <p>The static methods use the SIMD kernels (packed GEMM; for convolution, the algorithm the
 * convolution planner chooses per geometry and pass: direct SIMD loops for at most 4 input channels,
 * Winograd F(4x4, 5x5) or F(4x4, 3x3) for stride-1 5x5 and 3x3 layers, Winograd over the four pixel
 * phases for stride-2 layers where that saves enough, im2col + GEMM otherwise; {@link #planConv2d}
 * and {@link #planConvTranspose2d} name it, {@link ConvTrace} records it) unless the
 * calling thread runs under {@link Tensor#withScalarKernels} or the JVM was started with
 * {@code -Djgan.simd=false}, in which case they use the scalar twins (plain GEMM loops, direct
 * convolution loops). {@link #scalar()} and {@link #simd()} give explicit access for tests and
 * benchmarks. Results are bit-identical for any {@link Parallel} thread count. Shape errors throw
 * {@link IllegalArgumentException} naming the shapes.
 */
public final class Linalg {
    private static final Impl SCALAR = new Impl("scalar", Gemms.scalar(), Convs.scalar(), false);
    private static final Impl SIMD = new Impl("simd", Gemms.simd(), Convs.simd(), true);

    private Linalg() {}

    /** @return the scalar reference implementation */
    public static Impl scalar() {
        return SCALAR;
    }

    /** @return the SIMD implementation */
    public static Impl simd() {
        return SIMD;
    }

    /** @return the implementation the static methods use on this thread right now */
    public static Impl current() {
        return KernelScope.current() == Kernels.scalar() ? SCALAR : SIMD;
    }

    /**
     * @param a {@code [m, k]}
     * @param b {@code [k, n]}
     * @return {@code a @ b}, {@code [m, n]}
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        return current().matmul(a, b, false, false);
    }

    /**
     * @param a {@code [m, k]}, or {@code [k, m]} if {@code transA}
     * @param b {@code [k, n]}, or {@code [n, k]} if {@code transB}
     * @param transA use the transpose of {@code a}
     * @param transB use the transpose of {@code b}
     * @return {@code op(a) @ op(b)}, {@code [m, n]}
     */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        return current().matmul(a, b, transA, transB);
    }

    /**
     * 2-D convolution (cross-correlation, as PyTorch's {@code conv2d}).
     *
     * @param x input {@code [n, cin, h, w]}
     * @param w weights {@code [cout, cin, kh, kw]}
     * @param bias {@code [cout]}, or null
     * @param stride stride in both directions, at least 1
     * @param padding zero padding on every side, at least 0
     * @return {@code [n, cout, (h + 2p - kh) / s + 1, (w + 2p - kw) / s + 1]}
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, int padding) {
        return current().conv2d(x, w, bias, stride, padding);
    }

    /**
     * The gradient of {@code conv2d(x, w)} with respect to {@code x}: the adjoint of the convolution
     * in its input, which is also the transposed convolution of {@code gy}.
     *
     * @param gy upstream gradient {@code [n, cout, ho, wo]}
     * @param w weights {@code [cout, cin, kh, kw]}
     * @param xShape the shape of {@code x}, {@code [n, cin, h, w]}
     * @param stride the forward stride
     * @param padding the forward padding
     * @return {@code [n, cin, h, w]}
     */
    public static Tensor conv2dInputGrad(Tensor gy, Tensor w, Shape xShape, int stride, int padding) {
        return current().conv2dInputGrad(gy, w, xShape, stride, padding);
    }

    /**
     * The gradient of {@code conv2d(x, w)} with respect to {@code w}, summed over the batch.
     *
     * @param x input {@code [n, cin, h, w]}
     * @param gy upstream gradient {@code [n, cout, ho, wo]}
     * @param wShape the shape of {@code w}, {@code [cout, cin, kh, kw]}
     * @param stride the forward stride
     * @param padding the forward padding
     * @return {@code [cout, cin, kh, kw]}
     */
    public static Tensor conv2dWeightGrad(Tensor x, Tensor gy, Shape wShape, int stride, int padding) {
        return current().conv2dWeightGrad(x, gy, wShape, stride, padding);
    }

    /**
     * The algorithms {@link #conv2d} and its two gradients run for these shapes on this thread's
     * kernels (what {@code jgan info --model} prints).
     *
     * @param x input shape {@code [n, cin, h, w]}
     * @param w weight shape {@code [cout, cin, kh, kw]}
     * @param stride the stride
     * @param padding the padding
     * @return the plan
     */
    public static ConvPlan planConv2d(Shape x, Shape w, int stride, int padding) {
        return current().planConv2d(x, w, stride, padding);
    }

    /**
     * The algorithms {@link #convTranspose2d} and its two gradients run for these shapes on this
     * thread's kernels.
     *
     * @param x input shape {@code [n, cin, h, w]}
     * @param w weight shape {@code [cin, cout, kh, kw]} (IOHW)
     * @param stride the stride
     * @param padding the padding
     * @param outputPadding extra rows and columns on one side, in [0, stride)
     * @return the plan
     */
    public static ConvPlan planConvTranspose2d(Shape x, Shape w, int stride, int padding, int outputPadding) {
        return current().planConvTranspose2d(x, w, stride, padding, outputPadding);
    }

    /**
     * Transposed 2-D convolution, as PyTorch's {@code conv_transpose2d} (no groups, no dilation).
     *
     * @param x input {@code [n, cin, h, w]}
     * @param w weights {@code [cin, cout, kh, kw]} (IOHW, as PyTorch stores them)
     * @param bias {@code [cout]}, or null
     * @param stride stride, at least 1
     * @param padding padding removed from each side of the output, at least 0
     * @param outputPadding extra rows/columns on the bottom/right, {@code 0 <= op < stride}
     * @return {@code [n, cout, (h - 1) s - 2p + kh + op, (w - 1) s - 2p + kw + op]}
     */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, int stride, int padding, int outputPadding) {
        return current().convTranspose2d(x, w, bias, stride, padding, outputPadding);
    }

    /**
     * The gradient of a per-channel bias: the sum of {@code gy} over every axis but axis 1.
     *
     * @param gy {@code [n, c, ...]} (rank 2 or more)
     * @return {@code [c]}
     */
    public static Tensor biasGrad(Tensor gy) {
        return current().biasGrad(gy);
    }

    /**
     * One implementation of the {@link Linalg} ops (scalar reference or SIMD); same contracts as the
     * static methods of the same names.
     */
    public static final class Impl {
        private final String name;
        private final Gemm gemm;
        private final Conv conv;
        /** Whether {@link #conv} plans for the SIMD kernels (false: the scalar reference). */
        private final boolean simd;

        private Impl(String name, Gemm gemm, Conv conv, boolean simd) {
            this.name = name;
            this.gemm = gemm;
            this.conv = conv;
            this.simd = simd;
        }

        /** @return "scalar" or "simd" */
        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return "Linalg." + name;
        }

        /**
         * @param a {@code [m, k]}
         * @param b {@code [k, n]}
         * @return {@code a @ b}
         */
        public Tensor matmul(Tensor a, Tensor b) {
            return matmul(a, b, false, false);
        }

        /**
         * @param a {@code [m, k]} or, transposed, {@code [k, m]}
         * @param b {@code [k, n]} or, transposed, {@code [n, k]}
         * @param transA use the transpose of {@code a}
         * @param transB use the transpose of {@code b}
         * @return {@code op(a) @ op(b)}
         */
        public Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
            if (a.rank() != 2 || b.rank() != 2) {
                throw new IllegalArgumentException("matmul needs 2-D tensors, got " + a.shape() + " and " + b.shape());
            }
            int m = transA ? a.dim(1) : a.dim(0), k = transA ? a.dim(0) : a.dim(1);
            int k2 = transB ? b.dim(1) : b.dim(0), n = transB ? b.dim(0) : b.dim(1);
            if (k != k2) {
                throw new IllegalArgumentException("matmul: shapes " + a.shape() + (transA ? "^T" : "") + " and "
                        + b.shape() + (transB ? "^T" : "") + " do not chain (inner sizes " + k + " and " + k2 + ")");
            }
            Tensor c = Tensor.uninitialized(m, n); // beta 0: the GEMM overwrites C
            gemm.gemm(transA, transB, m, n, k, 1f, a.data(), a.offset(), a.dim(1), b.data(), b.offset(), b.dim(1),
                    0f, c.data(), c.offset(), n);
            return c;
        }

        /** See {@link Linalg#conv2d}. @param x input @param w weights @param bias or null @param stride s @param padding p @return y */
        public Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, int padding) {
            requireRank4("conv2d", "x", x.shape());
            requireRank4("conv2d", "w", w.shape());
            if (x.dim(1) != w.dim(1)) {
                throw new IllegalArgumentException("conv2d: input " + x.shape() + " has " + x.dim(1)
                        + " channels but weights " + w.shape() + " expect " + w.dim(1));
            }
            checkBias("conv2d", bias, w.dim(0), w.shape());
            ConvGeometry g = geometry("conv2d", x.shape(), w.shape(), stride, padding);
            if (ConvTrace.active()) {
                ConvTrace.record(plan("conv2d", x.shape(), w.shape(), stride, padding, g, false));
            }
            Tensor y = Tensor.uninitialized(g.n(), g.cout(), g.ho(), g.wo()); // Conv overwrites
            conv.forward(g, x.data(), x.offset(), w.data(), w.offset(),
                    bias == null ? null : bias.data(), bias == null ? 0 : bias.offset(), y.data(), y.offset());
            return y;
        }

        /** See {@link Linalg#conv2dInputGrad}. @param gy upstream @param w weights @param xShape x's shape @param stride s @param padding p @return dx */
        public Tensor conv2dInputGrad(Tensor gy, Tensor w, Shape xShape, int stride, int padding) {
            requireRank4("conv2dInputGrad", "xShape", xShape);
            requireRank4("conv2dInputGrad", "w", w.shape());
            if (xShape.dim(1) != w.dim(1)) {
                throw new IllegalArgumentException("conv2dInputGrad: input shape " + xShape + " has " + xShape.dim(1)
                        + " channels but weights " + w.shape() + " expect " + w.dim(1));
            }
            ConvGeometry g = geometry("conv2dInputGrad", xShape, w.shape(), stride, padding);
            requireOutShape("conv2dInputGrad", g, gy.shape(), xShape, w.shape());
            Tensor dx = Tensor.uninitialized(xShape);
            conv.inputGrad(g, gy.data(), gy.offset(), w.data(), w.offset(), dx.data(), dx.offset());
            return dx;
        }

        /** See {@link Linalg#conv2dWeightGrad}. @param x input @param gy upstream @param wShape w's shape @param stride s @param padding p @return dw */
        public Tensor conv2dWeightGrad(Tensor x, Tensor gy, Shape wShape, int stride, int padding) {
            requireRank4("conv2dWeightGrad", "x", x.shape());
            requireRank4("conv2dWeightGrad", "wShape", wShape);
            if (x.dim(1) != wShape.dim(1)) {
                throw new IllegalArgumentException("conv2dWeightGrad: input " + x.shape() + " has " + x.dim(1)
                        + " channels but weight shape " + wShape + " expects " + wShape.dim(1));
            }
            ConvGeometry g = geometry("conv2dWeightGrad", x.shape(), wShape, stride, padding);
            requireOutShape("conv2dWeightGrad", g, gy.shape(), x.shape(), wShape);
            Tensor dw = Tensor.uninitialized(wShape);
            conv.weightGrad(g, x.data(), x.offset(), gy.data(), gy.offset(), dw.data(), dw.offset());
            return dw;
        }

        /** See {@link Linalg#convTranspose2d}. @param x input @param w IOHW weights @param bias or null @param stride s @param padding p @param outputPadding op @return y */
        public Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, int stride, int padding, int outputPadding) {
            requireRank4("convTranspose2d", "x", x.shape());
            requireRank4("convTranspose2d", "w", w.shape());
            if (x.dim(1) != w.dim(0)) {
                throw new IllegalArgumentException("convTranspose2d: input " + x.shape() + " has " + x.dim(1)
                        + " channels but weights " + w.shape() + " (in, out, kh, kw) expect " + w.dim(0));
            }
            ConvGeometry g = transposedGeometry(x.shape(), w.shape(), stride, padding, outputPadding);
            checkBias("convTranspose2d", bias, w.dim(1), w.shape());
            if (ConvTrace.active()) {
                ConvTrace.record(plan("convTranspose2d", x.shape(), w.shape(), stride, padding, g, true));
            }
            Tensor y = Tensor.uninitialized(g.n(), g.cin(), g.h(), g.w());
            // the bias goes in as the result is written (Winograd paths) or in a parallel second pass
            conv.transposed(g, x.data(), x.offset(), w.data(), w.offset(), bias == null ? null : bias.data(),
                    bias == null ? 0 : bias.offset(), y.data(), y.offset());
            return y;
        }

        /** See {@link Linalg#planConv2d}. @param x input shape @param w weight shape @param stride s @param padding p @return the plan */
        public ConvPlan planConv2d(Shape x, Shape w, int stride, int padding) {
            requireRank4("planConv2d", "x", x);
            requireRank4("planConv2d", "w", w);
            if (x.dim(1) != w.dim(1)) {
                throw new IllegalArgumentException("planConv2d: input " + x + " has " + x.dim(1)
                        + " channels but weights " + w + " expect " + w.dim(1));
            }
            return plan("conv2d", x, w, stride, padding, geometry("planConv2d", x, w, stride, padding), false);
        }

        /**
         * See {@link Linalg#planConvTranspose2d}. @param x input shape @param w IOHW weight shape
         * @param stride s @param padding p @param outputPadding op @return the plan
         */
        public ConvPlan planConvTranspose2d(Shape x, Shape w, int stride, int padding, int outputPadding) {
            requireRank4("planConvTranspose2d", "x", x);
            requireRank4("planConvTranspose2d", "w", w);
            if (x.dim(1) != w.dim(0)) {
                throw new IllegalArgumentException("planConvTranspose2d: input " + x + " has " + x.dim(1)
                        + " channels but weights " + w + " (in, out, kh, kw) expect " + w.dim(0));
            }
            ConvGeometry g = transposedGeometry(x, w, stride, padding, outputPadding);
            return plan("convTranspose2d", x, w, stride, padding, g, true);
        }

        /**
         * @param g the forward geometry; of a transposed layer, the convolution whose input gradient it is
         * @param transposed whether the layer is that transposed convolution: its forward pass is then
         *     g's transposed pass, its input gradient g's forward pass
         */
        private ConvPlan plan(String op, Shape x, Shape w, int stride, int padding, ConvGeometry g, boolean transposed) {
            Shape out = transposed ? Shape.of(g.n(), g.cin(), g.h(), g.w()) : Shape.of(g.n(), g.cout(), g.ho(), g.wo());
            return new ConvPlan(op, x, w, out, stride, padding,
                    ConvPlanner.algorithm(g, transposed ? ConvPass.TRANSPOSED : ConvPass.FORWARD, simd),
                    ConvPlanner.algorithm(g, transposed ? ConvPass.FORWARD : ConvPass.INPUT_GRAD, simd),
                    ConvPlanner.algorithm(g, ConvPass.WEIGHT_GRAD, simd));
        }

        /** See {@link Linalg#biasGrad}. @param gy {@code [n, c, ...]} @return {@code [c]} */
        public Tensor biasGrad(Tensor gy) {
            if (gy.rank() < 2) {
                throw new IllegalArgumentException("biasGrad needs a tensor of rank >= 2 ([n, c, ...]), got " + gy.shape());
            }
            int c = gy.dim(1);
            Tensor db = Tensor.uninitialized(c);
            conv.biasGrad(gy.dim(0), c, gy.shape().sizeBetween(2, gy.rank()), gy.data(), gy.offset(), db.data(), db.offset());
            return db;
        }

        private static void requireRank4(String op, String what, Shape s) {
            if (s.rank() != 4) {
                throw new IllegalArgumentException(op + ": " + what + " must be 4-D, got " + s);
            }
        }

        private static void checkBias(String op, Tensor bias, int channels, Shape w) {
            if (bias != null && (bias.rank() != 1 || bias.dim(0) != channels)) {
                throw new IllegalArgumentException(op + ": bias " + bias.shape() + " does not match weights " + w
                        + " (" + channels + " output channels)");
            }
        }

        /** @return the forward convolution whose input gradient convTranspose2d is: [n, cout, ho, wo] -> [n, cin, h, w] */
        private static ConvGeometry transposedGeometry(Shape x, Shape w, int stride, int padding, int outputPadding) {
            if (stride < 1 || padding < 0 || outputPadding < 0 || outputPadding >= stride) {
                throw new IllegalArgumentException("convTranspose2d: need stride >= 1, padding >= 0 and"
                        + " 0 <= outputPadding < stride, got stride " + stride + ", padding " + padding
                        + ", outputPadding " + outputPadding);
            }
            int ho = (x.dim(2) - 1) * stride - 2 * padding + w.dim(2) + outputPadding;
            int wo = (x.dim(3) - 1) * stride - 2 * padding + w.dim(3) + outputPadding;
            if (ho < 1 || wo < 1) {
                throw new IllegalArgumentException("convTranspose2d: input " + x + " with weights " + w
                        + ", stride " + stride + ", padding " + padding + " gives an empty output " + ho + "x" + wo);
            }
            return new ConvGeometry(x.dim(0), w.dim(1), ho, wo, w.dim(0), w.dim(2), w.dim(3),
                    stride, stride, padding, padding);
        }

        private static ConvGeometry geometry(String op, Shape x, Shape w, int stride, int padding) {
            try {
                return new ConvGeometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3), w.dim(0), w.dim(2), w.dim(3),
                        stride, stride, padding, padding);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(op + ": input " + x + ", weights " + w + ", stride " + stride
                        + ", padding " + padding + ": " + e.getMessage(), e);
            }
        }

        // the message is built only on failure: this runs twice per layer per step
        private static void requireOutShape(String op, ConvGeometry g, Shape gy, Shape xShape, Shape wShape) {
            if (gy.rank() != 4 || gy.dim(0) != g.n() || gy.dim(1) != g.cout() || gy.dim(2) != g.ho()
                    || gy.dim(3) != g.wo()) {
                throw new IllegalArgumentException(op + ": gradient " + gy + " does not match the convolution output "
                        + Shape.of(g.n(), g.cout(), g.ho(), g.wo()) + " of input " + xShape + ", weights " + wShape);
            }
        }
    }
}
