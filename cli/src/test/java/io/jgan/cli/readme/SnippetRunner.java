package io.jgan.cli.readme;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Compiles README snippets in-process (javax.tools, against the test's class path, which holds
 * every jgan module) and runs each in a JVM of its own whose working directory is an empty
 * directory, so that relative paths in a snippet ({@code Path.of("runs/api")}) behave as for a user
 * and nothing lands in the source tree.
 */
public final class SnippetRunner {
    /** A snippet runs longer than this only if it trains at full size: mark its sizes instead. */
    static final long TIME_LIMIT_SECONDS = 180;
    /** Imports every snippet gets besides its own: java.util, java.util.function, java.nio.file and every io.jgan API package. */
    private final List<String> prelude;
    private final String classPath;

    /** @param classPath the class path holding the jgan modules and their dependencies */
    public SnippetRunner(String classPath) {
        this.classPath = classPath;
        this.prelude = preludeFor(classPath);
    }

    /** @return the prelude imports, e.g. {@code io.jgan.tensor.*} */
    public List<String> prelude() {
        return prelude;
    }

    /** The on-demand imports of java.util, java.util.function, java.nio.file and the packages jgan's modules export. */
    private static List<String> preludeFor(String classPath) {
        TreeSet<String> packages = new TreeSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank() || !Files.exists(Path.of(entry))) {
                continue;
            }
            try {
                for (ModuleReference ref : ModuleFinder.of(Path.of(entry)).findAll()) {
                    ModuleDescriptor d = ref.descriptor();
                    if (d.name().startsWith("io.jgan") && !d.isAutomatic()) {
                        d.exports().stream().filter(e -> !e.isQualified()).forEach(e -> packages.add(e.source()));
                    }
                }
            } catch (RuntimeException notAModule) {
                // a plain jar whose name makes no automatic module: not jgan's
            }
        }
        if (packages.size() < 5) {
            throw new IllegalStateException("found only " + packages + " exported by io.jgan modules on the class path " + classPath);
        }
        List<String> out = new ArrayList<>(List.of("java.util.*", "java.util.function.*", "java.nio.file.*"));
        packages.forEach(p -> out.add(p + ".*"));
        return List.copyOf(out);
    }

    /**
     * Compiles one snippet into {@code classes} (one at a time: javac writes no class at all when
     * any unit of a task fails).
     *
     * @param snippet the snippet
     * @param classes the output directory
     * @return the compiler's errors and deprecation warnings at their README lines (empty when it compiled cleanly)
     */
    public List<String> compile(ReadmeSnippet snippet, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String program = snippet.program(prelude);
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + snippet.className() + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return program;
            }
        };
        List<String> options = List.of("-d", classes.toString(), "-cp", classPath, "--add-modules", "jdk.incubator.vector",
                "-proc:none", "-Xlint:deprecation");
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            javac.getTask(null, files, diagnostics, options, null, List.of(source)).call();
        }
        List<String> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            boolean deprecation = d.getCode() != null && d.getCode().contains("deprecated");
            if (d.getKind() != Diagnostic.Kind.ERROR && !deprecation) {
                continue; // e.g. the incubator module's warning
            }
            String where = d.getSource() == null ? "README.md" : "README.md:" + (d.getLineNumber() + snippet.lineOffset(prelude));
            problems.add(where + ": " + d.getKind().toString().toLowerCase(Locale.ROOT) + ": " + d.getMessage(Locale.ROOT));
        }
        return problems;
    }

    /**
     * Runs one compiled snippet in a new JVM.
     *
     * @param snippet the snippet
     * @param classes where {@link #compile} put it
     * @param workDir the JVM's working directory
     * @return its exit code and output (stdout and stderr interleaved)
     */
    public Outcome run(ReadmeSnippet snippet, Path classes, Path workDir) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = workDir.resolve(".snippet-output.txt");
        // the same pool check as every test: a tensor used after its scope closes reads NaN
        Process p = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector", "-Xmx2g",
                "-Djgan.pool.poison=true", "-cp", classes + File.pathSeparator + classPath, snippet.className())
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Outcome(-1, Files.readString(log) + "\n[killed after " + TIME_LIMIT_SECONDS + " s: a snippet that trains"
                    + " must mark its sizes, e.g. 'long steps = 2000; // the README test uses 3']");
        }
        return new Outcome(p.exitValue(), Files.readString(log));
    }

    /**
     * @param exitCode the JVM's exit code (-1 if killed)
     * @param output what it printed
     */
    public record Outcome(int exitCode, String output) {}
}
