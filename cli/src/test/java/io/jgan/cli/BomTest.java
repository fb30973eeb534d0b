package io.jgan.cli;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * bom/pom.xml (jgan-bom) has no parent, so nothing keeps it in step with the reactor but this: it
 * manages every published module (all but the benchmarks and itself) at the parent's version.
 */
class BomTest {
    @Test
    void bomListsEveryPublishedModuleAtTheReactorVersion() throws Exception {
        Document parent = parse(Shell.root().resolve("pom.xml"));
        Document bom = parse(Shell.root().resolve("bom/pom.xml"));
        assertEquals(child(parent.getDocumentElement(), "version"), child(bom.getDocumentElement(), "version"));

        TreeSet<String> published = new TreeSet<>();
        NodeList modules = parent.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String dir = modules.item(i).getTextContent();
            if (!dir.equals("bom") && !dir.equals("benchmarks")) {
                published.add(child(parse(Shell.root().resolve(dir + "/pom.xml")).getDocumentElement(), "artifactId"));
            }
        }
        List<String> managed = new ArrayList<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertEquals("io.jgan", child(d, "groupId"));
            assertEquals("${project.version}", child(d, "version"));
            managed.add(child(d, "artifactId"));
        }
        assertEquals(published, new TreeSet<>(managed));
        assertEquals(managed.size(), published.size(), "no module listed twice: " + managed);
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** @return the text of the direct child element {@code name} of {@code e} */
    private static String child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().strip();
            }
        }
        throw new AssertionError("<" + e.getTagName() + "> has no <" + name + ">");
    }
}
