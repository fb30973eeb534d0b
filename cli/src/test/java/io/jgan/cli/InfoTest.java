package io.jgan.cli;

import io.jgan.tensor.Backend;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jgan info}, {@code --version} and {@code --help}. */
class InfoTest {
    @Test
    void infoReportsJdkBackendAndCpu() {
        Cli r = Cli.run("info");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains(Runtime.version().toString()), r.out());
        assertTrue(r.out().contains(System.getProperty("java.home")), r.out());
        assertTrue(r.out().contains(Backend.lanes() + " float lanes"), r.out());
        assertTrue(r.out().contains("simd        " + (Backend.simd() ? "on" : "off")), r.out());
        assertTrue(r.out().contains("picocli " + picocli.CommandLine.VERSION), r.out());
        String flags = r.outLines().stream().filter(l -> l.startsWith("cpu flags")).findFirst().orElseThrow();
        assertFalse(flags.substring(9).isBlank(), flags);
        assertTrue(r.err().isEmpty(), r.err());
    }

    @Test
    void cpuFeaturesComeFromTheKnownList() {
        List<String> f = InfoCommand.cpuFeatures();
        assertFalse(f.isEmpty());
        for (String s : f) {
            assertTrue(InfoCommand.FEATURES.contains(s) || s.startsWith("("), s);
        }
    }

    @Test
    void versionAndHelp() {
        Cli v = Cli.run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("jgan "), v.out());
        Cli h = Cli.run("train", "--help");
        assertEquals(0, h.code());
        for (String opt : List.of("--model", "--loss", "--dataset", "--data-dir", "--steps", "--epochs", "--time-limit", "--batch-size",
                "--lr", "--lr-g", "--lr-d", "--beta1", "--beta2", "--optimizer", "--n-critic", "--critic-norm", "--gp-lambda",
                "--r1-gamma", "--clip", "--label-smoothing", "--ema", "--image-size", "--latent", "--seed", "--threads", "--out",
                "--resume", "--sample-every", "--checkpoint-every", "--config", "--quiet")) {
            assertTrue(h.out().contains(opt + " ") || h.out().contains(opt + "=") || h.out().contains(opt + "[="), "train --help lists " + opt);
        }
    }

    @Test
    void durations() {
        assertEquals(600, Durations.seconds("10m"));
        assertEquals(45, Durations.seconds("45s"));
        assertEquals(90, Durations.seconds("90"));
        assertEquals(7200, Durations.seconds("2h"));
        assertEquals(5400, Durations.seconds("1h30m"));
        for (String bad : List.of("", "m", "10x", "0", "1.5h", "10 m", "-5s", "5m10")) {
            assertThrowsConversion(bad);
        }
        assertEquals("4m05s", Durations.format(245));
    }

    private static void assertThrowsConversion(String s) {
        try {
            Durations.seconds(s);
        } catch (picocli.CommandLine.TypeConversionException e) {
            return;
        }
        throw new AssertionError("'" + s + "' accepted");
    }
}
