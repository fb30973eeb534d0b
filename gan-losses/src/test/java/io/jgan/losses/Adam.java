package io.jgan.losses;

import io.jgan.autograd.Variable;

import java.util.List;

/** A minimal Adam (Kingma and Ba 2015) for the theory tests; the real optimisers live in gan-models. */
final class Adam {
    private final List<Variable> params;
    private final float[][] m;
    private final float[][] v;
    private final double beta1;
    private final double beta2;
    private double lr;
    private int t;

    Adam(List<Variable> params, double lr, double beta1, double beta2) {
        this.params = params;
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.m = new float[params.size()][];
        this.v = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            m[i] = new float[params.get(i).size()];
            v[i] = new float[params.get(i).size()];
        }
    }

    void lr(double lr) {
        this.lr = lr;
    }

    /** Minimises: one step against the accumulated gradients, which are then cleared. */
    void step() {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < params.size(); i++) {
            Variable p = params.get(i);
            if (p.grad() == null) {
                continue;
            }
            float[] g = p.grad().toArray();
            float[] w = p.value().data();
            int off = p.value().offset();
            for (int j = 0; j < g.length; j++) {
                m[i][j] = (float) (beta1 * m[i][j] + (1 - beta1) * g[j]);
                v[i][j] = (float) (beta2 * v[i][j] + (1 - beta2) * g[j] * g[j]);
                w[off + j] -= (float) (lr * (m[i][j] / c1) / (Math.sqrt(v[i][j] / c2) + 1e-8));
            }
            p.zeroGrad();
        }
    }
}
