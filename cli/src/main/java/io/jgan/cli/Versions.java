package io.jgan.cli;

import picocli.CommandLine;

import java.lang.module.ModuleDescriptor;
import java.util.Optional;

/**
 * Versions of jgan and its libraries, read from the module descriptors (module path) or the jar
 * manifests (class path), so {@code jgan --version} and {@code jgan info} never go stale.
 */
final class Versions {
    private Versions() {}

    /**
     * @param c a class of the library
     * @return its version, or "unknown"
     */
    static String of(Class<?> c) {
        Optional<String> fromModule = Optional.ofNullable(c.getModule().getDescriptor())
                .flatMap(ModuleDescriptor::rawVersion);
        if (fromModule.isPresent()) {
            return fromModule.get();
        }
        String impl = c.getPackage() != null ? c.getPackage().getImplementationVersion() : null;
        if (impl != null) {
            return impl;
        }
        // On the class path without manifest entries, the jar's file name still carries the version.
        try {
            var src = c.getProtectionDomain().getCodeSource();
            if (src != null) {
                String name = java.nio.file.Path.of(src.getLocation().toURI()).getFileName().toString();
                var m = java.util.regex.Pattern.compile("-(\\d[\\w.\\-]*)\\.jar$").matcher(name);
                if (m.find()) {
                    return m.group(1);
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall through: the version is informational only
        }
        return "unknown";
    }

    /** @return jgan's version */
    static String jgan() {
        return of(Versions.class);
    }

    /** picocli's {@code --version}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jgan " + jgan() + " (Java " + Runtime.version() + ", " + System.getProperty("java.vendor") + ")"};
        }
    }
}
