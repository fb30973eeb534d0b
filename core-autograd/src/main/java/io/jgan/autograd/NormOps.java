package io.jgan.autograd;

import io.jgan.tensor.BatchNormKernels;
import io.jgan.tensor.Shape;
import io.jgan.tensor.Tensor;

/**
 * Batch normalisation as one recorded op over fused kernels ({@link BatchNormKernels}): the
 * composite formula records ~15 nodes and as many full-size temporaries per layer, this records one.
 *
 * <p>It stays twice differentiable: when its gradient must itself be differentiable
 * ({@code createGraph=true}, so the rule runs with gradient mode on) the rule is written with
 * differentiable ops instead of the kernel, the same closed-form gradient PyTorch's
 * {@code batch_norm_backward} differentiates.
 */
final class NormOps {
    private NormOps() {
    }

    /** @return true when {@code dims} are exactly every axis of a rank-{@code rank} tensor except axis 1 */
    static boolean allButChannel(int[] dims, int rank) {
        if (rank < 2 || dims.length != rank - 1) {
            return false;
        }
        boolean[] seen = new boolean[rank];
        for (int d : dims) {
            int a = d < 0 ? d + rank : d;
            if (a < 0 || a >= rank || a == 1 || seen[a]) {
                return false;
            }
            seen[a] = true;
        }
        return true;
    }

    /**
     * @param x input [N, C, ...]
     * @param gamma scale of C elements, or null
     * @param beta shift of C elements, or null
     * @param eps added to the variance
     * @param batchVar receives the biased batch variance per channel, or null
     * @param batchMean receives the batch mean per channel, or null
     * @return the normalised, scaled and shifted input
     */
    static Variable batchNorm(Variable x, Variable gamma, Variable beta, float eps, float[] batchMean, float[] batchVar) {
        int c = x.dim(1);
        checkParam(gamma, c, "gamma", x);
        checkParam(beta, c, "beta", x);
        // per-channel statistics from the tensor pool (inside a step's TensorScope they return with it)
        float[] mean = Tensor.zeros(c).data();
        float[] invStd = Tensor.zeros(c).data();
        Tensor y = BatchNormKernels.forward(x.value(), gamma == null ? null : gamma.value(), beta == null ? null : beta.value(),
                eps, mean, invStd, batchVar);
        if (batchMean != null) {
            System.arraycopy(mean, 0, batchMean, 0, c);
        }
        return Variable.record("batch_norm", y, (g, out, n) -> {
            if (GradMode.isEnabled()) {
                return differentiableGrad(g, x, gamma, beta, eps, n);
            }
            Tensor dGamma = Tensor.zeros(c);
            Tensor dBeta = Tensor.zeros(c);
            Tensor dx = BatchNormKernels.backward(g.value(), x.value(), gamma == null ? null : gamma.value(), mean, invStd,
                    dGamma.data(), dBeta.data(), n[0]);
            return new Variable[] {
                    n[0] ? Variable.of(dx) : null,
                    n[1] ? Variable.of(dGamma.reshape(gamma.dims())) : null,
                    n[2] ? Variable.of(dBeta.reshape(beta.dims())) : null};
        }, x, gamma, beta);
    }

    /** The same gradient written with differentiable ops, for createGraph=true. */
    private static Variable[] differentiableGrad(Variable g, Variable x, Variable gamma, Variable beta, float eps, boolean[] n) {
        int[] dims = new int[x.rank() - 1];
        dims[0] = 0;
        for (int i = 2; i < x.rank(); i++) {
            dims[i - 1] = i;
        }
        Shape kept = ReductionOps.keptShape(x.shape(), dims);
        Variable centred = x.sub(x.mean(true, dims));
        Variable invStd = centred.square().mean(true, dims).add(eps).rsqrt();
        Variable xhat = centred.mul(invStd);
        Variable dx = null;
        if (n[0]) {
            Variable gx = gamma == null ? g : g.mul(gamma.reshape(kept.dims()));
            dx = invStd.mul(gx.sub(gx.mean(true, dims)).sub(xhat.mul(gx.mul(xhat).mean(true, dims))));
        }
        return new Variable[] {
                dx,
                n[1] ? g.mul(xhat).sum(false, dims).reshape(gamma.dims()) : null,
                n[2] ? g.sum(false, dims).reshape(beta.dims()) : null};
    }

    private static void checkParam(Variable p, int c, String name, Variable x) {
        if (p != null && p.size() != c) {
            throw new IllegalArgumentException("batchNorm " + name + " of shape " + p.shape() + " does not fit the " + c
                    + " channels of input " + x.shape());
        }
    }
}
