package io.jgan.eval;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.Safetensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FID and KID against numpy/scipy on the shared fixture (f1 [600, 32], f2 [500, 32]; FID with
 * {@code np.cov} ddof 1 and {@code scipy.linalg.sqrtm}; KID unbiased, cubic kernel, gamma 1/d, coef0 1).
 */
class FidKidReferenceTest {
    private static Tensor f1;
    private static Tensor f2;
    private static double fid;
    private static double kidFull;

    @BeforeAll
    static void load() throws IOException {
        Safetensors.Contents c = Safetensors.read(SharedFiles.shared().resolve("fixtures/metrics/fid_reference.safetensors"));
        f1 = c.tensors().get("f1");
        f2 = c.tensors().get("f2");
        fid = Double.parseDouble(c.metadata().get("fid"));
        kidFull = Double.parseDouble(c.metadata().get("kid_full"));
    }

    @Test
    void fidMatchesScipy() {
        double got = Fid.compute(f1, f2);
        System.out.printf("FID jgan %.12f vs scipy %.12f (relative %.2e)%n", got, fid, Math.abs(got - fid) / fid);
        assertEquals(fid, got, 1e-3 * fid, "FID " + got + " vs scipy " + fid);
    }

    @Test
    void fidIsSymmetricAndZeroOnItself() {
        assertEquals(Fid.compute(f1, f2), Fid.compute(f2, f1), 1e-9 * fid);
        assertEquals(0, Fid.compute(f1, f1), 1e-9);
    }

    @Test
    void kidOnTheFullSetsMatchesNumpy() {
        double got = Kid.mmd2(f1, f2);
        System.out.printf("KID jgan %.12f vs numpy %.12f (relative %.2e)%n", got, kidFull, Math.abs(got - kidFull) / kidFull);
        assertEquals(kidFull, got, 1e-3 * kidFull, "KID " + got + " vs numpy " + kidFull);
    }

    @Test
    void kidSubsetsAverageNearTheFullEstimate() {
        // Every subset estimate is unbiased for the same MMD^2, so their mean sits within a few
        // standard errors of the full-set value.
        Kid.Result r = Kid.compute(f1, f2, 50, 300, new Rng(3));
        assertEquals(300, r.subsetSize());
        assertTrue(r.std() > 0);
        assertEquals(kidFull, r.mean(), 4 * r.std() / Math.sqrt(50) + 1e-9, "subset KID " + r);
    }
}
