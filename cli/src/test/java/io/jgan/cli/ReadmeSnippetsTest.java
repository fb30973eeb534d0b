package io.jgan.cli;

import io.jgan.cli.readme.ReadmeSnippet;
import io.jgan.cli.readme.SnippetRunner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code ```java} block of the project README compiles (errors and deprecation warnings both
 * fail, reported at their README line) and runs to a zero exit, each in a fresh JVM in an empty
 * directory. Snippets may leave out imports of java.util, java.util.function, java.nio.file and
 * the io.jgan packages (the prelude); a training snippet marks the sizes the test shrinks with
 * {@code // the README test uses N}, and the test prints each substitution it makes.
 */
class ReadmeSnippetsTest {
    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> everyJavaSnippetCompilesAndRuns() throws IOException {
        Path readme = readme();
        List<ReadmeSnippet> snippets = ReadmeSnippet.extract(Files.readString(readme));
        assertTrue(snippets.size() >= 5, "only " + snippets.size() + " java blocks found in " + readme);
        SnippetRunner runner = new SnippetRunner(System.getProperty("java.class.path"));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        List<DynamicTest> tests = new ArrayList<>();
        for (ReadmeSnippet s : snippets) {
            tests.add(DynamicTest.dynamicTest("README.md:" + s.line(), () -> {
                String at = "README.md:" + s.line();
                assertEquals(List.of(), runner.compile(s, classes), at + " does not compile cleanly");
                s.substitutions().forEach(sub -> System.out.println("README test runs smaller: " + sub));
                Path work = Files.createDirectories(tmp.resolve("run-" + s.line()));
                SnippetRunner.Outcome o = runner.run(s, classes, work);
                System.out.println(at + " printed:\n" + o.output().strip());
                assertEquals(0, o.exitCode(), at + " failed:\n" + o.output());
            }));
        }
        return tests;
    }

    /** @return the project README: the first README.md above the working directory next to the parent pom */
    static Path readme() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isRegularFile(p.resolve("cli").resolve("pom.xml"))) {
                return p.resolve("README.md");
            }
        }
        throw new IllegalStateException("no project README.md above " + Path.of("").toAbsolutePath());
    }
}
