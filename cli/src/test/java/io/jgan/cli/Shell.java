package io.jgan.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Runs the project's shell scripts (launchers, bin/*.sh) as a user's shell would, for tests. */
final class Shell {
    private Shell() {}

    /** What a process printed, its exit code and how long it ran. */
    record Result(int code, String out, String err, double seconds) {
        @Override
        public String toString() {
            return "exit " + code + " after " + seconds + " s\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** @return the project root (the directory holding ./jgan), from -Djgan.root or the module's parent */
    static Path root() {
        String r = System.getProperty("jgan.root");
        return (r != null ? Path.of(r) : Path.of("").toAbsolutePath().getParent()).toAbsolutePath().normalize();
    }

    /**
     * @param cwd the working directory
     * @param env changes to this process's environment
     * @param command the command and its arguments
     * @return the result; a process still running after 5 minutes is killed and fails the caller
     */
    static Result run(Path cwd, Consumer<Map<String, String>> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        env.accept(pb.environment());
        Path out = Files.createTempFile("jgan-shell", ".out");
        Path err = Files.createTempFile("jgan-shell", ".err");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(command + " still running after 5 minutes");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), seconds);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * A directory to use as PATH that holds every command of this process's PATH except Maven's
     * ({@code mvn*}), as symbolic links, first one found winning as on the real PATH: "mvn removed
     * from PATH" without removing /usr/bin's other commands.
     *
     * @param dir an empty directory to fill
     * @return dir
     */
    static Path pathWithoutMaven(Path dir) throws IOException {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path d = Path.of(entry.isEmpty() ? "." : entry);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    Path link = dir.resolve(name);
                    if (name.startsWith("mvn") || Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            || !Files.isExecutable(f) || Files.isDirectory(f)) {
                        continue;
                    }
                    Files.createSymbolicLink(link, f.toAbsolutePath());
                }
            } catch (java.nio.file.AccessDeniedException e) {
                // an unreadable PATH entry is skipped, as the shell would find nothing there either
            }
        }
        return dir;
    }
}
