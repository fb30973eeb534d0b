package io.jgan.cli.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/** Pieces every page shares: escaping, the inlined stylesheet and script, image addresses. */
final class Html {
    /** No request leaves the page: images from the page's own directory or inline, style and script inline. */
    static final String CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

    private Html() {}

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * @param json JSON text
     * @return it, safe inside a script element ({@code </script>} and comment openers cannot occur)
     */
    static String scriptSafe(String json) {
        return json.replace("</", "<\\/").replace("<!--", "<\\!--");
    }

    private static final java.util.Map<String, String> RESOURCES = new java.util.concurrent.ConcurrentHashMap<>();

    /** @return a stylesheet or script shipped beside this class, read once */
    static String resource(String name) {
        return RESOURCES.computeIfAbsent(name, Html::read);
    }

    private static String read(String name) {
        try (InputStream in = Html.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report resource " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The address of an image as seen from a page.
     *
     * @param image the image file
     * @param pageDir the directory the page is written to
     * @param embed inline the image as a data: URI instead of linking to it
     * @return a relative URL (each segment percent-encoded) or a data: URI
     * @throws IOException if an embedded image cannot be read
     */
    static String imageSrc(Path image, Path pageDir, boolean embed) throws IOException {
        if (embed) {
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(image));
        }
        Path rel = pageDir.toAbsolutePath().normalize().relativize(image.toAbsolutePath().normalize());
        StringBuilder b = new StringBuilder();
        for (Path part : rel) {
            if (!b.isEmpty()) {
                b.append('/');
            }
            String p = part.toString();
            b.append(p.equals("..") ? p : URLEncoder.encode(p, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }

    static String number(Object v) {
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.6g", d).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
                    .replaceAll("\\.$", "");
        }
        return String.valueOf(v);
    }
}
