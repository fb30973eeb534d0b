package io.jgan.cli;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distribution archive cli/target/jgan-VERSION.zip, unpacked away from the sources, trains a
 * toy model with only a JDK: no Maven on PATH, no source tree, nothing but the archive.
 */
class DistributionIT {
    @TempDir
    Path tmp;

    @Test
    void unpackedArchiveTrainsAToyModelWithoutMaven() throws Exception {
        Path zip = Path.of(System.getProperty("jgan.dist"));
        Path home = unzip(zip, tmp.resolve("opt")).resolve(zip.getFileName().toString().replaceFirst("\\.zip$", ""));
        for (String f : List.of("bin/jgan", "bin/jgan.cmd", "bin/find-jdk.sh", "README.md", "LICENSE")) {
            assertTrue(Files.isRegularFile(home.resolve(f)), f);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/jgan")), "bin/jgan keeps its executable bit");
        List<String> jars;
        try (var s = Files.list(home.resolve("lib"))) {
            jars = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("cli-")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("picocli-")), jars.toString());
        // XChart's PDF, SVG/EPS and animated-GIF encoders are excluded: jgan only writes PNG
        assertFalse(jars.stream().anyMatch(j -> j.matches("(pdfbox|fontbox|graphics2d|VectorGraphics2D|animated-gif-lib).*")),
                jars.toString());

        Path path = Shell.pathWithoutMaven(Files.createDirectory(tmp.resolve("path")));
        Path run = tmp.resolve("run");
        Shell.Result r = Shell.run(tmp, env -> {
            env.put("PATH", path.toString());
            env.put("JAVA_HOME", System.getProperty("java.home"));
        }, List.of(home.resolve("bin/jgan").toString(), "train", "--model", "toy", "--dataset", "ring8",
                "--steps", "10", "--threads", "1", "--out", run.toString(), "--quiet"));
        assertEquals(0, r.code(), r.toString());
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/last.safetensors")), r.toString());
        assertTrue(Files.isRegularFile(run.resolve("config.json")), r.toString());
    }

    /** Unpacks with the Unix modes the archive records, as the unzip command does. */
    private static Path unzip(Path zip, Path into) throws Exception {
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            List<ZipArchiveEntry> entries = new ArrayList<>(Collections.list(z.getEntries()));
            for (ZipArchiveEntry e : entries) {
                Path target = into.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(into), e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, target);
                }
                int mode = e.getUnixMode() & 0777;
                if (mode != 0) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(rwx(mode)));
                }
            }
        }
        return into;
    }

    private static String rwx(int mode) {
        StringBuilder s = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int b = (mode >> shift) & 7;
            s.append((b & 4) != 0 ? 'r' : '-').append((b & 2) != 0 ? 'w' : '-').append((b & 1) != 0 ? 'x' : '-');
        }
        return s.toString();
    }
}
