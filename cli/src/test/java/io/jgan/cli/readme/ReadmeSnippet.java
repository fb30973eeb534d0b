package io.jgan.cli.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of the README, and the program the test makes of it: the block's own
 * {@code import} lines, the prelude imports, then its statements as the body of {@code main}.
 *
 * <p>A snippet that trains stays honest at full size in the README and runs small in the test
 * through one visible convention: a line holding one statement {@code TYPE NAME = VALUE; // the README
 * test uses SMALL} is run as {@code TYPE NAME = SMALL;}. Every substitution is listed in {@link #substitutions()} and printed.
 *
 * @param line the README line of the block's first code line (1-based)
 * @param code the block's text, as in the README
 */
public record ReadmeSnippet(int line, String code) {
    /** The marker that makes the test run a smaller value than the README shows. */
    static final Pattern SMALLER = Pattern.compile(
            "^(?<head>[^;(]*?=\\s*)(?<value>[^;]+);(?<rest>\\s*)//\\s*the README test uses\\s+(?<small>.+?)\\s*$");
    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");

    /**
     * @param readme the README's text
     * @return its {@code ```java} blocks, in order
     * @throws IllegalArgumentException if a block is not closed
     */
    public static List<ReadmeSnippet> extract(String readme) {
        List<ReadmeSnippet> out = new ArrayList<>();
        String[] lines = readme.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            int start = i + 1;
            int end = start;
            while (end < lines.length && !lines[end].startsWith("```")) {
                end++;
            }
            if (end == lines.length) {
                throw new IllegalArgumentException("README.md:" + (i + 1) + ": code block never closed");
            }
            if (open.group(1).equals("java")) {
                out.add(new ReadmeSnippet(start + 1, String.join("\n", List.of(lines).subList(start, end))));
            }
            i = end;
        }
        return out;
    }

    /** @return the class the program of this snippet is compiled into */
    public String className() {
        return "ReadmeSnippetAtLine" + line;
    }

    /** @return "README.md:LINE -> small value" for each marked line, as the test runs it */
    public List<String> substitutions() {
        List<String> out = new ArrayList<>();
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = SMALLER.matcher(lines[i]);
            if (m.matches()) {
                out.add("README.md:" + (line + i) + ": " + m.group("value").trim() + " -> " + m.group("small"));
            } else if (lines[i].contains("the README test uses")) {
                throw new IllegalArgumentException("README.md:" + (line + i) + ": the README test can only shrink a"
                        + " 'NAME = VALUE;' line, not: " + lines[i].trim());
            }
        }
        return out;
    }

    /**
     * @param preludeImports import declarations added to every snippet (e.g. {@code "io.jgan.tensor.*"})
     * @return the compilation unit; its line {@code k + offset} is README line {@code line + k}
     *     (see {@link #lineOffset(List)})
     */
    public String program(List<String> preludeImports) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String l : code.split("\n", -1)) {
            Matcher m = SMALLER.matcher(l);
            String run = m.matches() ? m.group("head") + m.group("small") + ";" + m.group("rest") : l;
            // an import keeps its line in the body as a blank so that line numbers map back to the README
            if (l.startsWith("import ")) {
                imports.append(l.trim()).append(' ');
                body.append('\n');
            } else {
                body.append(run).append('\n');
            }
        }
        StringBuilder src = new StringBuilder();
        for (String p : preludeImports) {
            src.append("import ").append(p).append(";\n");
        }
        src.append(imports).append('\n');
        src.append("public final class ").append(className()).append(" {\n");
        src.append("public static void main(String[] args) throws Exception {\n");
        src.append(body);
        src.append("}\n}\n");
        return src.toString();
    }

    /** @param preludeImports as for {@link #program} @return README line = compiler line + this */
    public long lineOffset(List<String> preludeImports) {
        return line - (preludeImports.size() + 4L);
    }
}
