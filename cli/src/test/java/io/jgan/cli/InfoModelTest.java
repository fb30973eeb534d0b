package io.jgan.cli;

import io.jgan.tensor.Backend;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code jgan info --model}: the convolution plan of a model's layers. */
class InfoModelTest {
    /** @return the table row of a layer, split into cells */
    private static List<String> row(Cli r, String layer) {
        String line = r.outLines().stream().filter(l -> l.trim().startsWith(layer + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + layer + " in\n" + r.out()));
        return List.of(line.trim().split("\\s{2,}"));
    }

    @Test
    void defaultDcganListsEachConvolutionWithItsAlgorithmPerPass() {
        Cli r = Cli.run("info", "--model", "dcgan");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("convolutions of --model dcgan on mnist (1x28x28), batch 64"), r.out());
        String fewchDw = Backend.simd() ? (14 <= Backend.lanes() ? "fewch-direct" : "im2col-gemm") : "scalar-direct";
        String fewch = Backend.simd() ? "fewch-direct" : "scalar-direct";
        String gemm = Backend.simd() ? "im2col-gemm" : "scalar-direct";
        assertEquals(List.of("G.net.0", "convTranspose2d", "64x128x7x7 * 128x64x4x4 s2 p1 -> 64x64x14x14", gemm, gemm, gemm),
                row(r, "G.net.0"));
        assertEquals(List.of("G.net.3", "convTranspose2d", "64x64x14x14 * 64x1x4x4 s2 p1 -> 64x1x28x28", fewch, fewch, fewchDw),
                row(r, "G.net.3"));
        assertEquals(List.of("D.net.0", "conv2d", "64x1x28x28 * 64x1x4x4 s2 p1 -> 64x64x14x14", fewch, fewch, fewchDw),
                row(r, "D.net.0"));
        assertEquals(List.of("D.net.2", "conv2d", "64x64x14x14 * 128x64x4x4 s2 p1 -> 64x128x7x7", gemm, gemm, gemm),
                row(r, "D.net.2"));
        assertTrue(r.out().contains("im2col-gemm: "), "the legend names every algorithm\n" + r.out());
        assertTrue(r.err().isEmpty(), r.err());
    }

    @Test
    void cifarShapesAndBatchSizeAreUsed() {
        Cli r = Cli.run("info", "--model", "dcgan", "--dataset", "cifar10", "--batch-size", "8");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("on cifar10 (3x32x32), batch 8"), r.out());
        assertTrue(row(r, "D.net.0").get(2).startsWith("8x3x32x32 * 64x3x4x4 s2 p1"), r.out());
        assertEquals("convTranspose2d", row(r, "G.net.0").get(1));
    }

    @Test
    void kerasDcganKeepsItsOutputPaddingAndTakesWinograd() {
        assumeTrue(Backend.simd() && (Backend.lanes() == 8 || Backend.lanes() == 16), "Winograd needs 8 or 16 SIMD lanes");
        Cli r = Cli.run("info", "--model", "dcgan-keras");
        assertEquals(0, r.code(), r.toString());
        String poly = "polyphase-f4x4-3x3", wino = "winograd-f4x4-5x5";
        assertEquals(List.of("G.net.2", "convTranspose2d", "64x256x7x7 * 256x128x5x5 s1 p2 -> 64x128x7x7", wino, wino, wino),
                row(r, "G.net.2"));
        assertEquals(List.of("G.net.5", "convTranspose2d", "64x128x7x7 * 128x64x5x5 s2 p2 -> 64x64x14x14", poly, poly, poly),
                row(r, "G.net.5"));
        assertEquals(List.of("D.net.3", "conv2d", "64x64x14x14 * 128x64x5x5 s2 p2 -> 64x128x7x7", poly, poly, poly),
                row(r, "D.net.3"));
    }

    @Test
    void folderImagesTakeTheGivenSize() {
        Cli r = Cli.run("info", "--model", "dcgan", "--dataset", "folder", "--image-size", "64", "--batch-size", "4");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("on folder (3x64x64), batch 4"), r.out());
        assertTrue(row(r, "D.net.0").get(2).startsWith("4x3x64x64 * 64x3x4x4 s2 p1"), r.out());
    }

    @Test
    void modelsWithoutConvolutionsSaySo() {
        Cli r = Cli.run("info", "--model", "toy");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("on ring8 (2-D points)") && r.out().contains("(none: this model has no convolutions)"), r.out());
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        for (String[] args : List.of(new String[] {"info", "--model", "nope"}, new String[] {"info", "--model", "dcgan", "--dataset", "folder"},
                new String[] {"info", "--model", "dcgan", "--dataset", "cifar10", "--image-size", "64"},
                new String[] {"info", "--model", "dcgan", "--dataset", "imagenet"}, new String[] {"info", "--batch-size", "64"},
                new String[] {"info", "--dataset", "cifar10"}, new String[] {"info", "--model", "dcgan", "--batch-size", "0"},
                new String[] {"info", "--model", "dcgan-keras", "--dataset", "cifar10"})) {
            Cli r = Cli.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r);
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.out().isEmpty(), "nothing printed before the error: " + r.out());
        }
    }
}
