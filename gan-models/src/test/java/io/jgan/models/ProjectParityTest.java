package io.jgan.models;

import io.jgan.autograd.fixtures.FixtureOps;
import io.jgan.autograd.fixtures.FixtureParityWalker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project-wide PyTorch parity walk: core-autograd's runners, gan-losses' and gan-models' (both
 * found through {@link java.util.ServiceLoader} on the test class path), over every fixture file,
 * with <em>no</em> pending ops: every case must run and match. Prints
 * {@code parity: N passed, 0 failed} with N the number of fixture files.
 */
public class ProjectParityTest {
    /**
     * @return the fixtures directory: {@code -Djgan.fixtures}, else {@code jgan.shared}/fixtures/torch,
     *         else the first {@code shared/fixtures/torch} above the working directory
     */
    public static Path fixturesDir() {
        String explicit = System.getProperty("jgan.fixtures");
        if (explicit != null && !explicit.isBlank()) {
            return Paths.get(explicit);
        }
        String shared = System.getProperty("jgan.shared");
        if (shared != null && Files.isDirectory(Paths.get(shared, "fixtures", "torch"))) {
            return Paths.get(shared, "fixtures", "torch");
        }
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("fixtures").resolve("torch");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no fixtures directory: set -Djgan.fixtures=DIR");
    }

    @Test
    void everyFixtureRunsAndMatchesPyTorch() throws IOException {
        Path dir = fixturesDir();
        long files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".safetensors")).count();
        }
        FixtureOps ops = FixtureOps.discover();
        FixtureParityWalker.Summary s = FixtureParityWalker.walk(dir, ops, Set.of());
        System.out.println(s.line());
        s.failures().forEach(f -> System.out.println("  FAILED " + f));
        assertEquals(List.of(), s.failures(), s.line());
        assertEquals(0, s.pendingCases(), s.line());
        assertTrue(files > 0, "no fixtures in " + dir);
        assertEquals(files, s.passed(), s.line());
    }
}
