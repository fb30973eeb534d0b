package io.jgan.tensor;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code ../shared} (fixtures, data): the {@code jgan.shared} property, else walking up from the working directory. */
public final class SharedFiles {
    private SharedFiles() {}

    /** @return the shared directory */
    public static Path shared() {
        String p = System.getProperty("jgan.shared");
        if (p != null && Files.isDirectory(Path.of(p, "fixtures"))) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path c = dir.resolve("shared");
            if (Files.isDirectory(c.resolve("fixtures"))) {
                return c;
            }
            c = dir.resolveSibling("shared");
            if (Files.isDirectory(c.resolve("fixtures"))) {
                return c;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the shared directory (fixtures); set -Djgan.shared=DIR");
    }

    /** @return the PyTorch fixtures directory ({@code -Djgan.fixtures} overrides) */
    public static Path torchFixtures() {
        String p = System.getProperty("jgan.fixtures");
        return p != null ? Path.of(p) : shared().resolve("fixtures/torch");
    }
}
