package io.jgan.tensor;

import io.jgan.tensor.kernels.conv.ConvPlanner;

import java.util.List;

/**
 * The convolution algorithms one layer runs: what the planner chooses for the layer's forward pass
 * and its two gradients ({@code jgan info --model} prints one per convolution of a model). For
 * {@code conv2d} the three calls are the convolution's forward, input-gradient and weight-gradient
 * passes; for {@code convTranspose2d} (the input gradient of a convolution, plus a bias) they are that
 * convolution's transposed, forward and weight-gradient passes.
 *
 * @param op "conv2d" or "convTranspose2d"
 * @param input the layer's input shape, {@code [n, c, h, w]}
 * @param weight its weights, OIHW for conv2d and IOHW for convTranspose2d (as PyTorch stores them)
 * @param output its output shape
 * @param stride the stride
 * @param padding the padding
 * @param forward the algorithm of the layer's forward pass, e.g. "im2col-gemm"
 * @param inputGrad the algorithm of the gradient with respect to the layer's input
 * @param weightGrad the algorithm of the gradient with respect to the layer's weights
 */
public record ConvPlan(String op, Shape input, Shape weight, Shape output, int stride, int padding,
                       String forward, String inputGrad, String weightGrad) {
    /** @return the geometry in one line, e.g. {@code 64x1x28x28 * 64x1x4x4 s2 p1 -> 64x64x14x14} */
    public String geometry() {
        return dims(input) + " * " + dims(weight) + " s" + stride + " p" + padding + " -> " + dims(output);
    }

    /** @return "name: description" of every algorithm the planner can choose, in the order it tries them */
    public static List<String> algorithms() {
        return ConvPlanner.candidates();
    }

    private static String dims(Shape s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.rank(); i++) {
            b.append(i == 0 ? "" : "x").append(s.dim(i));
        }
        return b.toString();
    }
}
