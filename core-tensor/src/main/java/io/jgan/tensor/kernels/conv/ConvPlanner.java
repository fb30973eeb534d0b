package io.jgan.tensor.kernels.conv;

import io.jgan.tensor.ConvPass;

import java.util.ArrayList;
import java.util.List;

/**
 * The convolution planner: chooses the algorithm of every convolution call from its geometry and
 * pass through one ordered candidate list, the first candidate whose predicate holds winning.
 *
 * <p>The order encodes the measurements recorded next to each kernel's {@code pays} check: the
 * direct few-channel loops for at most 4 input channels (2-3 times im2col's speed there; their weight
 * gradient only on outputs at most one vector wide, see {@link FewChannelWeightGrad#pays}), Winograd
 * F(4x4, 5x5) and F(4x4, 3x3) for stride-1 layers with enough channels and tiles
 * ({@link WinogradConv#pays}), Winograd F(4x4, 3x3) over the four pixel phases for the stride-2
 * layers where that saves enough multiply-adds ({@link PolyphaseConv#pays}), and im2col + GEMM, which
 * computes every geometry, last. Under the scalar kernels ({@code -Djgan.simd=false} or
 * {@link io.jgan.tensor.Tensor#withScalarKernels}) the direct reference loops take every call.
 *
 * <p>Forward, input gradient and transposed passes of one geometry take the same algorithm today
 * (the predicates differ only for the weight gradient), so a layer's gradients are those of the
 * forward pass that ran; the weight gradient of a few-channel layer with wide outputs falls through
 * to the shared im2col + GEMM (the predicates of Winograd and polyphase need 32 channels and cannot
 * take it). Fallbacks are never built inside a kernel: they are the next entries of this list.
 */
public final class ConvPlanner {
    /** The candidates, in order of preference. */
    private static final ConvAlgorithm[] CANDIDATES = {
        new ConvAlgorithm("scalar-direct", "direct loops, the scalar reference", DirectConv.INSTANCE,
                (g, pass, simd) -> !simd),
        new ConvAlgorithm("fewch-direct", "direct SIMD loops over column phases, for at most 4 input channels",
                FewChannelConv.INSTANCE,
                (g, pass, simd) -> FewChannelConv.pays(g) && (pass != ConvPass.WEIGHT_GRAD || FewChannelWeightGrad.pays(g))),
        new ConvAlgorithm("winograd-f4x4-5x5", "Winograd F(4x4, 5x5), stride 1", WinogradConv.INSTANCE,
                (g, pass, simd) -> g.kh() == 5 && WinogradConv.pays(g)),
        new ConvAlgorithm("winograd-f4x4-3x3", "Winograd F(4x4, 3x3), stride 1", WinogradConv.INSTANCE,
                (g, pass, simd) -> g.kh() == 3 && WinogradConv.pays(g)),
        new ConvAlgorithm("polyphase-f4x4-3x3", "stride 2 as Winograd F(4x4, 3x3) over the four pixel phases",
                PolyphaseConv.INSTANCE, (g, pass, simd) -> PolyphaseConv.pays(g)),
        new ConvAlgorithm("im2col-gemm", "im2col (col2im for the input gradient) + the packed SIMD GEMM", Convs.gemm(),
                (g, pass, simd) -> true),
    };

    private ConvPlanner() {}

    /**
     * @param g the geometry of the forward convolution (for a transposed convolution: the one whose
     *     input gradient it is)
     * @param pass the call
     * @param simd whether the SIMD kernels are asked for (false: the scalar reference)
     * @return the first candidate that applies
     */
    static ConvAlgorithm choose(ConvGeometry g, ConvPass pass, boolean simd) {
        for (ConvAlgorithm a : CANDIDATES) {
            if (a.applies().test(g, pass, simd)) {
                return a;
            }
        }
        throw new IllegalStateException("no convolution algorithm for " + pass.label() + " " + g); // im2col-gemm takes all
    }

    /**
     * @param g the geometry of the forward convolution
     * @param pass the call
     * @param simd whether the SIMD kernels are asked for (false: the scalar reference)
     * @return the name of the algorithm that call runs, e.g. "im2col-gemm" or "winograd-f4x4-5x5"
     */
    public static String algorithm(ConvGeometry g, ConvPass pass, boolean simd) {
        return choose(g, pass, simd).name();
    }

    /** @return "name: description" of every candidate, in the order they are tried */
    public static List<String> candidates() {
        List<String> out = new ArrayList<>();
        for (ConvAlgorithm a : CANDIDATES) {
            out.add(a.name() + ": " + a.description());
        }
        return out;
    }
}
