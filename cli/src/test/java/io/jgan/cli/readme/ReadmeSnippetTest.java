package io.jgan.cli.readme;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snippet mechanism itself: extraction, the visible size substitution, and errors placed at README lines. */
class ReadmeSnippetTest {
    private static final String README = String.join("\n",
            "# Title",                                   // 1
            "```bash",                                   // 2
            "./jgan train",                              // 3
            "```",                                       // 4
            "```java",                                   // 5
            "import io.jgan.tensor.Rng;",                // 6
            "long steps = 2000;   // the README test uses 3", // 7
            "System.out.println(steps);",                // 8
            "```",                                       // 9
            "```java",                                   // 10
            "int x = undefinedThing;",                   // 11
            "```", "");

    @TempDir
    Path tmp;

    @Test
    void extractsJavaBlocksWithTheirLines() {
        List<ReadmeSnippet> s = ReadmeSnippet.extract(README);
        assertEquals(2, s.size());
        assertEquals(6, s.get(0).line());
        assertEquals(11, s.get(1).line());
        assertEquals(List.of("README.md:7: 2000 -> 3"), s.get(0).substitutions());
        String program = s.get(0).program(List.of("java.util.*"));
        assertTrue(program.contains("long steps = 3;"), program);
        assertTrue(program.startsWith("import java.util.*;\nimport io.jgan.tensor.Rng;"), program);
        assertThrows(IllegalArgumentException.class, () -> ReadmeSnippet.extract("```java\nint a = 1;\n"));
        assertThrows(IllegalArgumentException.class,
                () -> new ReadmeSnippet(1, "for (int i = 0; i < 5; i++) { } // the README test uses 1").substitutions());
    }

    @Test
    void compilesRunsAndPlacesErrorsAtReadmeLines() throws Exception {
        List<ReadmeSnippet> s = ReadmeSnippet.extract(README);
        SnippetRunner runner = new SnippetRunner(System.getProperty("java.class.path"));
        assertEquals(List.of(), runner.compile(s.get(0), tmp));
        SnippetRunner.Outcome o = runner.run(s.get(0), tmp, tmp);
        assertEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().strip().endsWith("3"), o.output()); // the substituted value ran
        List<String> errors = runner.compile(s.get(1), tmp);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("README.md:11: error: cannot find symbol"), errors.get(0));
    }
}
