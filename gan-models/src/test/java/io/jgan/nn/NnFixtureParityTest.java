package io.jgan.nn;

import io.jgan.autograd.fixtures.FixtureCase;
import io.jgan.autograd.fixtures.FixtureParityWalker;
import io.jgan.models.ProjectParityTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * This module's runners alone on a directory holding only their cases (batch norm and optimiser
 * fixtures), so a failure here points at gan-models rather than at another module's runner.
 */
class NnFixtureParityTest {
    @Test
    void batchNormAndOptimizerCasesMatchPyTorch(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path all = ProjectParityTest.fixturesDir();
        Set<String> ours = NnFixtureOps.own().ops();
        List<Path> files;
        try (Stream<Path> s = Files.list(all)) {
            files = s.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList();
        }
        int count = 0;
        for (Path f : files) {
            if (ours.contains(FixtureCase.load(f).op())) {
                Files.copy(f, tmp.resolve(f.getFileName()));
                count++;
            }
        }
        assertEquals(7, count, "batch_norm1d_train, batch_norm2d_train/eval and the four optimiser cases");
        FixtureParityWalker.Summary s = FixtureParityWalker.walk(tmp, NnFixtureOps.own(), Set.of());
        System.out.println("gan-models runners: " + s.line());
        assertEquals(List.of(), s.failures(), s.line());
        assertEquals(count, s.passed());
    }
}
