package io.jgan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./jgan right after the build that packaged the cli (this runs in the cli's integration-test
 * phase of `mvn install`): no rebuild, about a JVM start each time, with no Maven on PATH.
 * JGAN_NO_BUILD makes a stale check fail here instead of starting a Maven build inside this one.
 */
class LauncherIT {
    /** Far above the ~0.7 s one --version takes on the 2-core build machine; a rebuild takes 25 s or more. */
    private static final double MAX_SECONDS = 3;

    @TempDir
    Path bin;

    @Test
    void versionTwiceWithoutRebuildingEachUnderThreeSeconds() throws Exception {
        Path path = Shell.pathWithoutMaven(bin);
        for (int i = 0; i < 2; i++) {
            Shell.Result r = Shell.run(Shell.root(), env -> {
                env.put("PATH", path.toString());
                env.put("JGAN_NO_BUILD", "1");
            }, List.of("bash", Shell.root().resolve("jgan").toString(), "--version"));
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().startsWith("jgan "), r.toString());
            assertFalse(r.err().contains("building"), r.toString());
            assertTrue(r.seconds() < MAX_SECONDS, "run " + (i + 1) + ": " + r);
        }
    }
}
