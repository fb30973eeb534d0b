package io.jgan.losses;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the shared PyTorch fixtures for this module's tests. */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * @return {@code jgan.fixtures}, else {@code jgan.shared}/fixtures/torch (surefire sets it),
     *         else the first {@code shared/fixtures/torch} above the working directory
     */
    static Path dir() {
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
}
