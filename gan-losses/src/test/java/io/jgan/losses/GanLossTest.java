package io.jgan.losses;

import io.jgan.autograd.Variable;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed values, gradients, stability at extreme logits and argument checks of the losses. */
class GanLossTest {
    private static final double TOL = 1e-5;
    private static final float[] REAL = {0f, 2f};
    private static final float[] FAKE = {-1f, 1f};

    private static Variable col(float... v) {
        return Variable.parameter(Tensor.fromArray(v.clone(), v.length, 1));
    }

    private static double sp(double x) {
        return Math.log1p(Math.exp(x));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void minimaxAndNonSaturatingValuesAndGradients() {
        double d = (sp(-0) + sp(-2)) / 2 + (sp(-1) + sp(1)) / 2;
        Variable r = col(REAL);
        Variable f = col(FAKE);
        Variable dl = new Minimax().discriminatorLoss(r, f);
        assertEquals(d, dl.item(), TOL);
        dl.backward();
        // d/dv softplus(-v) = -sigmoid(-v); d/dv softplus(v) = sigmoid(v); each mean divides by B = 2
        assertEquals(-sigmoid(-2) / 2, r.grad().get(1, 0), TOL);
        assertEquals(sigmoid(-1) / 2, f.grad().get(0, 0), TOL);
        assertEquals(d, new NonSaturating().discriminatorLoss(col(REAL), col(FAKE)).item(), TOL);

        Variable g1 = col(FAKE);
        Variable mm = new Minimax().generatorLoss(g1);
        assertEquals(-(sp(-1) + sp(1)) / 2, mm.item(), TOL);
        mm.backward();
        assertEquals(-sigmoid(-1) / 2, g1.grad().get(0, 0), TOL);

        Variable g2 = col(FAKE);
        Variable ns = new NonSaturating().generatorLoss(g2);
        assertEquals((sp(1) + sp(-1)) / 2, ns.item(), TOL);
        ns.backward();
        assertEquals(-sigmoid(1) / 2, g2.grad().get(0, 0), TOL);
    }

    @Test
    void wassersteinHingeAndLeastSquaresValues() {
        assertEquals(0 - 1, new Wasserstein().discriminatorLoss(col(REAL), col(FAKE)).item(), TOL);
        assertEquals(-0.0, new Wasserstein().generatorLoss(col(FAKE)).item(), TOL);
        assertEquals(1.0, new Wasserstein().estimate(col(REAL), col(FAKE)).orElseThrow(), TOL);
        // hinge: mean(relu(1 - [0, 2])) + mean(relu(1 + [-1, 1])) = 0.5 + 1
        assertEquals(1.5, new Hinge().discriminatorLoss(col(REAL), col(FAKE)).item(), TOL);
        assertEquals(-0.5, new Hinge().generatorLoss(col(-1f, 2f)).item(), TOL);
        assertTrue(new Hinge().estimate(col(REAL), col(FAKE)).isEmpty());
        // LSGAN a=0, b=1, c=1: 0.5 mean([1, 1]) + 0.5 mean([1, 1]) = 1; G: 0.5 mean([4, 0]) = 1
        assertEquals(1.0, new LeastSquares().discriminatorLoss(col(REAL), col(FAKE)).item(), TOL);
        assertEquals(1.0, new LeastSquares().generatorLoss(col(FAKE)).item(), TOL);
        // a=-1, b=1, c=0: 0.5 mean([1, 1]) + 0.5 mean([0, 4]) = 1.5; G: 0.5 mean([1, 1]) = 0.5
        LeastSquares pearson = new LeastSquares(-1f, 1f, 0f);
        assertEquals(1.5, pearson.discriminatorLoss(col(REAL), col(FAKE)).item(), TOL);
        assertEquals(0.5, pearson.generatorLoss(col(FAKE)).item(), TOL);
    }

    @Test
    void scoresOfShapeBAndB1Agree() {
        Variable flat = Variable.of(Tensor.fromArray(REAL.clone(), 2));
        Variable fakeFlat = Variable.of(Tensor.fromArray(FAKE.clone(), 2));
        for (String name : GanLosses.names()) {
            GanLoss l = GanLosses.byName(name);
            assertEquals(l.discriminatorLoss(col(REAL), col(FAKE)).item(), l.discriminatorLoss(flat, fakeFlat).item(), TOL, name);
            Variable realFlat = Variable.of(Tensor.fromArray(REAL.clone(), 2));
            assertEquals(l.generatorLoss(col(REAL), col(FAKE)).item(), l.generatorLoss(realFlat, fakeFlat).item(), TOL, name);
        }
    }

    /** No log of a sigmoid: at |logit| = 100 float sigmoid is exactly 0 or 1, but the losses stay exact. */
    @Test
    void crossEntropyIsStableAtExtremeLogits() {
        Variable g = col(-100f, -100f);
        Variable ns = new NonSaturating().generatorLoss(g);
        assertEquals(100.0, ns.item(), 1e-4);
        ns.backward();
        assertEquals(-0.5, g.grad().get(0, 0), 1e-6);
        Variable dl = new Minimax().discriminatorLoss(col(100f, 100f), col(-100f, -100f));
        assertEquals(0.0, dl.item(), 1e-6);
        Variable mm = col(100f, 100f);
        Variable m = new Minimax().generatorLoss(mm);
        assertEquals(-100.0, m.item(), 1e-4);
        m.backward();
        assertEquals(-0.5, mm.grad().get(0, 0), 1e-6);
        for (Divergence div : Divergence.values()) {
            FDivergence l = new FDivergence(div);
            for (float v : new float[] {-40f, 40f}) {
                Variable real = col(v, v);
                Variable fake = col(v, v);
                Variable loss = l.discriminatorLoss(real, fake).add(l.generatorLoss(fake));
                loss.backward();
                assertTrue(Float.isFinite(loss.item()), div + " at " + v);
                assertTrue(Float.isFinite(real.grad().get(0, 0)) && Float.isFinite(fake.grad().get(0, 0)), div + " grad at " + v);
            }
        }
    }

    @Test
    void valueEstimateIsMinusLog4WhenDIsAHalf() {
        Variable zeros = col(0f, 0f, 0f);
        assertEquals(-Math.log(4), new Minimax().estimate(zeros, zeros).orElseThrow(), TOL);
        assertEquals(-Math.log(4), new NonSaturating().estimate(zeros, zeros).orElseThrow(), TOL);
    }

    @Test
    void fganGanEqualsMinimaxAndItsPracticalFormEqualsNonSaturating() {
        FDivergence gan = new FDivergence(Divergence.GAN);
        assertEquals(new Minimax().discriminatorLoss(col(REAL), col(FAKE)).item(), gan.discriminatorLoss(col(REAL), col(FAKE)).item(), TOL);
        assertEquals(new Minimax().generatorLoss(col(FAKE)).item(), gan.generatorLoss(col(FAKE)).item(), TOL);
        FDivergence practical = new FDivergence(Divergence.GAN, FDivergence.GeneratorForm.PRACTICAL);
        assertEquals(new NonSaturating().generatorLoss(col(FAKE)).item(), practical.generatorLoss(col(FAKE)).item(), TOL);
        for (Divergence d : Divergence.values()) {
            FDivergence l = new FDivergence(d);
            assertEquals(-l.discriminatorLoss(col(REAL), col(FAKE)).item(), l.estimate(col(REAL), col(FAKE)).orElseThrow(), TOL, d.name());
        }
    }

    @Test
    void byNameRoundTripsAndRejectsUnknownNames() {
        List<String> names = GanLosses.names();
        assertEquals(15, names.size());
        for (String n : names) {
            assertEquals(n, GanLosses.byName(n).name());
        }
        assertEquals(new FDivergence(Divergence.REVERSE_KL), GanLosses.byName(" FGAN:Reverse_KL "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GanLosses.byName("wgan-gpx"));
        assertTrue(e.getMessage().contains("'wgan-gpx'") && e.getMessage().contains("hinge")
                && e.getMessage().contains("fgan:total_variation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GanLosses.byName("fgan:chi2"));
        assertTrue(e.getMessage().contains("'chi2'") && e.getMessage().contains("fgan:neyman"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Divergence.byName("hellinger"));
        assertTrue(e.getMessage().contains("'hellinger'") && e.getMessage().contains("squared_hellinger"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GanLosses.byName(null));
    }

    @Test
    void badScoresAreRejectedWithTheirShape() {
        GanLoss loss = new NonSaturating();
        Variable wide = Variable.of(Tensor.zeros(4, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.generatorLoss(wide));
        assertTrue(e.getMessage().contains("[4, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> loss.discriminatorLoss(Variable.of(Tensor.zeros(4, 1, 1)), col(1f)));
        assertTrue(e.getMessage().contains("[4, 1, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Wasserstein().generatorLoss(Variable.of(Tensor.scalar(1f))));
        assertTrue(e.getMessage().contains("[]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Hinge().discriminatorLoss(col(1f, 2f, 3f), col(1f, 2f)));
        assertTrue(e.getMessage().contains("3 vs 2"), e.getMessage());
        for (String n : GanLosses.names()) {
            assertThrows(IllegalArgumentException.class, () -> GanLosses.byName(n).discriminatorLoss(col(REAL), col(1f)), n);
            assertThrows(IllegalArgumentException.class, () -> GanLosses.byName(n).generatorLoss(wide), n);
        }
    }

    @Test
    void labelsSmoothAndFlipReproducibly() {
        Tensor smooth = Labels.oneSidedSmoothing(0.9f).targets(true, 3, 1);
        assertEquals(0.9f, smooth.get(2, 0));
        assertEquals(0f, Labels.oneSidedSmoothing(0.9f).targets(false, 3).get(0));
        // flip probability 1 swaps the targets: the loss equals the one with real and fake exchanged
        Labels always = Labels.hard().withFlips(1.0, new Rng(1));
        double flipped = new Minimax(always).discriminatorLoss(col(REAL), col(FAKE)).item();
        assertEquals(new Minimax().discriminatorLoss(col(FAKE), col(REAL)).item(), flipped, TOL);
        // a seeded flip pattern repeats, and its frequency is the probability
        Tensor a = Labels.hard().withFlips(0.3, new Rng(7)).targets(true, 10000);
        Tensor b = Labels.hard().withFlips(0.3, new Rng(7)).targets(true, 10000);
        assertTrue(java.util.Arrays.equals(a.toArray(), b.toArray()));
        double ones = 0;
        for (float x : a.toArray()) {
            ones += x;
        }
        assertEquals(0.7, ones / 10000, 0.015);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Labels.oneSidedSmoothing(1.5f));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Labels.hard().withFlips(0.1, null));
        assertTrue(e.getMessage().contains("0.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Labels.hard().withFlips(-0.1, new Rng(1)));
    }

    @Test
    void smoothedLabelsGiveTheCrossEntropyAgainst09() {
        double expected = (0.9 * sp(-0) + 0.1 * sp(0) + 0.9 * sp(-2) + 0.1 * sp(2)) / 2 + (sp(-1) + sp(1)) / 2;
        assertEquals(expected, new NonSaturating(Labels.oneSidedSmoothing(0.9f)).discriminatorLoss(col(REAL), col(FAKE)).item(), TOL);
    }
}
