package io.jgan.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the shared fixtures directory for this package's tests. */
final class SharedFiles {
    private SharedFiles() {}

    /** @return {@code -Djgan.shared} (surefire sets it), else the first {@code shared/} above the working directory */
    static Path shared() {
        String prop = System.getProperty("jgan.shared");
        if (prop != null && Files.isDirectory(Paths.get(prop))) {
            return Paths.get(prop);
        }
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared").resolve("fixtures"))) {
                return p.resolve("shared");
            }
        }
        throw new IllegalStateException("no shared directory: set -Djgan.shared=DIR");
    }
}
