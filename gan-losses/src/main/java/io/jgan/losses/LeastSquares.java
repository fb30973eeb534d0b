package io.jgan.losses;

import io.jgan.autograd.Variable;

/**
 * The least-squares GAN (LSGAN) of Mao et al. 2017, with the critic's raw output D(x) regressed
 * onto codes: a for fake, b for real, and c, the value G wants D to believe for fakes.
 *
 * <ul>
 *   <li>D minimises 1/2 E[(D(real) - b)^2] + 1/2 E[(D(fake) - a)^2].</li>
 *   <li>G minimises 1/2 E[(D(G(z)) - c)^2].</li>
 * </ul>
 * The default codes are a = 0, b = c = 1 (the paper's eq. 9, the common choice and the PyTorch
 * fixture's). With b - c = 1 and b - a = 2 (e.g. a = -1, b = 1, c = 0) the generator minimises the
 * Pearson chi^2 divergence between p_data + p_g and 2 p_g (the paper's Theorem 1). No estimate is
 * reported.
 *
 * @param fakeCode a, D's target for fake data
 * @param realCode b, D's target for real data
 * @param generatorCode c, G's target for fake data
 */
public record LeastSquares(float fakeCode, float realCode, float generatorCode) implements GanLoss {

    /** Validates that the codes are finite. */
    public LeastSquares {
        if (!Float.isFinite(fakeCode) || !Float.isFinite(realCode) || !Float.isFinite(generatorCode)) {
            throw new IllegalArgumentException("LSGAN codes must be finite, got a=" + fakeCode + " b=" + realCode
                    + " c=" + generatorCode);
        }
    }

    /** a = 0, b = 1, c = 1. */
    public LeastSquares() {
        this(0f, 1f, 1f);
    }

    @Override
    public Variable discriminatorLoss(Variable dReal, Variable dFake) {
        Checks.pair(dReal, dFake);
        Variable real = dReal.sub(realCode).square().mean();
        Variable fake = dFake.sub(fakeCode).square().mean();
        return real.add(fake).mul(0.5f);
    }

    @Override
    public Variable generatorLoss(Variable dFake) {
        Checks.scores("dFake", dFake);
        return dFake.sub(generatorCode).square().mean().mul(0.5f);
    }

    @Override
    public String name() {
        return "lsgan";
    }
}
