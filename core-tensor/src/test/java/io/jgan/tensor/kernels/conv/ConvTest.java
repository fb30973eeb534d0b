package io.jgan.tensor.kernels.conv;

import static io.jgan.tensor.kernels.gemm.Close.assertClose;
import static io.jgan.tensor.kernels.gemm.Close.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgan.tensor.Parallel;
import io.jgan.tensor.kernels.gemm.Gemms;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The im2col + GEMM convolution against the direct loops, and the adjoint identities. */
class ConvTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    /** Geometries covering stride, padding, non-square kernels, uneven groups and tiny outputs. */
    static final List<ConvGeometry> GEOMETRIES = List.of(
            ConvGeometry.of(2, 3, 9, 9, 4, 3, 1, 1),
            ConvGeometry.of(3, 2, 12, 12, 5, 5, 2, 2),
            ConvGeometry.of(17, 4, 8, 8, 6, 4, 2, 1),     // 17 images: groups of 2, the last short
            new ConvGeometry(5, 3, 11, 7, 7, 3, 2, 2, 1, 0, 2), // rectangular everything
            ConvGeometry.of(9, 1, 28, 28, 16, 5, 2, 2),
            ConvGeometry.of(4, 16, 7, 7, 33, 5, 2, 2),
            ConvGeometry.of(2, 5, 6, 6, 3, 1, 1, 0),      // 1x1 kernel
            ConvGeometry.of(3, 2, 5, 5, 2, 5, 3, 0),      // kernel = image, output 1x1
            ConvGeometry.of(1, 3, 10, 10, 4, 3, 3, 1),    // stride larger than the valid overlap
            ConvGeometry.of(16, 3, 6, 6, 130, 3, 1, 1),   // cout > one micro-kernel panel
            ConvGeometry.of(2, 70, 6, 6, 5, 4, 2, 1),     // patch 1120 > one GEMM k block
            ConvGeometry.of(1, 1, 40, 40, 3, 3, 1, 1));   // 1600 pixels > one k block of the weight gradient

    private static final Conv[] FAST = {Convs.gemm(), new GemmConv(Gemms.scalar())};

    @Test
    void forwardMatchesDirectLoops() {
        Random rnd = new Random(1);
        for (ConvGeometry g : GEOMETRIES) {
            float[] x = random(rnd, g.n() * g.inImage() + 3);
            float[] w = random(rnd, g.weightSize() + 2);
            float[] b = random(rnd, g.cout() + 1);
            float[] want = new float[g.n() * g.outImage() + 4];
            DirectConv.INSTANCE.forward(g, x, 3, w, 2, b, 1, want, 4);
            for (Conv c : FAST) {
                float[] got = random(rnd, want.length); // garbage must be overwritten
                System.arraycopy(want, 0, got, 0, 4);
                c.forward(g, x, 3, w, 2, b, 1, got, 4);
                assertClose(want, got, 1e-5, c.name() + " forward " + g);
            }
        }
    }

    @Test
    void inputGradMatchesDirectLoops() {
        Random rnd = new Random(2);
        for (ConvGeometry g : GEOMETRIES) {
            float[] gy = random(rnd, g.n() * g.outImage());
            float[] w = random(rnd, g.weightSize());
            float[] want = new float[g.n() * g.inImage()];
            DirectConv.INSTANCE.inputGrad(g, gy, 0, w, 0, want, 0);
            for (Conv c : FAST) {
                float[] got = random(rnd, want.length);
                c.inputGrad(g, gy, 0, w, 0, got, 0);
                assertClose(want, got, 1e-5, c.name() + " inputGrad " + g);
            }
        }
    }

    @Test
    void weightAndBiasGradMatchDirectLoops() {
        Random rnd = new Random(3);
        for (ConvGeometry g : GEOMETRIES) {
            float[] x = random(rnd, g.n() * g.inImage());
            float[] gy = random(rnd, g.n() * g.outImage());
            float[] want = new float[g.weightSize()];
            DirectConv.INSTANCE.weightGrad(g, x, 0, gy, 0, want, 0);
            float[] wantB = new float[g.cout()];
            DirectConv.INSTANCE.biasGrad(g.n(), g.cout(), g.outPixels(), gy, 0, wantB, 0);
            for (Conv c : FAST) {
                float[] got = random(rnd, want.length);
                c.weightGrad(g, x, 0, gy, 0, got, 0);
                assertClose(want, got, 1e-5, c.name() + " weightGrad " + g);
                float[] gotB = random(rnd, wantB.length);
                c.biasGrad(g.n(), g.cout(), g.outPixels(), gy, 0, gotB, 0);
                assertClose(wantB, gotB, 1e-5, c.name() + " biasGrad " + g);
            }
        }
    }

    @Test
    void gradientsAreAdjointsOfTheForwardPass() {
        // <conv(x, w), gy> = <x, inputGrad(gy, w)> = <w, weightGrad(x, gy)>
        Random rnd = new Random(4);
        for (ConvGeometry g : GEOMETRIES) {
            float[] x = random(rnd, g.n() * g.inImage());
            float[] w = random(rnd, g.weightSize());
            float[] gy = random(rnd, g.n() * g.outImage());
            float[] y = new float[gy.length];
            float[] dx = new float[x.length];
            float[] dw = new float[w.length];
            Conv c = Convs.gemm();
            c.forward(g, x, 0, w, 0, null, 0, y, 0);
            c.inputGrad(g, gy, 0, w, 0, dx, 0);
            c.weightGrad(g, x, 0, gy, 0, dw, 0);
            double a = dot(y, gy), b = dot(x, dx), d = dot(w, dw);
            double tol = 1e-4 * (Math.sqrt(dot(y, y) * dot(gy, gy)) + 1);
            assertEquals(a, b, tol, "inputGrad adjoint " + g);
            assertEquals(a, d, tol, "weightGrad adjoint " + g);
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void oneAndTwoThreadsAreBitIdentical() {
        Random rnd = new Random(5);
        for (ConvGeometry g : List.of(ConvGeometry.of(16, 8, 14, 14, 16, 5, 2, 2), ConvGeometry.of(3, 16, 16, 16, 8, 4, 2, 1))) {
            float[] x = random(rnd, g.n() * g.inImage());
            float[] w = random(rnd, g.weightSize());
            float[] gy = random(rnd, g.n() * g.outImage());
            float[][] res = new float[2][];
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                float[] y = new float[gy.length], dx = new float[x.length], dw = new float[w.length], db = new float[g.cout()];
                Convs.gemm().forward(g, x, 0, w, 0, db, 0, y, 0);
                Convs.gemm().inputGrad(g, gy, 0, w, 0, dx, 0);
                Convs.gemm().weightGrad(g, x, 0, gy, 0, dw, 0);
                Convs.gemm().biasGrad(g.n(), g.cout(), g.outPixels(), gy, 0, db, 0);
                float[] all = new float[y.length + dx.length + dw.length + db.length];
                System.arraycopy(y, 0, all, 0, y.length);
                System.arraycopy(dx, 0, all, y.length, dx.length);
                System.arraycopy(dw, 0, all, y.length + dx.length, dw.length);
                System.arraycopy(db, 0, all, y.length + dx.length + dw.length, db.length);
                res[t - 1] = all;
            }
            assertArrayEquals(res[0], res[1], g.toString());
        }
    }

    @Test
    void geometryIsValidated() {
        ConvGeometry g = ConvGeometry.of(64, 64, 14, 14, 128, 5, 2, 2);
        assertEquals(7, g.ho());
        assertEquals(1600, g.patch());
        assertThrows(IllegalArgumentException.class, () -> ConvGeometry.of(1, 1, 3, 3, 1, 5, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> ConvGeometry.of(1, 1, 3, 3, 1, 3, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ConvGeometry.of(1, 1, 3, 3, 1, 3, 1, -1));
    }
}
