package io.jgan.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/stale.sh, which decides whether ./jgan rebuilds: only the main sources and poms of the modules
 * the cli is built from count, never tests, benchmarks or generated files (which used to make every
 * ./jgan after a whole-reactor build rebuild). Runs the real script on a scratch tree whose
 * cli/pom.xml is the real one.
 */
class StaleCheckTest {
    private static final Instant BUILT = Instant.parse("2026-01-01T12:00:00Z");

    @TempDir
    Path tree;

    @BeforeEach
    void scratchTreeBuiltAfterEverySource() throws Exception {
        Files.createDirectories(tree.resolve("cli"));
        Files.copy(Shell.root().resolve("cli/pom.xml"), tree.resolve("cli/pom.xml"));
        write("pom.xml");
        touch("cli/pom.xml", BUILT.minusSeconds(3600));
        for (String m : cliModules()) {
            if (!m.equals("cli")) {
                write(m + "/pom.xml");
            }
            write(m + "/src/main/java/io/jgan/X.java");
            write(m + "/src/test/java/io/jgan/XTest.java");
            write(m + "/target/classes/io/jgan/X.class");
        }
        write("benchmarks/src/main/java/io/jgan/benchmarks/B.java");
        write("benchmarks/target/generated-sources/annotations/B_jmhTest.java");
        write("cli/src/main/resources/io/jgan/cli/r.txt");
        write("cli/target/jgan-build.stamp");
        touch("cli/target/jgan-build.stamp", BUILT);
    }

    @Test
    void upToDateAfterABuild() throws Exception {
        assertEquals("", stale());
    }

    @Test
    void benchmarksTestsAndBuildOutputNeverMakeItStale() throws Exception {
        Instant later = BUILT.plusSeconds(60);
        touch("benchmarks/src/main/java/io/jgan/benchmarks/B.java", later);
        touch("benchmarks/target/generated-sources/annotations/B_jmhTest.java", later);
        for (String m : cliModules()) {
            touch(m + "/src/test/java/io/jgan/XTest.java", later);
            touch(m + "/target/classes/io/jgan/X.class", later);
        }
        assertEquals("", stale());
    }

    @Test
    void aMainSourceOrPomOfACliModuleMakesItStale() throws Exception {
        List<String> inputs = new ArrayList<>(List.of("pom.xml", "cli/src/main/resources/io/jgan/cli/r.txt"));
        for (String m : cliModules()) {
            inputs.add(m + "/pom.xml");
            inputs.add(m + "/src/main/java/io/jgan/X.java");
        }
        for (String input : inputs) {
            touch(input, BUILT.plusSeconds(60));
            assertEquals(tree.resolve(input).toString(), stale(), input);
            touch(input, BUILT.minusSeconds(60));
        }
    }

    @Test
    void noStampMeansNoBuildYet() throws Exception {
        Files.delete(tree.resolve("cli/target/jgan-build.stamp"));
        assertTrue(stale().startsWith("no build yet"), stale());
    }

    @Test
    void theModulesReadFromTheCliPomAreItsJganDependencies() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Shell.root().resolve("cli/pom.xml").toFile());
        TreeSet<String> expected = new TreeSet<>(List.of("cli"));
        NodeList deps = doc.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if (d.getElementsByTagName("groupId").item(0).getTextContent().equals("io.jgan")) {
                expected.add(d.getElementsByTagName("artifactId").item(0).getTextContent());
            }
        }
        assertTrue(expected.size() > 5, expected.toString());
        assertEquals(expected, new TreeSet<>(cliModules()));
        for (String m : expected) {
            assertTrue(Files.isDirectory(Shell.root().resolve(m + "/src/main")), m);
        }
    }

    private List<String> cliModules() throws Exception {
        Shell.Result r = script("jgan_cli_modules \"$2\"", Shell.root());
        assertEquals(0, r.code(), r.toString());
        return r.out().lines().toList();
    }

    private String stale() throws Exception {
        Shell.Result r = script("jgan_stale_source \"$2\"", tree);
        assertEquals(0, r.code(), r.toString());
        return r.out().strip();
    }

    private static Shell.Result script(String call, Path arg) throws Exception {
        return Shell.run(Shell.root(), env -> { }, List.of("bash", "-c", ". \"$1/bin/stale.sh\" && " + call, "_",
                Shell.root().toString(), arg.toString()));
    }

    private void write(String file) throws Exception {
        Path p = tree.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, file);
        touch(file, BUILT.minusSeconds(3600));
    }

    private void touch(String file, Instant t) throws Exception {
        Files.setLastModifiedTime(tree.resolve(file), FileTime.from(t));
    }
}
